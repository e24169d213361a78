-- Schema version 2: disclosure sources, the reports synced from them, and
-- links between records of different kinds.

-- A place reports come from. Secrets are never stored here: they live in the
-- Secret Service, keyed by the source's id.
CREATE TABLE source (
  id                INTEGER PRIMARY KEY,
  kind              TEXT    NOT NULL CHECK (kind IN ('jmap', 'github', 'osv')),
  name              TEXT    NOT NULL UNIQUE CHECK (length (name) > 0),
  config            TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid (config)),
  enabled           INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  -- Opaque sync position (JMAP state, ETags, …), advanced in the same
  -- transaction as the data it covers.
  state             TEXT    CHECK (state IS NULL OR json_valid (state)),
  last_sync_time    INTEGER,
  last_success_time INTEGER,
  last_result       TEXT,
  last_error        TEXT,
  created           INTEGER NOT NULL
) STRICT;

-- One row per message (mail or advisory), keyed by (source, remote id). A
-- follow-up (In-Reply-To / References) is a row whose thread_of names the
-- report it answers; triage fields are used on the root report only.
CREATE TABLE report (
  id                INTEGER PRIMARY KEY,
  source_id         INTEGER REFERENCES source (id) ON DELETE SET NULL,
  remote_id         TEXT,
  thread_of         INTEGER REFERENCES report (id) ON DELETE SET NULL,
  message_id        TEXT,
  in_reply_to       TEXT,
  refs              TEXT    CHECK (refs IS NULL OR json_valid (refs)),
  title             TEXT    NOT NULL,
  reporter          TEXT,
  reporter_address  TEXT,
  received          INTEGER NOT NULL,
  body              TEXT    NOT NULL DEFAULT '',
  body_truncated    INTEGER NOT NULL DEFAULT 0 CHECK (body_truncated IN (0, 1)),
  html_only         INTEGER NOT NULL DEFAULT 0 CHECK (html_only IN (0, 1)),
  unread            INTEGER NOT NULL DEFAULT 1 CHECK (unread IN (0, 1)),
  -- Set when the message left the mailbox (or the advisory disappeared)
  -- after it arrived; the report itself is kept.
  withdrawn         INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
  status            TEXT    NOT NULL DEFAULT 'new'
                    CHECK (status IN ('new', 'acknowledged', 'triaged', 'fix-in-progress',
                                      'fixed', 'disclosed', 'closed')),
  close_reason      TEXT    CHECK (close_reason IS NULL OR
                                   close_reason IN ('duplicate', 'not-applicable',
                                                    'informative', 'spam')),
  close_note        TEXT,
  duplicate_of      INTEGER REFERENCES report (id) ON DELETE SET NULL,
  severity          TEXT    CHECK (severity IS NULL OR
                                   severity IN ('none', 'low', 'medium', 'high', 'critical')),
  cvss_vector       TEXT,
  cvss_score        REAL,
  cwe               TEXT,
  component         TEXT,
  affected_versions TEXT,
  fixed_version     TEXT,
  cve               TEXT,
  root_cause        TEXT,
  introduced_in     TEXT,
  regression_test   TEXT,
  acknowledged_time INTEGER,
  triaged_time      INTEGER,
  fixed_time        INTEGER,
  disclosed_time    INTEGER,
  closed_time       INTEGER,
  updated           INTEGER NOT NULL,
  UNIQUE (source_id, remote_id)
) STRICT;

CREATE INDEX report_status_idx ON report (status);
CREATE INDEX report_received_idx ON report (received);
CREATE INDEX report_thread_idx ON report (thread_of);
CREATE INDEX report_message_id_idx ON report (message_id);

CREATE TABLE attachment (
  id              INTEGER PRIMARY KEY,
  report_id       INTEGER NOT NULL REFERENCES report (id) ON DELETE CASCADE,
  blob_id         TEXT,
  name            TEXT,
  type            TEXT,
  size            INTEGER,
  downloaded_path TEXT
) STRICT;

CREATE INDEX attachment_report_idx ON attachment (report_id);

CREATE VIRTUAL TABLE report_fts USING fts5 (
  title, body, reporter, component,
  content = 'report', content_rowid = 'id'
);

CREATE TRIGGER report_fts_insert AFTER INSERT ON report BEGIN
  INSERT INTO report_fts (rowid, title, body, reporter, component)
  VALUES (new.id, new.title, new.body, new.reporter, new.component);
END;

CREATE TRIGGER report_fts_delete AFTER DELETE ON report BEGIN
  INSERT INTO report_fts (report_fts, rowid, title, body, reporter, component)
  VALUES ('delete', old.id, old.title, old.body, old.reporter, old.component);
END;

CREATE TRIGGER report_fts_update AFTER UPDATE OF title, body, reporter, component ON report BEGIN
  INSERT INTO report_fts (report_fts, rowid, title, body, reporter, component)
  VALUES ('delete', old.id, old.title, old.body, old.reporter, old.component);
  INSERT INTO report_fts (rowid, title, body, reporter, component)
  VALUES (new.id, new.title, new.body, new.reporter, new.component);
END;

-- Links between records of different kinds: a report and the debt items it
-- created, an assessment answer and its debt item, a vulnerability and its
-- debt item. Kinds are entity names as used in the event log.
CREATE TABLE link (
  id          INTEGER PRIMARY KEY,
  from_entity TEXT    NOT NULL,
  from_id     INTEGER NOT NULL,
  to_entity   TEXT    NOT NULL,
  to_id       INTEGER NOT NULL,
  created     INTEGER NOT NULL,
  UNIQUE (from_entity, from_id, to_entity, to_id)
) STRICT;

CREATE INDEX link_to_idx ON link (to_entity, to_id);
