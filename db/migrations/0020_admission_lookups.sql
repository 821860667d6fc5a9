-- Issue 15, POR-04: a provider looks a child up by its confirmation number and birth date. Each
-- lookup is a row, so that misses are throttled per user (or access code) and per address across
-- stateless servers, and so that a child found by number may be admitted for a while after
-- (`child_id` and `organization_id` of a hit). `who`: "user:<id>" or "code:<id>".
CREATE TABLE admission_lookups (
  id {{id}},
  who TEXT NOT NULL,
  address TEXT NOT NULL,
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  child_id BIGINT REFERENCES portail_children (id),
  at TEXT NOT NULL,
  found BIGINT NOT NULL
);
CREATE INDEX admission_lookups_who ON admission_lookups (who, at);
CREATE INDEX admission_lookups_address ON admission_lookups (address, at);

-- Recording the end of services frees the place: when the provider asks for it, a free place
-- of the child's age group is declared at once (free_places).
ALTER TABLE admissions ADD COLUMN reopen_place BIGINT NOT NULL DEFAULT 1;
