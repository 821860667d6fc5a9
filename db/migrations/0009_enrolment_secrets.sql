-- Issue 11 (ACC-02 amended): the identifiers that prove control of an entity are secrets the
-- ministry holds, imported with the enterprise register and stored hashed (argon2id), one row per
-- NEQ; each enrolment attempt is a row, for throttling across stateless servers; and a deferred
-- enrolment keeps the reasons it waits for the ministry's queue.
CREATE TABLE enterprise_secrets (
  neq TEXT PRIMARY KEY,
  assessment_hash TEXT,                 -- argon2id of the last assessment number, or none on file
  invitation_hash TEXT                  -- argon2id of the invitation code (upper case), or none
);

CREATE TABLE enrolment_attempts (
  id {{id}},
  neq TEXT NOT NULL,
  address TEXT NOT NULL,
  at TEXT NOT NULL,
  outcome TEXT NOT NULL                 -- immediate | deferred | invalid | throttled
);
CREATE INDEX enrolment_attempts_neq ON enrolment_attempts (neq, at);
CREATE INDEX enrolment_attempts_address ON enrolment_attempts (address, at);

-- The i18n keys of the reasons a deferred enrolment waits, comma-separated, first one shown to
-- the requester; the identifiers typed are no longer kept in clear (only whether they matched).
ALTER TABLE enrolments ADD COLUMN deferred_reasons TEXT;
UPDATE enrolments SET assessment_number = NULL, invitation_code = NULL;
