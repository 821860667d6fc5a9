-- The réserve de clientèle's ranked order, kept (issue 15, POR-03): ranking 5,000 children on every
-- page view is too slow, so each provider's order (ranking.hpp) is stored with its reasons and
-- recomputed when its réserve changed. `reserve_generations` counts the changes of what a
-- provider's order reads (a choice, a child's request, a family's address, an admission, the
-- declared priorities): the triggers below add one in the transaction of the change, on any
-- server. `reserve_rankings` says which generation (and which day: the 365 days of recent
-- admissions move with it) the stored order is of; a reader whose generation or day differs
-- recomputes it (reserve_store.cpp). Nothing lives in a server's memory.
CREATE TABLE reserve_generations (
  organization_id BIGINT PRIMARY KEY,
  generation BIGINT NOT NULL
);
CREATE TABLE reserve_rankings (
  organization_id BIGINT PRIMARY KEY,
  generation BIGINT NOT NULL,
  ranked_on TEXT NOT NULL,
  total BIGINT NOT NULL
);
-- One row per child of the réserve: its position (1: the next place), category (1–5), the declared
-- criterion it was picked by, and whether another child of its family file is in this réserve.
CREATE TABLE reserve_positions (
  organization_id BIGINT NOT NULL,
  position BIGINT NOT NULL,
  child_id BIGINT NOT NULL,
  category BIGINT NOT NULL,
  priority TEXT,
  sibling BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, position)
);
CREATE INDEX reserve_positions_child ON reserve_positions (organization_id, child_id);

CREATE FUNCTION reserve_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r RECORD;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_TABLE_NAME IN ('portail_choices', 'provider_priorities') THEN
    INSERT INTO reserve_generations (organization_id, generation) VALUES (r.organization_id, 1)
      ON CONFLICT (organization_id) DO UPDATE SET generation = reserve_generations.generation + 1;
  ELSIF TG_TABLE_NAME = 'portail_children' THEN
    INSERT INTO reserve_generations (organization_id, generation)
      SELECT organization_id, 1 FROM portail_choices WHERE child_id = r.id
      ON CONFLICT (organization_id) DO UPDATE SET generation = reserve_generations.generation + 1;
  ELSIF TG_TABLE_NAME = 'family_files' THEN
    INSERT INTO reserve_generations (organization_id, generation)
      SELECT DISTINCT pc.organization_id, 1 FROM portail_choices pc
      JOIN portail_children ch ON ch.id = pc.child_id WHERE ch.family_id = r.id
      ON CONFLICT (organization_id) DO UPDATE SET generation = reserve_generations.generation + 1;
  ELSIF TG_TABLE_NAME = 'admissions' THEN
    INSERT INTO reserve_generations (organization_id, generation)
      SELECT organization_id, 1 FROM portail_choices WHERE child_id = r.child_id
      UNION SELECT r.organization_id, 1
      ON CONFLICT (organization_id) DO UPDATE SET generation = reserve_generations.generation + 1;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER reserve_choice_change AFTER INSERT OR UPDATE OR DELETE ON portail_choices
  FOR EACH ROW EXECUTE FUNCTION reserve_generation_bump();
CREATE TRIGGER reserve_priorities_change AFTER INSERT OR UPDATE ON provider_priorities
  FOR EACH ROW EXECUTE FUNCTION reserve_generation_bump();
CREATE TRIGGER reserve_child_change AFTER UPDATE ON portail_children
  FOR EACH ROW EXECUTE FUNCTION reserve_generation_bump();
CREATE TRIGGER reserve_family_change AFTER UPDATE ON family_files
  FOR EACH ROW EXECUTE FUNCTION reserve_generation_bump();
CREATE TRIGGER reserve_admission_change AFTER INSERT OR UPDATE ON admissions
  FOR EACH ROW EXECUTE FUNCTION reserve_generation_bump();
