-- Schema version 1: the append-only event log every later write goes through.

CREATE TABLE event (
  id         INTEGER PRIMARY KEY,
  entity     TEXT    NOT NULL CHECK (length (entity) > 0),
  entity_id  INTEGER NOT NULL,
  field      TEXT    NOT NULL CHECK (length (field) > 0),
  old_value  TEXT,
  new_value  TEXT,
  time       INTEGER NOT NULL,
  actor      TEXT    NOT NULL
) STRICT;

CREATE INDEX event_entity_idx ON event (entity, entity_id, time);
CREATE INDEX event_time_idx ON event (time);

CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
  SELECT RAISE (ABORT, 'the event log is append-only');
END;

CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN
  SELECT RAISE (ABORT, 'the event log is append-only');
END;
