-- Schema version 6: what triage needs beyond 0002.

-- How the reporter wants to be credited in the advisory (the issue's
-- "credit for the reporter"); free text, NULL until asked.
ALTER TABLE report ADD COLUMN credit TEXT;

-- The Root causes view groups root reports by CWE and by component.
CREATE INDEX report_cwe_idx ON report (cwe) WHERE thread_of IS NULL;
CREATE INDEX report_component_idx ON report (component) WHERE thread_of IS NULL;
CREATE INDEX report_duplicate_of_idx ON report (duplicate_of) WHERE duplicate_of IS NOT NULL;
