-- Schema version 9: a cheaper search index for the register.
--
-- FTS5 writes its pending terms out whenever they pass its hash size
-- (1 MB by default); with 8 MB an import of 100,000 items flushes and
-- merges far less. Single edits never come near it.

INSERT INTO debt_fts (debt_fts, rank) VALUES ('hashsize', 8388608);
