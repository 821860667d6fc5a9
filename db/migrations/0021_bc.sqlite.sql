-- The bureau coordonnateur's RSGE registry (issue 15, POR-06; seed 001). The ministry's register
-- stays the source of truth for an RSGE's name, number, address, capacity and recognition status
-- (organizations); the BC keeps her contact details and her suspension periods.
CREATE TABLE rsge_contacts (
  rsge_id BIGINT PRIMARY KEY REFERENCES organizations (id),
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users (id)
);

-- An admission confirmed by the BC's management software (the sync API) names its access code.
ALTER TABLE admissions ADD COLUMN confirmed_by_code BIGINT;

-- A suspended RSGE is neither on the public map nor choosable from its start to `shown_from`, the
-- day she shows again: her return (the day after end_date) less the days the BC chose
-- (show_days_before). No end date: hidden until further notice. Rows written before this
-- migration show again the last day of their period.
ALTER TABLE rsge_suspensions ADD COLUMN show_days_before BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rsge_suspensions ADD COLUMN shown_from TEXT;
ALTER TABLE rsge_suspensions ADD COLUMN added_at TEXT;
ALTER TABLE rsge_suspensions ADD COLUMN added_by BIGINT REFERENCES users (id);
UPDATE rsge_suspensions SET shown_from = end_date WHERE end_date IS NOT NULL;
CREATE INDEX rsge_suspensions_rsge ON rsge_suspensions (rsge_id, start_date);

-- A suspension added, ended or removed changes the map (migration 0015's generation). Its dates
-- also make an RSGE appear or disappear as days pass: the map's index is read again each day.
CREATE TRIGGER rsge_suspensions_map_insert AFTER INSERT ON rsge_suspensions
BEGIN
  UPDATE map_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER rsge_suspensions_map_update AFTER UPDATE ON rsge_suspensions
BEGIN
  UPDATE map_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER rsge_suspensions_map_delete AFTER DELETE ON rsge_suspensions
BEGIN
  UPDATE map_generation SET generation = generation + 1 WHERE id = 1;
END;
