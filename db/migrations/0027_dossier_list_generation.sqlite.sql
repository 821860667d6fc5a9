-- The dossier list (issue 11: the providers' most viewed page): each server keeps, per
-- organization and search, the page it read (the total and its 50 rows), and reads this one row
-- per view; when it moved, the page is read again. It moves, on any server, when one of the
-- organization's dossiers is added, changed or removed, or an RSGE named in its dossiers (a BC's
-- list shows her name) is renamed. An organization without a row is at generation 0.
CREATE TABLE dossier_list_generation (
  organization_id BIGINT PRIMARY KEY REFERENCES organizations (id),
  generation BIGINT NOT NULL
);
CREATE TRIGGER dossier_list_insert AFTER INSERT ON dossiers
BEGIN
  INSERT INTO dossier_list_generation (organization_id, generation)
    VALUES (NEW.organization_id, 1)
    ON CONFLICT (organization_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER dossier_list_update AFTER UPDATE ON dossiers
BEGIN
  INSERT INTO dossier_list_generation (organization_id, generation)
    VALUES (NEW.organization_id, 1)
    ON CONFLICT (organization_id) DO UPDATE SET generation = generation + 1;
  INSERT INTO dossier_list_generation (organization_id, generation)
    SELECT OLD.organization_id, 1 WHERE OLD.organization_id <> NEW.organization_id
    ON CONFLICT (organization_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER dossier_list_delete AFTER DELETE ON dossiers
BEGIN
  INSERT INTO dossier_list_generation (organization_id, generation)
    VALUES (OLD.organization_id, 1)
    ON CONFLICT (organization_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER organizations_dossier_list_rename AFTER UPDATE OF name ON organizations
BEGIN
  INSERT INTO dossier_list_generation (organization_id, generation)
    SELECT DISTINCT organization_id, 1 FROM dossiers WHERE rsge_id = NEW.id
    ON CONFLICT (organization_id) DO UPDATE SET generation = generation + 1;
END;
