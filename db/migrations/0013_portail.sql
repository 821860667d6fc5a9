-- Portail d'inscription, part 1 (issue 14; rules POR-01, POR-02, POR-07; seed 001): the providers'
-- fiches descriptives with their versions, and the parents' family files, children, requests and
-- choices. Part 2 (the réserve de clientèle, admissions) reads the choices.

-- POR-02: one fiche per installation (CPE, GS, GNS) or RSGE, keyed by its organization. The total
-- number of places is not stored here: it is the organization's (permit / recognition). Nothing of a
-- fiche is public while `published` is 0. `visible` lists, comma-separated, the optional fields the
-- provider shows (hours and days, name, kind and places are always shown once published).
-- `map_latitude` / `map_longitude`: where the public map puts the provider, the installation's own
-- position, an RSGE's approximate one (never her address).
CREATE TABLE fiches (
  organization_id BIGINT PRIMARY KEY REFERENCES organizations (id),
  published BIGINT NOT NULL DEFAULT 0,
  published_at TEXT,
  version BIGINT NOT NULL DEFAULT 0,
  opening_days TEXT NOT NULL DEFAULT '',  -- the days open, Monday first: "1111100"
  opens_at TEXT,                          -- "07:00"
  closes_at TEXT,                         -- "18:00"
  periods TEXT NOT NULL DEFAULT '',       -- offered, comma-separated: day,evening,night,weekend
  group_composition TEXT,
  daily_rate_cents BIGINT,                -- non-subsidized places only
  languages TEXT NOT NULL DEFAULT '',     -- comma-separated: fr,en,…
  presentation TEXT,
  free_0_17 BIGINT,                       -- places free now, per age group (an RSGE: free_0_17 and
  free_18_59 BIGINT,                      -- free_18_59 together make her free places)
  free_school BIGINT,
  visible TEXT NOT NULL DEFAULT '',       -- optional fields shown: periods,group_composition,rates,…
  map_latitude DOUBLE PRECISION,
  map_longitude DOUBLE PRECISION,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users (id)
);
CREATE INDEX fiches_map ON fiches (published, map_latitude, map_longitude);

-- Every saved change of a fiche: the whole fiche as JSON, who and when.
CREATE TABLE fiche_versions (
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  version BIGINT NOT NULL,
  data TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by BIGINT REFERENCES users (id),
  PRIMARY KEY (organization_id, version)
);

-- POR-01: a parent's family file (one per parent account): the parents, the home address (from the
-- address reference), phone and language of correspondence.
CREATE TABLE family_files (
  id {{id}},
  user_id BIGINT NOT NULL UNIQUE REFERENCES users (id),
  parent1_surname TEXT NOT NULL,
  parent1_given_name TEXT NOT NULL,
  parent2_surname TEXT,
  parent2_given_name TEXT,
  parent2_email TEXT,
  civic_number TEXT,
  street TEXT,
  municipality TEXT,
  postal_code TEXT,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION,
  phone TEXT,
  language TEXT NOT NULL DEFAULT 'fr',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- A child of a family file, registered once (POR-01) with its confirmation number, and its request:
-- desired start, desired schedule (seven day masks of the six half-periods, Monday first, as in the
-- agreements: "3,3,3,3,3,0,0"), and whether a place that does not fully match or a replacement
-- place is acceptable. `special_needs_text` is shown only to the providers the parent chose to
-- share it with (portail_choices.share_special_needs).
CREATE TABLE portail_children (
  id {{id}},
  family_id BIGINT NOT NULL REFERENCES family_files (id),
  confirmation_number TEXT NOT NULL UNIQUE,
  surname TEXT NOT NULL,
  given_name TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  sex TEXT NOT NULL,
  special_needs BIGINT NOT NULL DEFAULT 0,
  special_needs_text TEXT,
  desired_start TEXT,
  schedule TEXT NOT NULL DEFAULT '',
  accept_partial BIGINT NOT NULL DEFAULT 0,
  accept_replacement BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX portail_children_family ON portail_children (family_id);

-- The providers a parent chose for a child: the child then stands in each one's réserve (POR-03).
CREATE TABLE portail_choices (
  child_id BIGINT NOT NULL REFERENCES portail_children (id),
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  share_special_needs BIGINT NOT NULL DEFAULT 0,
  chosen_at TEXT NOT NULL,
  PRIMARY KEY (child_id, organization_id)
);
CREATE INDEX portail_choices_provider ON portail_choices (organization_id, child_id);
