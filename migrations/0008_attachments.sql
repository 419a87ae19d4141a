-- Files attached to an agreement (annexes, signed scans), a meeting (its dossier), an action item
-- (a progress report's letter) or a case (judgment, decisions). The bytes are kept once per content
-- under <DATA_DIR>/files/<sha256>; each row is one upload of them to one record, with its own name.
-- Who may read an attachment is who may read its record (target_kind, target_id).

CREATE TABLE attachments (
  id            TEXT PRIMARY KEY,
  target_kind   TEXT NOT NULL CHECK (target_kind IN ('agreement', 'meeting', 'actionItem', 'case')),
  target_id     TEXT NOT NULL,
  name          TEXT NOT NULL,                 -- sanitised: no path separators, no control characters
  content_type  TEXT NOT NULL,                 -- from the content, never from the name
  size          INTEGER NOT NULL CHECK (size >= 0),
  sha256        TEXT NOT NULL,                 -- hex; the file is <DATA_DIR>/files/<sha256>
  uploaded_by   TEXT NOT NULL REFERENCES users(id),
  agency_id     TEXT NOT NULL REFERENCES agencies(id),
  created_at    TEXT NOT NULL
);
CREATE INDEX attachments_target ON attachments(target_kind, target_id, created_at);
CREATE INDEX attachments_sha256 ON attachments(sha256);
