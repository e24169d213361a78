-- Schema version 4: self-assessments against a checklist.

-- Checklists a user imported. The checklist Flawdesk ships lives in the
-- resources and is not copied here.
CREATE TABLE checklist (
  id           INTEGER PRIMARY KEY,
  checklist_id TEXT    NOT NULL CHECK (length (checklist_id) > 0),
  version      INTEGER NOT NULL CHECK (version > 0),
  title        TEXT    NOT NULL,
  json         TEXT    NOT NULL CHECK (json_valid (json)),
  imported     INTEGER NOT NULL,
  UNIQUE (checklist_id, version)
) STRICT;

-- One run of a checklist by a team. Completing it freezes it; the evidence
-- facts are kept as they stood at that moment.
CREATE TABLE assessment (
  id                INTEGER PRIMARY KEY,
  team              TEXT    NOT NULL CHECK (length (team) > 0),
  assessor          TEXT    NOT NULL CHECK (length (assessor) > 0),
  date              TEXT    NOT NULL CHECK (date IS date (date)),
  checklist_id      TEXT    NOT NULL,
  checklist_version INTEGER NOT NULL,
  state             TEXT    NOT NULL DEFAULT 'in-progress'
                    CHECK (state IN ('in-progress', 'completed')),
  evidence          TEXT    CHECK (evidence IS NULL OR json_valid (evidence)),
  created           INTEGER NOT NULL,
  completed         INTEGER,
  updated           INTEGER NOT NULL,
  CHECK ((state = 'completed') = (completed IS NOT NULL))
) STRICT;

CREATE INDEX assessment_team_idx ON assessment (team, date);

-- One answer per item; rating NULL means "not assessed", which is not 0.
CREATE TABLE answer (
  id            INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
  item_id       TEXT    NOT NULL,
  rating        INTEGER CHECK (rating IS NULL OR rating BETWEEN 0 AND 3),
  note          TEXT    NOT NULL DEFAULT '',
  links         TEXT    NOT NULL DEFAULT '[]'
                CHECK (json_valid (links) AND json_type (links) = 'array'),
  updated       INTEGER NOT NULL,
  UNIQUE (assessment_id, item_id)
) STRICT;

-- A completed assessment is frozen, whoever writes to the file.
CREATE TRIGGER assessment_frozen BEFORE UPDATE ON assessment
WHEN old.state = 'completed'
BEGIN
  SELECT RAISE (ABORT, 'the assessment is completed and can no longer change');
END;

CREATE TRIGGER answer_frozen_insert BEFORE INSERT ON answer
WHEN (SELECT state FROM assessment WHERE id = new.assessment_id) = 'completed'
BEGIN
  SELECT RAISE (ABORT, 'the assessment is completed and can no longer change');
END;

CREATE TRIGGER answer_frozen_update BEFORE UPDATE ON answer
WHEN (SELECT state FROM assessment WHERE id = old.assessment_id) = 'completed'
BEGIN
  SELECT RAISE (ABORT, 'the assessment is completed and can no longer change');
END;

CREATE TRIGGER answer_frozen_delete BEFORE DELETE ON answer
WHEN (SELECT state FROM assessment WHERE id = old.assessment_id) = 'completed'
BEGIN
  SELECT RAISE (ABORT, 'the assessment is completed and can no longer change');
END;
