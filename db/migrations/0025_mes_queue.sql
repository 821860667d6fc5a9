-- The ministry's MES queue (issue 16) in transmission order: every transmitted request, read in
-- index order with its status and provider at hand, so that a page of 50 is read without sorting
-- the whole queue (13 ms of a 5,000-request queue's page on SQLite, 0.1 ms with it) and the counts
-- read the index alone.
CREATE INDEX mes_requests_transmitted ON mes_requests (transmitted_at, id, status, organization_id)
  WHERE transmitted_at IS NOT NULL;
