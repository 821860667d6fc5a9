-- The dossier list (issue 11: the providers' most viewed page): each server keeps, per
-- organization and search, the page it read (the total and its 50 rows), and reads this one row
-- per view; when it moved, the page is read again. It moves, on any server, when one of the
-- organization's dossiers is added, changed or removed, or an RSGE named in its dossiers (a BC's
-- list shows her name) is renamed. An organization without a row is at generation 0. Once per
-- statement and organization (a sync batch saves many dossiers of one organization at once).
CREATE TABLE dossier_list_generation (
  organization_id BIGINT PRIMARY KEY REFERENCES organizations (id),
  generation BIGINT NOT NULL
);
-- `changed`: the rows inserted, or deleted; an update's new rows (and `changed_old`, its old ones).
CREATE FUNCTION dossier_list_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dossier_list_generation (organization_id, generation)
    SELECT DISTINCT organization_id, 1 FROM changed
    ON CONFLICT (organization_id)
    DO UPDATE SET generation = dossier_list_generation.generation + 1;
  RETURN NULL;
END;
$$;
CREATE FUNCTION dossier_list_bump_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dossier_list_generation (organization_id, generation)
    SELECT organization_id, 1 FROM changed UNION SELECT organization_id, 1 FROM changed_old
    ON CONFLICT (organization_id)
    DO UPDATE SET generation = dossier_list_generation.generation + 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER dossier_list_insert AFTER INSERT ON dossiers REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION dossier_list_bump();
CREATE TRIGGER dossier_list_update AFTER UPDATE ON dossiers
  REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION dossier_list_bump_update();
CREATE TRIGGER dossier_list_delete AFTER DELETE ON dossiers REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION dossier_list_bump();
CREATE FUNCTION dossier_list_bump_rsge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dossier_list_generation (organization_id, generation)
    SELECT DISTINCT d.organization_id, 1 FROM dossiers d JOIN changed o ON d.rsge_id = o.id
    ON CONFLICT (organization_id)
    DO UPDATE SET generation = dossier_list_generation.generation + 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER organizations_dossier_list_rename AFTER UPDATE ON organizations
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION dossier_list_bump_rsge();
