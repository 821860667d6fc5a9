-- The registry (issue 4): dossiers parent-enfant with their versions and last validation
-- messages, the civil-registry and address references, closing days, CISSS reservations, and
-- the NECSG sequence.

-- The civil registry (Directeur de l'état civil), loaded by `sgee import civil-registry`.
CREATE TABLE civil_registry (
  nirec TEXT PRIMARY KEY,
  surname TEXT NOT NULL,
  given_name TEXT NOT NULL,
  sex TEXT NOT NULL,
  birth_date TEXT NOT NULL
);

-- The address reference, loaded by `sgee import addresses`; `search_key` (accent- and
-- case-folded "147 rue des patriotes quebec") serves the autocomplete's prefix search.
CREATE TABLE addresses (
  id {{id}},
  civic_number TEXT NOT NULL,
  civic_suffix TEXT,
  street TEXT NOT NULL,
  municipality TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION,
  search_key TEXT NOT NULL,
  match_key TEXT NOT NULL             -- civic number, street and municipality folded: exact lookups
);
CREATE INDEX addresses_search ON addresses (search_key);
CREATE INDEX addresses_match ON addresses (match_key);

-- One dossier per (component, ref): the component is an installation or a BC (then `rsge_id`).
-- `data` is the current version's JSON (spec/api.md form); `status` and `messages` are those of the
-- last validation, even when that one was rejected and the data stayed as it was.
CREATE TABLE dossiers (
  id {{id}},
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  ref TEXT NOT NULL,
  rsge_id BIGINT REFERENCES organizations (id),
  version BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'pending')),
  messages TEXT NOT NULL,               -- JSON array of the last validation's messages
  data TEXT NOT NULL,
  nirec TEXT,
  necsg TEXT,
  birth_date TEXT,
  child_surname TEXT,
  child_given_name TEXT,
  search_key TEXT NOT NULL,             -- child and guardians' names, folded, for the list's search
  age_bracket TEXT,                     -- the latest bracket
  first_start TEXT,                     -- the first agreement's start, last agreement's end
  last_end TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (organization_id, ref)
);
CREATE INDEX dossiers_nirec ON dossiers (nirec);
CREATE INDEX dossiers_necsg ON dossiers (necsg);
CREATE INDEX dossiers_list ON dossiers (organization_id, child_surname, child_given_name);

-- Every accepted change is a new version; the earlier ones stay readable.
CREATE TABLE dossier_versions (
  dossier_id BIGINT NOT NULL REFERENCES dossiers (id),
  version BIGINT NOT NULL,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  user_id BIGINT REFERENCES users (id),
  access_code_id BIGINT REFERENCES access_codes (id),
  PRIMARY KEY (dossier_id, version)
);

-- NECSG numbers are assigned in sequence (DOS-06).
CREATE TABLE necsg_sequence (
  id BIGINT PRIMARY KEY,
  last_value BIGINT NOT NULL
);
INSERT INTO necsg_sequence (id, last_value) VALUES (1, 0);

-- SYN-10: an installation's closing days, per date.
CREATE TABLE closing_days (
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  day TEXT NOT NULL,
  closed TEXT NOT NULL,                 -- the closed half-periods: "AM PM S1 S2 N1 N2"
  administration_open BIGINT NOT NULL DEFAULT 0,
  care_open BIGINT NOT NULL DEFAULT 0,
  reason TEXT NOT NULL,
  PRIMARY KEY (organization_id, day)
);

-- SYN-20: an installation's CISSS reservations.
CREATE TABLE cisss_reservations (
  id {{id}},
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  days_per_week BIGINT NOT NULL,
  places BIGINT NOT NULL,
  age TEXT NOT NULL CHECK (age IN ('0-17', '18-59'))
);
CREATE INDEX cisss_reservations_organization ON cisss_reservations (organization_id);
