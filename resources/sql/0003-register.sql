-- Schema version 3: the security debt register.
--
-- Calendar dates (review_date, target_date) are ISO 8601 dates, YYYY-MM-DD,
-- so that they compare as text; instants (created, updated, deleted) are
-- Unix seconds (UTC), like event.time. Optional text is NULL, never ''.

-- The categories are data: the register shows and validates what is here.
CREATE TABLE debt_category (
  id        TEXT    PRIMARY KEY CHECK (id GLOB '[a-z]*' AND length (id) <= 64),
  name      TEXT    NOT NULL CHECK (length (name) > 0),
  position  INTEGER NOT NULL
) STRICT;

INSERT INTO debt_category (id, name, position) VALUES
  ('access_permissions',       'Access and permissions',      1),
  ('authentication',           'Authentication',              2),
  ('secrets_cryptography',     'Secrets and cryptography',    3),
  ('input_handling',           'Input handling',              4),
  ('dependencies',             'Dependencies',                5),
  ('configuration_deployment', 'Configuration and deployment', 6),
  ('logging_monitoring',       'Logging and monitoring',      7),
  ('design',                   'Design',                      8),
  ('process',                  'Process',                     9);

CREATE TABLE debt (
  id                    INTEGER PRIMARY KEY,
  title                 TEXT    NOT NULL CHECK (length (title) BETWEEN 1 AND 500),
  description           TEXT    CHECK (description IS NULL OR length (CAST (description AS BLOB)) <= 1048576),
  category              TEXT    REFERENCES debt_category (id),
  component             TEXT,
  cwe                   TEXT    CHECK (cwe IS NULL OR (cwe GLOB 'CWE-[1-9]*' AND substr (cwe, 5) NOT GLOB '*[^0-9]*')),
  owner                 TEXT,
  approver              TEXT,
  links                 TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid (links) AND json_type (links) = 'array'),
  likelihood            INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  impact                INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
  principal             REAL    NOT NULL DEFAULT 0 CHECK (principal >= 0),
  interest              REAL    NOT NULL DEFAULT 0 CHECK (interest >= 0),
  status                TEXT    NOT NULL DEFAULT 'proposed'
                        CHECK (status IN ('proposed', 'accepted', 'scheduled', 'in_progress',
                                          'paid_off', 'wont_fix')),
  rationale             TEXT,
  compensating_controls TEXT,
  review_date           TEXT    CHECK (review_date IS NULL OR
                                       (review_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                        AND date (review_date) = review_date)),
  target_date           TEXT    CHECK (target_date IS NULL OR
                                       (target_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                        AND date (target_date) = target_date)),
  wont_fix_reason       TEXT,
  created               INTEGER NOT NULL,
  updated               INTEGER NOT NULL,
  -- Set when the item was deleted; it can be restored until then.
  deleted               INTEGER,
  CHECK (status <> 'accepted' OR
         (rationale IS NOT NULL AND compensating_controls IS NOT NULL AND review_date IS NOT NULL)),
  CHECK (status <> 'scheduled' OR target_date IS NOT NULL),
  CHECK (status <> 'wont_fix' OR wont_fix_reason IS NOT NULL)
) STRICT;

CREATE INDEX debt_status_idx ON debt (status) WHERE deleted IS NULL;
CREATE INDEX debt_review_idx ON debt (review_date) WHERE status = 'accepted' AND deleted IS NULL;

-- Kept in sync by the store explicitly, not by triggers: a per-row trigger
-- makes bulk imports several times slower.
CREATE VIRTUAL TABLE debt_fts USING fts5 (
  title, description, component,
  content = 'debt', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2'
);
