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

CREATE TRIGGER reserve_choice_insert AFTER INSERT ON portail_choices BEGIN
  INSERT INTO reserve_generations (organization_id, generation) VALUES (NEW.organization_id, 1)
    ON CONFLICT (organization_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER reserve_choice_update AFTER UPDATE ON portail_choices BEGIN
  INSERT INTO reserve_generations (organization_id, generation) VALUES (NEW.organization_id, 1)
    ON CONFLICT (organization_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER reserve_choice_delete AFTER DELETE ON portail_choices BEGIN
  INSERT INTO reserve_generations (organization_id, generation) VALUES (OLD.organization_id, 1)
    ON CONFLICT (organization_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER reserve_priorities_insert AFTER INSERT ON provider_priorities BEGIN
  INSERT INTO reserve_generations (organization_id, generation) VALUES (NEW.organization_id, 1)
    ON CONFLICT (organization_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER reserve_priorities_update AFTER UPDATE ON provider_priorities BEGIN
  INSERT INTO reserve_generations (organization_id, generation) VALUES (NEW.organization_id, 1)
    ON CONFLICT (organization_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER reserve_child_update AFTER UPDATE ON portail_children BEGIN
  INSERT INTO reserve_generations (organization_id, generation)
    SELECT organization_id, 1 FROM portail_choices WHERE child_id = NEW.id
    ON CONFLICT (organization_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER reserve_family_update AFTER UPDATE ON family_files BEGIN
  INSERT INTO reserve_generations (organization_id, generation)
    SELECT DISTINCT pc.organization_id, 1 FROM portail_choices pc
    JOIN portail_children ch ON ch.id = pc.child_id WHERE ch.family_id = NEW.id
    ON CONFLICT (organization_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER reserve_admission_insert AFTER INSERT ON admissions BEGIN
  INSERT INTO reserve_generations (organization_id, generation)
    SELECT organization_id, 1 FROM portail_choices WHERE child_id = NEW.child_id
    UNION SELECT NEW.organization_id, 1 WHERE 1
    ON CONFLICT (organization_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER reserve_admission_update AFTER UPDATE ON admissions BEGIN
  INSERT INTO reserve_generations (organization_id, generation)
    SELECT organization_id, 1 FROM portail_choices WHERE child_id = NEW.child_id
    UNION SELECT NEW.organization_id, 1 WHERE 1
    ON CONFLICT (organization_id) DO UPDATE SET generation = generation + 1;
END;
