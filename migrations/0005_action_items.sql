-- Action items as a first-class part of Concord: who assigned them, a person, a recurrence, an
-- anchor in the agreement's text, a status history, progress reports, and reminders that are
-- stored so that a restart neither loses nor repeats one.

ALTER TABLE action_items ADD COLUMN assigned_by_agency_id TEXT REFERENCES agencies(id);
ALTER TABLE action_items ADD COLUMN assignee_user_id TEXT REFERENCES users(id);
ALTER TABLE action_items ADD COLUMN recurrence TEXT;           -- JSON of shared/recurrence.ts, or null
ALTER TABLE action_items ADD COLUMN anchor_start TEXT;         -- base64 Y.RelativePosition in the agreement's text
ALTER TABLE action_items ADD COLUMN anchor_end TEXT;
ALTER TABLE action_items ADD COLUMN anchor_quote TEXT NOT NULL DEFAULT '';
ALTER TABLE action_items ADD COLUMN anchor_unit_id TEXT;       -- the article, clause or point
ALTER TABLE action_items ADD COLUMN anchor_removed_at TEXT;    -- set when the anchored text was deleted

UPDATE action_items SET assigned_by_agency_id = (SELECT agency_id FROM users WHERE users.id = action_items.assigned_by_user_id);

CREATE INDEX action_items_assigned_by ON action_items(assigned_by_agency_id, due_date);
CREATE INDEX action_items_agreement ON action_items(agreement_id);

CREATE TABLE action_item_events (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id      TEXT NOT NULL REFERENCES action_items(id) ON DELETE CASCADE,
  at           TEXT NOT NULL,
  user_id      TEXT REFERENCES users(id),
  from_status  TEXT,
  to_status    TEXT NOT NULL,
  due_date     TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX action_item_events_item ON action_item_events(item_id, id);

INSERT INTO action_item_events (item_id, at, user_id, from_status, to_status, due_date)
  SELECT id, created_at, assigned_by_user_id, NULL, status, due_date FROM action_items;

CREATE TABLE action_item_reports (
  id           TEXT PRIMARY KEY,
  item_id      TEXT NOT NULL REFERENCES action_items(id) ON DELETE CASCADE,
  author_id    TEXT NOT NULL REFERENCES users(id),
  agency_id    TEXT NOT NULL REFERENCES agencies(id),
  body         TEXT NOT NULL,
  link         TEXT NOT NULL DEFAULT '',
  reported_on  TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX action_item_reports_item ON action_item_reports(item_id, created_at);

ALTER TABLE users ADD COLUMN reminder_days INTEGER NOT NULL DEFAULT 3 CHECK (reminder_days BETWEEN 0 AND 60);

CREATE TABLE notifications (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,          -- due_soon, overdue, assigned, reported, accepted, reopened, cancelled
  item_id     TEXT REFERENCES action_items(id) ON DELETE CASCADE,
  title       TEXT NOT NULL,
  body        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  read_at     TEXT
);
CREATE INDEX notifications_user ON notifications(user_id, created_at);

-- One reminder per item, person, kind and due date, ever: the key is what makes a restart safe.
CREATE TABLE reminders_sent (
  item_id   TEXT NOT NULL REFERENCES action_items(id) ON DELETE CASCADE,
  user_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
  due_date  TEXT NOT NULL,
  sent_at   TEXT NOT NULL,
  PRIMARY KEY (item_id, user_id, kind, due_date)
) WITHOUT ROWID;
CREATE INDEX action_items_status_due ON action_items(status, due_date);

-- One email digest per user and day.
CREATE TABLE email_digests (
  user_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  day      TEXT NOT NULL,
  sent_at  TEXT NOT NULL,
  status   TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  PRIMARY KEY (user_id, day)
) WITHOUT ROWID;
