-- Schema version 8: the components the team ships and the vulnerabilities
-- known to affect them (OSV records).

CREATE TABLE component (
  id            INTEGER PRIMARY KEY,
  -- An OSV ecosystem: PyPI, npm, crates.io, Go, Maven, NuGet, RubyGems, …
  ecosystem     TEXT    NOT NULL CHECK (length (ecosystem) > 0),
  name          TEXT    NOT NULL CHECK (length (name) > 0),
  version       TEXT    NOT NULL CHECK (length (version) > 0),
  purl          TEXT,
  -- Where it came from: the name of the imported file, or 'manual'.
  import_source TEXT    NOT NULL CHECK (length (import_source) > 0),
  -- NULL: never checked. Otherwise the time of the last check, also when it
  -- found nothing.
  last_checked  INTEGER,
  created       INTEGER NOT NULL,
  updated       INTEGER NOT NULL,
  UNIQUE (import_source, ecosystem, name, version)
) STRICT;

CREATE INDEX component_package_idx ON component (ecosystem, name, version);

CREATE TABLE vulnerability (
  id        INTEGER PRIMARY KEY,
  -- The id the record was first stored under; every id (this one included)
  -- is in vuln_alias.
  osv_id    TEXT    NOT NULL UNIQUE CHECK (length (osv_id) > 0),
  summary   TEXT,
  details   TEXT,
  -- OSV severity[]: [{"type": "CVSS_V3", "score": "CVSS:3.1/…"}]
  severity  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid (severity)),
  modified  INTEGER NOT NULL,
  published INTEGER,
  withdrawn INTEGER,
  -- OSV references[]: [{"type": "ADVISORY", "url": "…"}]
  refs      TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid (refs)),
  -- OSV affected[] as received, and the fixed versions found in its ranges.
  affected  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid (affected)),
  fixed     TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid (fixed)),
  fetched   INTEGER NOT NULL
) STRICT;

-- Every id a vulnerability is known by, so that the CVE, GHSA and PYSEC ids
-- of one flaw lead to one row.
CREATE TABLE vuln_alias (
  alias            TEXT    PRIMARY KEY CHECK (length (alias) > 0),
  vulnerability_id INTEGER NOT NULL REFERENCES vulnerability (id) ON DELETE CASCADE
) STRICT;

CREATE INDEX vuln_alias_vulnerability_idx ON vuln_alias (vulnerability_id);

CREATE TABLE component_vuln (
  component_id     INTEGER NOT NULL REFERENCES component (id) ON DELETE CASCADE,
  vulnerability_id INTEGER NOT NULL REFERENCES vulnerability (id) ON DELETE CASCADE,
  found            INTEGER NOT NULL,
  PRIMARY KEY (component_id, vulnerability_id)
) STRICT;

CREATE INDEX component_vuln_vulnerability_idx ON component_vuln (vulnerability_id);

-- A decision not to act on a vulnerability for now. Nothing is suppressed
-- forever: a suppression stops applying at its expiry.
CREATE TABLE suppression (
  id               INTEGER PRIMARY KEY,
  vulnerability_id INTEGER NOT NULL REFERENCES vulnerability (id) ON DELETE CASCADE,
  -- NULL: for every component the vulnerability affects.
  component_id     INTEGER REFERENCES component (id) ON DELETE CASCADE,
  reason           TEXT    NOT NULL CHECK (length (trim (reason)) > 0),
  expires          INTEGER NOT NULL,
  created          INTEGER NOT NULL,
  actor            TEXT    NOT NULL,
  CHECK (expires > created)
) STRICT;

CREATE INDEX suppression_vulnerability_idx ON suppression (vulnerability_id);
