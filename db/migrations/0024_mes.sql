-- MES requests (issue 16; seed 000, rules MES-01…13): the provider's request for exceptional
-- support hours for a child who has the AISG, from the draft to the ministry's decision. The pure
-- rules are src/mes/*_rules (types, form, documents, the state machine); this is their storage.

-- One request. `organization_id` is the provider the request is for: an installation (CPE, GS)
-- or, in home-based care, the RSGE (then `bc_id` is her BC, whose designated person fills it,
-- MES-13). `child_id` is the Portail child found by confirmation number + birth date, `dossier_id`
-- the registry dossier whose agreement and handicap period met the prerequisites at creation.
-- `number` is what people read ("MES-2026-000123"); routes never trust it or the id alone: the
-- request must belong to the organization of the URL (or the agent be the ministry's).
-- `answers` is the form as JSON (mes::Answers); `revision` grows by one with every save (two people
-- editing one draft: mes::check_revision). `reference_year` is the April year (2026 = 2026-04-01 …
-- 2027-03-31). `renews_id`: the request a renewal or transfer follows.
CREATE TABLE mes_requests (
  id {{id}},
  number TEXT NOT NULL UNIQUE,
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  bc_id BIGINT REFERENCES organizations (id),
  provider_kind TEXT NOT NULL CHECK (provider_kind IN ('cpe', 'gs', 'rsge')),
  child_id BIGINT NOT NULL REFERENCES portail_children (id),
  dossier_id BIGINT REFERENCES dossiers (id),
  type TEXT NOT NULL CHECK (type IN ('new', 'renewal', 'renewal_changes', 'transfer')),
  status TEXT NOT NULL CHECK (status IN ('brouillon', 'transmise', 'commentaires', 'conforme',
                                         'accordee', 'refusee', 'supprimee')),
  reference_year BIGINT NOT NULL,
  renews_id BIGINT REFERENCES mes_requests (id),
  answers TEXT NOT NULL DEFAULT '{}',
  requested_minutes BIGINT,
  revision BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES users (id),
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users (id),
  -- The signature (MES-09): who, when, and the SHA-256 of the content signed (mes::content_hash).
  signed_by BIGINT REFERENCES users (id),
  signed_at TEXT,
  signed_hash TEXT,
  first_transmitted_at TEXT,
  transmitted_at TEXT,                 -- the last transmission
  -- The ministry's side (MES-10, 12).
  assigned_to BIGINT REFERENCES users (id),
  conform_at TEXT,
  granted_minutes BIGINT,
  period_start TEXT,
  period_end TEXT,
  refusal_reason TEXT,
  decided_at TEXT,
  decided_by BIGINT REFERENCES users (id)
);
CREATE INDEX mes_requests_provider ON mes_requests (organization_id, status, updated_at);
CREATE INDEX mes_requests_bc ON mes_requests (bc_id, status) WHERE bc_id IS NOT NULL;
CREATE INDEX mes_requests_child ON mes_requests (child_id, reference_year);
CREATE INDEX mes_requests_queue ON mes_requests (status, transmitted_at);
CREATE INDEX mes_requests_assigned ON mes_requests (assigned_to, status);

-- Each transmission is a version holding the answers and the attachments' list as transmitted
-- (MES-10: the ministry sees what changed since the last one).
CREATE TABLE mes_versions (
  request_id BIGINT NOT NULL REFERENCES mes_requests (id),
  number BIGINT NOT NULL,
  type TEXT NOT NULL,
  answers TEXT NOT NULL,
  attachments TEXT NOT NULL,           -- JSON [{"nature":…, "sha256":…, "filename":…}]
  content_hash TEXT NOT NULL,
  transmitted_at TEXT NOT NULL,
  transmitted_by BIGINT REFERENCES users (id),
  PRIMARY KEY (request_id, number)
);

-- A PDF attached to a request (MES-07): checked by content (pdf::check_upload) before it is
-- stored, here, in the database (any server can serve it; backups hold it), with its SHA-256.
CREATE TABLE mes_attachments (
  id {{id}},
  request_id BIGINT NOT NULL REFERENCES mes_requests (id),
  nature TEXT NOT NULL,
  filename TEXT NOT NULL,
  size BIGINT NOT NULL,
  pages BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  document_date TEXT,                  -- the integration plan's date (less than one year)
  content {{blob}} NOT NULL,
  uploaded_at TEXT NOT NULL,
  uploaded_by BIGINT REFERENCES users (id)
);
CREATE INDEX mes_attachments_request ON mes_attachments (request_id, id);

-- The ministry's comments, per section (MES-10). Written by an agent, they stay hers until she
-- sends them (`sent_at`: the request goes to Commentaires, the provider sees them); the provider
-- ticks « Corrigé » (`corrected_at`), red → green. `version` is the transmission commented on.
CREATE TABLE mes_comments (
  id {{id}},
  request_id BIGINT NOT NULL REFERENCES mes_requests (id),
  section TEXT NOT NULL,
  body TEXT NOT NULL,
  version BIGINT NOT NULL,
  author_id BIGINT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  sent_at TEXT,
  corrected_at TEXT,
  corrected_by BIGINT REFERENCES users (id)
);
CREATE INDEX mes_comments_request ON mes_comments (request_id, id);

-- The ministry's communications (MES-12): a PDF letter generated from a template or uploaded,
-- attached to a conform or decided request; the provider must open it (`read_at`, `read_by`); an
-- e-mail notice goes through the outbox (`notified`).
CREATE TABLE mes_communications (
  id {{id}},
  request_id BIGINT NOT NULL REFERENCES mes_requests (id),
  title TEXT NOT NULL,
  filename TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  generated BIGINT NOT NULL DEFAULT 0,
  content {{blob}} NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES users (id),
  read_at TEXT,
  read_by BIGINT REFERENCES users (id),
  notified BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX mes_communications_request ON mes_communications (request_id, id);
CREATE INDEX mes_communications_unread ON mes_communications (request_id) WHERE read_at IS NULL;

-- The request's history as people read it: every status change and assignment, who and when.
-- (The audit log keeps every read and write of personal data besides.)
CREATE TABLE mes_events (
  id {{id}},
  request_id BIGINT NOT NULL REFERENCES mes_requests (id),
  at TEXT NOT NULL,
  user_id BIGINT REFERENCES users (id),
  action TEXT NOT NULL,                -- mes::Action as stored ("transmit", "comment", …)
  from_status TEXT,
  to_status TEXT,
  detail TEXT
);
CREATE INDEX mes_events_request ON mes_events (request_id, id);
