-- Schema version 9: a cheaper search index for the register.
--
-- The register's search asks for prefixes of words, never phrases or
-- NEAR, so the index keeps which columns a term is in but not its
-- positions (detail = column): it is smaller and an import of 100,000
-- items builds it in about half the time. The store cuts queries into
-- single terms with this same tokenizer (flaw_debt_db_search()). The 1- and
-- 2-letter prefix indexes stay, for the first keystrokes.
--
-- FTS5 writes its pending terms out whenever they pass its hash size
-- (1 MB by default); with 8 MB a bulk load flushes and merges far less.
-- Single edits never come near it.

DROP TABLE debt_fts;

CREATE VIRTUAL TABLE debt_fts USING fts5 (
  title, description, component,
  content = 'debt', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2',
  detail = column
);

INSERT INTO debt_fts (debt_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO debt_fts (debt_fts) VALUES ('rebuild');
