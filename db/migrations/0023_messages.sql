-- Messaging (issue 15; seed 001 lists it for BCs): threads between a parent and a provider (an
-- installation or an RSGE) about one child's request, and between a BC and one of its RSGE.
-- `kind` 'family': organization_id is the provider, child_id the child; 'bc': organization_id is
-- the RSGE, bc_id her BC. One thread per child and provider, one per BC and RSGE (the partial
-- unique indexes). last_message_at orders the inboxes, newest first.
CREATE TABLE message_threads (
  id {{id}},
  kind TEXT NOT NULL CHECK (kind IN ('family', 'bc')),
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  child_id BIGINT REFERENCES portail_children (id),
  bc_id BIGINT REFERENCES organizations (id),
  subject TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES users (id),
  last_message_at TEXT NOT NULL
);
CREATE UNIQUE INDEX message_threads_child ON message_threads (child_id, organization_id)
  WHERE child_id IS NOT NULL;
CREATE UNIQUE INDEX message_threads_bc ON message_threads (bc_id, organization_id)
  WHERE bc_id IS NOT NULL;
CREATE INDEX message_threads_provider ON message_threads (organization_id, last_message_at);

-- A message: its author's account and side (parent | provider | bc | rsge), the organization a
-- staff member wrote for (none for a parent), the body as typed (line breaks kept, ≤ 5,000
-- characters).
CREATE TABLE messages (
  id {{id}},
  thread_id BIGINT NOT NULL REFERENCES message_threads (id),
  author_id BIGINT NOT NULL REFERENCES users (id),
  author_side TEXT NOT NULL,
  author_org_id BIGINT REFERENCES organizations (id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX messages_thread ON messages (thread_id, id);

-- Unread messages per account and thread, kept as they change: +1 for each reader of the other
-- side in the transaction of a new message, 0 when the account opens the thread. `notified`: an
-- e-mail notice went out for the unread messages waiting (one per thread while they wait).
CREATE TABLE message_unread (
  user_id BIGINT NOT NULL REFERENCES users (id),
  thread_id BIGINT NOT NULL REFERENCES message_threads (id),
  unread BIGINT NOT NULL DEFAULT 0,
  notified BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, thread_id)
);
CREATE INDEX message_unread_waiting ON message_unread (user_id, unread);
