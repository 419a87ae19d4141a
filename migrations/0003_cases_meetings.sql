-- The case register with its dated status history, and the meeting workflow from scheduling to
-- approved minutes: invitees and their answers, agenda, attendance, conclusions that assign work,
-- and personal calendar feeds.

ALTER TABLE cases ADD COLUMN officer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN updated_at TEXT;

CREATE TABLE case_status_history (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  status       TEXT NOT NULL,
  on_date      TEXT NOT NULL,          -- the day it happened, in Viet Nam
  note         TEXT NOT NULL DEFAULT '',
  user_id      TEXT REFERENCES users(id),
  recorded_at  TEXT NOT NULL
);
CREATE INDEX case_status_history_case ON case_status_history(case_id, on_date);

-- The demo case's history so far.
INSERT INTO case_status_history (case_id, status, on_date, note, recorded_at)
  SELECT id, 'accepted', accepted_on, '', created_at FROM cases;

ALTER TABLE meetings ADD COLUMN updated_at TEXT;
ALTER TABLE meetings ADD COLUMN cancelled_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN secretary_user_id TEXT REFERENCES users(id);
ALTER TABLE meetings ADD COLUMN approved_by_user_id TEXT REFERENCES users(id);
ALTER TABLE meetings ADD COLUMN approved_at TEXT;
-- The approved text of the minutes, frozen as plain paragraphs for the biên bản.
ALTER TABLE meetings ADD COLUMN approved_minutes TEXT;

-- People invited by name; the agency is invited through meeting_agencies.
CREATE TABLE meeting_invitees (
  meeting_id      TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id         TEXT NOT NULL REFERENCES users(id),
  answer          TEXT NOT NULL DEFAULT 'pending' CHECK (answer IN ('pending', 'attend', 'decline', 'delegate')),
  delegate_name   TEXT NOT NULL DEFAULT '',
  answered_at     TEXT,
  PRIMARY KEY (meeting_id, user_id)
) WITHOUT ROWID;
CREATE INDEX meeting_invitees_user ON meeting_invitees(user_id);
CREATE INDEX meetings_chair_user ON meetings(chair_user_id);

-- Who was actually there, recorded by the secretary.
CREATE TABLE meeting_attendance (
  id          TEXT PRIMARY KEY,
  meeting_id  TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  agency_id   TEXT NOT NULL REFERENCES agencies(id),
  person      TEXT NOT NULL,
  position    TEXT NOT NULL DEFAULT '',
  present     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meeting_attendance_meeting ON meeting_attendance(meeting_id);

CREATE TABLE meeting_conclusions (
  id              TEXT PRIMARY KEY,
  meeting_id      TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  agenda_item_id  TEXT REFERENCES agenda_items(id) ON DELETE SET NULL,
  text            TEXT NOT NULL,
  created_by      TEXT NOT NULL REFERENCES users(id),
  created_at      TEXT NOT NULL
);
CREATE INDEX meeting_conclusions_meeting ON meeting_conclusions(meeting_id);

ALTER TABLE action_items ADD COLUMN conclusion_id TEXT REFERENCES meeting_conclusions(id);
CREATE INDEX action_items_meeting ON action_items(meeting_id);
CREATE INDEX agenda_items_case ON agenda_items(case_id);

-- A personal calendar feed: the secret is in the URL, only its SHA-256 here.
CREATE TABLE calendar_tokens (
  token_hash  TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);
CREATE INDEX calendar_tokens_user ON calendar_tokens(user_id);
