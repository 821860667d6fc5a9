-- Issue 15: the ministry's list of admission priorities a CPE or subsidized garderie may declare
-- (ranking.hpp, rule 4), as data: each code's place in the list; its words are the i18n keys
-- rank.criterion.CODE. provider_priorities.criteria and portail_children.priority_criteria hold
-- these codes. "special_needs" is the child's own flag (portail_children.special_needs): the
-- parent is not asked twice.
CREATE TABLE priority_criteria (
  code TEXT PRIMARY KEY,
  position BIGINT NOT NULL
);
INSERT INTO priority_criteria (code, position) VALUES ('special_needs', 1);
INSERT INTO priority_criteria (code, position) VALUES ('precarious', 2);
INSERT INTO priority_criteria (code, position) VALUES ('parent_studies', 3);
INSERT INTO priority_criteria (code, position) VALUES ('cisss_referral', 4);
INSERT INTO priority_criteria (code, position) VALUES ('partner_employer', 5);
INSERT INTO priority_criteria (code, position) VALUES ('age_group', 6);
INSERT INTO priority_criteria (code, position) VALUES ('neighbourhood', 7);

-- The rank a parent was last shown for a child at a provider (the child's page), so that the next
-- visit says how it moved: the position and the band's low and high ends. Only the parent's own
-- view: never shown to anyone else.
CREATE TABLE rank_seen (
  child_id BIGINT NOT NULL REFERENCES portail_children (id),
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  position BIGINT NOT NULL,
  band_low BIGINT NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (child_id, organization_id)
);
