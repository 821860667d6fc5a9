-- The registry no longer writes the occupation engine's part of each dossier in its own row
-- (issue 12: occupation reads the registry, never the reverse): the engine keeps it in its own
-- table, written in the saving transaction through the listener the app registers at start-up
-- (csg::store::add_save_listener, occupation::store::dossier_listener). A dossier without a row
-- here (saved before 0006) is read from its JSON.
CREATE TABLE dossier_occupation (
  dossier_id BIGINT PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
  occupation TEXT NOT NULL
);
INSERT INTO dossier_occupation (dossier_id, occupation)
  SELECT id, occupation FROM dossiers WHERE occupation IS NOT NULL;
ALTER TABLE dossiers DROP COLUMN occupation;
