-- The Portail's public map (issue 14). Geocoding a postal code alone: the centroid of the
-- reference's addresses with that code, read through this index.
CREATE INDEX addresses_postal_code ON addresses (postal_code);

-- The map's search generation: every change of a fiche, or of what the map shows of its
-- organization, adds one. Each server keeps the published fiches in memory and reads this one row
-- per search: when it moved, the server reads the fiches again, so a fiche published, withdrawn
-- or edited on any server is found (or not) at the next search everywhere.
CREATE TABLE map_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation BIGINT NOT NULL
);
INSERT INTO map_generation (id, generation) VALUES (1, 0);
CREATE TRIGGER fiches_map_insert AFTER INSERT ON fiches
BEGIN
  UPDATE map_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER fiches_map_update AFTER UPDATE ON fiches
BEGIN
  UPDATE map_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER fiches_map_delete AFTER DELETE ON fiches
BEGIN
  UPDATE map_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER organizations_map_update
AFTER UPDATE OF name, kind, number, installation_kind, places_0_17, places_18_59, places_school,
  places ON organizations
BEGIN
  UPDATE map_generation SET generation = generation + 1 WHERE id = 1;
END;
