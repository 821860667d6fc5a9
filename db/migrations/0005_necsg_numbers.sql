-- NECSG numbers come from an identity column (one INSERT each) instead of one counter row: two
-- batches saved at once never wait on each other's lock (PostgreSQL held the counter row's lock
-- until each batch committed).
DROP TABLE necsg_sequence;
CREATE TABLE necsg_numbers (
  id {{id}},
  assigned_at TEXT NOT NULL
);
