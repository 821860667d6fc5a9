-- Portail d'inscription, part 2 (issue 15; rules POR-03…06; seed 001): what the ranking reads
-- of a child and a choice, the admissions, and the events providers' software pulls. Referrals,
-- free places, declared priorities, the BC's RSGE registry and messaging add their own tables.

-- The priority criteria (from the ministry's list, ranking.hpp) the parent says the child meets,
-- comma-separated codes. Special needs are the child's own flag (portail_children.special_needs).
ALTER TABLE portail_children ADD COLUMN priority_criteria TEXT NOT NULL DEFAULT '';

-- Category 1–2 of the ranking: the parent says they work at this service; it counts once the
-- provider confirms it (staff_confirmed_at).
ALTER TABLE portail_choices ADD COLUMN staff_parent BIGINT NOT NULL DEFAULT 0;
ALTER TABLE portail_choices ADD COLUMN staff_confirmed_at TEXT;

-- A CPE's or subsidized garderie's declared admission priorities (ranking.hpp, rule 4): at most
-- 6 criteria codes of the ministry's list, comma-separated in the order declared, and the share of
-- its places they may take (0–50 %).
CREATE TABLE provider_priorities (
  organization_id BIGINT PRIMARY KEY REFERENCES organizations (id),
  criteria TEXT NOT NULL DEFAULT '',
  share_percent BIGINT NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users (id)
);

-- POR-04: a child admitted by a provider (from the réserve, a referral, or by confirmation number),
-- its planned start, the reason when a subsidized provider admits out of rank, and what follows:
-- state 'admitted' → 'confirmed' (an RSGE's admission, by her BC: POR-06) → 'ended' (the end of
-- services recorded), or 'cancelled'. `priority`: the declared criterion it was admitted by (the
-- share of places given by priority is counted on these). `dossier_id`: the registry's dossier
-- opened from it.
CREATE TABLE admissions (
  id {{id}},
  child_id BIGINT NOT NULL REFERENCES portail_children (id),
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  planned_start TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'admitted',
  priority TEXT,
  out_of_rank_reason TEXT,
  admitted_at TEXT NOT NULL,
  admitted_by BIGINT REFERENCES users (id),
  admitted_by_code BIGINT,
  confirmed_at TEXT,
  confirmed_by BIGINT REFERENCES users (id),
  dossier_id BIGINT,
  ended_at TEXT,
  place_id BIGINT,
  referral_id BIGINT
);
CREATE INDEX admissions_provider ON admissions (organization_id, state);
CREATE INDEX admissions_child ON admissions (child_id);

-- A free place a provider declares (issue 15): its age group, from when, the half-periods it
-- covers (the request's grid, "3,3,3,3,3,0,0"), whether it is a replacement place, and how many
-- children to refer at once (1, or more for an urgent place). 'open' → 'filled' (an admission)
-- or 'withdrawn'.
CREATE TABLE free_places (
  id {{id}},
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  age_group TEXT NOT NULL,
  available_from TEXT NOT NULL,
  schedule TEXT NOT NULL,
  replacement BIGINT NOT NULL DEFAULT 0,
  refer_at_once BIGINT NOT NULL DEFAULT 1,
  state TEXT NOT NULL DEFAULT 'open',
  declared_at TEXT NOT NULL,
  declared_by BIGINT REFERENCES users (id),
  filled_at TEXT,
  admission_id BIGINT
);
CREATE INDEX free_places_state ON free_places (state, organization_id);

-- A child referred for a free place (the best-ranked who fit it): 'referred' → 'accepted' (the
-- parent) → 'admitted' (the provider); or 'declined_parent', 'declined_provider' (with a reason),
-- 'expired' (no answer by respond_by), 'closed' (the place was filled by another child). The
-- rank's reasons at the time of the referral are kept.
CREATE TABLE referrals (
  id {{id}},
  place_id BIGINT NOT NULL REFERENCES free_places (id),
  child_id BIGINT NOT NULL REFERENCES portail_children (id),
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  state TEXT NOT NULL DEFAULT 'referred',
  position BIGINT,
  category BIGINT,
  priority TEXT,
  referred_at TEXT NOT NULL,
  respond_by TEXT NOT NULL,
  reminded_at TEXT,
  parent_answer_at TEXT,
  provider_answer_at TEXT,
  reason TEXT,
  UNIQUE (place_id, child_id)
);
CREATE INDEX referrals_child ON referrals (child_id, state);
CREATE INDEX referrals_place ON referrals (place_id, state);
CREATE INDEX referrals_provider ON referrals (organization_id, state);

-- The feed providers' management software pulls (GET /api/v1/installations/{n}/events): each
-- referral, admission and confirmation, written in the transaction of the change. `seq` is the
-- cursor, numbered per organization through portail_event_counters: the counter's row stays
-- locked until the writing transaction ends, so events of one organization commit in `seq` order
-- and a reader never sees a later one before an earlier one (which ids from a sequence do not
-- promise on PostgreSQL). `data` is the event's JSON.
CREATE TABLE portail_event_counters (
  organization_id BIGINT PRIMARY KEY REFERENCES organizations (id),
  last_seq BIGINT NOT NULL
);
CREATE TABLE portail_events (
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  seq BIGINT NOT NULL,
  kind TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (organization_id, seq)
);
