-- Access module (issue 3): organizations, users, sign-in sessions, delegated rights, API access
-- codes, enterprise enrolment, e-mail outbox, one-time tokens and the audit log.

-- Every party that acts or is acted for: the ministry, divisions (legal entities) with their
-- installations, bureaux coordonnateurs (BC) and the home-based providers (RSGE) they recognize.
CREATE TABLE organizations (
  id {{id}},
  kind TEXT NOT NULL CHECK (kind IN ('ministry', 'division', 'installation', 'bc', 'rsge')),
  number TEXT,                          -- 8 digits (none for the ministry)
  name TEXT NOT NULL,
  parent_id BIGINT REFERENCES organizations (id),  -- installation, bc -> division; rsge -> bc
  legal_form TEXT,                      -- division: sole | corporation | nonprofit | partnership
  neq TEXT,                             -- division: Québec enterprise number (10 digits)
  installation_kind TEXT,               -- installation: CPE | GS | GNS
  places_0_17 BIGINT,
  places_18_59 BIGINT,
  places_school BIGINT,
  places BIGINT,                        -- rsge: recognized capacity
  recognition_status TEXT,              -- rsge: recognized | suspended | revoked
  territory TEXT,                       -- bc
  civic_number TEXT,
  street TEXT,
  municipality TEXT,
  postal_code TEXT,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION,
  created_at TEXT NOT NULL,
  UNIQUE (kind, number)
);
CREATE INDEX organizations_parent ON organizations (parent_id);

CREATE TABLE rsge_suspensions (
  id {{id}},
  rsge_id BIGINT NOT NULL REFERENCES organizations (id),
  start_date TEXT NOT NULL,
  end_date TEXT,
  reason TEXT
);

-- The enterprise reference table (officers of each enterprise), imported by the ministry.
CREATE TABLE enterprises (
  id {{id}},
  neq TEXT NOT NULL,
  name TEXT NOT NULL,
  legal_form TEXT NOT NULL,
  officer_surname TEXT NOT NULL,
  officer_given_name TEXT NOT NULL,
  officer_role TEXT NOT NULL
);
CREATE INDEX enterprises_neq ON enterprises (neq);

CREATE TABLE users (
  id {{id}},
  kind TEXT NOT NULL CHECK (kind IN ('enterprise', 'parent', 'ministry')),
  user_code TEXT UNIQUE,                -- sign-in name of enterprise users and agents
  email TEXT UNIQUE,                    -- sign-in name of parents; contact for everyone
  surname TEXT NOT NULL,
  given_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,          -- argon2id (libsodium crypto_pwhash_str)
  must_change_password BIGINT NOT NULL DEFAULT 0,
  email_verified_at TEXT,
  totp_secret TEXT,
  totp_enabled BIGINT NOT NULL DEFAULT 0,
  organization_id BIGINT REFERENCES organizations (id),  -- enterprise users: their division
  is_rse BIGINT NOT NULL DEFAULT 0,     -- responsable des services électroniques
  disabled_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX users_organization ON users (organization_id);

-- Rights granted by the RSE to a staff member, per installation (or BC, or RSGE).
CREATE TABLE user_rights (
  user_id BIGINT NOT NULL REFERENCES users (id),
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  right_name TEXT NOT NULL,
  granted_by BIGINT REFERENCES users (id),
  granted_at TEXT NOT NULL,
  PRIMARY KEY (user_id, organization_id, right_name)
);

-- Sign-in sessions live in the database: any number of servers share them; a restart signs no one out.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,          -- hash of the cookie value; the value itself is never stored
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  second_factor_done BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  address TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Sign-in attempts, for throttling per account and per address (stored, not in memory).
CREATE TABLE sign_in_attempts (
  id {{id}},
  account TEXT NOT NULL,
  address TEXT NOT NULL,
  at TEXT NOT NULL,
  succeeded BIGINT NOT NULL
);
CREATE INDEX sign_in_attempts_account ON sign_in_attempts (account, at);
CREATE INDEX sign_in_attempts_address ON sign_in_attempts (address, at);

-- E-mail verification and password-reset links: single use, hashed, with an expiry.
CREATE TABLE one_time_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);

CREATE TABLE enrolments (
  id {{id}},
  legal_form TEXT NOT NULL,
  neq TEXT NOT NULL,
  assessment_number TEXT,
  invitation_code TEXT,
  entity_name TEXT NOT NULL,
  representative_surname TEXT NOT NULL,
  representative_given_name TEXT NOT NULL,
  representative_role TEXT NOT NULL,
  representative_email TEXT NOT NULL,
  rse_surname TEXT NOT NULL,
  rse_given_name TEXT NOT NULL,
  rse_email TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'refused')),
  division_id BIGINT REFERENCES organizations (id),
  rse_user_id BIGINT REFERENCES users (id),
  decided_by BIGINT REFERENCES users (id),
  decided_at TEXT,
  decision_reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX enrolments_status ON enrolments (status, created_at);

-- Sync API access codes (SYN-03): one installation or one BC each; stored hashed, shown once.
CREATE TABLE access_codes (
  id {{id}},
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  code_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  created_by BIGINT REFERENCES users (id),
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX access_codes_organization ON access_codes (organization_id);

-- POR-05: an RSGE authorizes its BC to admit children on its behalf.
CREATE TABLE bc_admission_mandates (
  rsge_id BIGINT PRIMARY KEY REFERENCES organizations (id),
  granted_by BIGINT REFERENCES users (id),
  granted_at TEXT NOT NULL
);

CREATE TABLE outbox (
  id {{id}},
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  attempts BIGINT NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX outbox_unsent ON outbox (sent_at, id);

-- One row per read or change of a child's or parent's personal data and per rights change.
CREATE TABLE audit_log (
  id {{id}},
  at TEXT NOT NULL,
  user_id BIGINT REFERENCES users (id),
  access_code_id BIGINT REFERENCES access_codes (id),
  organization_id BIGINT REFERENCES organizations (id),  -- on behalf of
  action TEXT NOT NULL,                 -- read | create | update | delete | grant | revoke | …
  record_type TEXT NOT NULL,            -- dossier | child | parent | user_rights | …
  record_id TEXT NOT NULL,
  subject_user_id BIGINT REFERENCES users (id),  -- the parent whose child's data it is, when known
  detail TEXT,
  address TEXT,
  request_id TEXT
);
CREATE INDEX audit_log_record ON audit_log (record_type, record_id, at);
CREATE INDEX audit_log_organization ON audit_log (organization_id, at);
CREATE INDEX audit_log_subject ON audit_log (subject_user_id, at);
