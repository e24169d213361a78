-- Schema version 5: the team's front door, the disclosure contacts and links
-- from which Flawdesk generates an RFC 9116 security.txt. There is one.

CREATE TABLE front_door (
  id                  INTEGER PRIMARY KEY CHECK (id = 1),
  -- URIs in order of preference (mailto:, https:, tel:).
  contacts            TEXT    NOT NULL DEFAULT '[]'
                      CHECK (json_valid (contacts) AND json_type (contacts) = 'array'),
  encryption          TEXT,
  acknowledgments     TEXT,
  canonicals          TEXT    NOT NULL DEFAULT '[]'
                      CHECK (json_valid (canonicals) AND json_type (canonicals) = 'array'),
  policy              TEXT,
  hiring              TEXT,
  preferred_languages TEXT,
  expires             INTEGER,
  updated             INTEGER NOT NULL
) STRICT;
