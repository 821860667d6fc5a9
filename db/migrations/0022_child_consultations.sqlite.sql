-- What each provider consulted of a Portail child's request through its réserve (issue 15,
-- POR-03), one row per child, provider, day (Québec) and kind, counted: the parent's page "who
-- consulted my child's file" reads it by child. A view of the réserve writes one audit_log row
-- (who, when, from where) and one of these per child shown, instead of an audit row per child
-- (50 a page: the réserve's speed at 64 connections, docs/benchmarks.md).
CREATE TABLE child_consultations (
  child_id BIGINT NOT NULL,
  organization_id BIGINT NOT NULL,
  day TEXT NOT NULL,
  what TEXT NOT NULL,  -- reserve_list, reserve_detail, reserve_export, reserve_api
  views BIGINT NOT NULL,
  first_at TEXT NOT NULL,
  last_at TEXT NOT NULL,
  PRIMARY KEY (child_id, organization_id, day, what)
) WITHOUT ROWID;
-- The consultations audited one row per child until now.
INSERT INTO child_consultations (child_id, organization_id, day, what, views, first_at, last_at)
SELECT ch.id, a.organization_id, substr(a.at, 1, 10), a.detail, COUNT(*), MIN(a.at), MAX(a.at)
  FROM audit_log a JOIN portail_children ch ON a.record_id = CAST(ch.id AS TEXT)
 WHERE a.record_type = 'portail_child' AND a.organization_id IS NOT NULL
   AND a.detail IN ('reserve_list', 'reserve_detail', 'reserve_export', 'reserve_api')
 GROUP BY ch.id, a.organization_id, substr(a.at, 1, 10), a.detail;
