-- The ministry's MES queue (issue 16) at 5,000 requests and more: each server keeps in memory, for
-- each combination of filters asked, the counts per status and the requests' ids in each sort's
-- order, and the rows as a page shows them, and reads this one row per page; when it moved, they
-- are read again. It moves, on any server, when a request enters, leaves or moves in the queue or
-- changes what the page shows of it (transmitted, status, number, type, provider kind, provider,
-- agent), or a provider, a child or a user changes name (or a provider its number or region). A
-- draft's edits do not.
CREATE TABLE mes_queue_generation (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  generation BIGINT NOT NULL
);
INSERT INTO mes_queue_generation (id, generation) VALUES (1, 0);
CREATE FUNCTION mes_queue_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE mes_queue_generation SET generation = generation + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER mes_queue_change
  AFTER INSERT OR DELETE
    OR UPDATE OF status, transmitted_at, number, type, provider_kind, organization_id, assigned_to
  ON mes_requests
  FOR EACH STATEMENT EXECUTE FUNCTION mes_queue_generation_bump();
CREATE TRIGGER organizations_mes_queue_update AFTER UPDATE OF name, number, region ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION mes_queue_generation_bump();
CREATE TRIGGER portail_children_mes_queue_update AFTER UPDATE OF given_name, surname
  ON portail_children FOR EACH STATEMENT EXECUTE FUNCTION mes_queue_generation_bump();
CREATE TRIGGER users_mes_queue_update AFTER UPDATE OF given_name, surname ON users
  FOR EACH STATEMENT EXECUTE FUNCTION mes_queue_generation_bump();

-- The ids are read from one of these indexes alone (every filter but the provider's region is in
-- them: 2.3 ms → 0.4 ms for the first 50 of a region's new requests still transmitted), then a
-- page's 50 requests with their child, provider and agent.
DROP INDEX mes_requests_queue;
CREATE INDEX mes_requests_queue
  ON mes_requests (status, transmitted_at, id, organization_id, provider_kind, type, assigned_to);
DROP INDEX mes_requests_transmitted;
CREATE INDEX mes_requests_transmitted
  ON mes_requests (transmitted_at, id, status, organization_id, provider_kind, type, assigned_to)
  WHERE transmitted_at IS NOT NULL;
