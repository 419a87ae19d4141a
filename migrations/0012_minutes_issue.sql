-- Minutes as agencies issue them: co-confirmation of the draft by each invited agency, the biên
-- bản's number and actual times, numbered corrections that keep the first version, delegates who are
-- real users, meeting notices for the bell and email, and a reminder before the meeting.

-- The actual times the chair records ("Bắt đầu lúc … Kết thúc lúc …"); the scheduled ones stand in until then.
ALTER TABLE meetings ADD COLUMN held_from TEXT;
ALTER TABLE meetings ADD COLUMN held_until TEXT;
-- "Số: <n>/BB-<short code>", allocated once at approval: unique per issuing (chair) agency and year.
ALTER TABLE meetings ADD COLUMN minutes_number INTEGER;
ALTER TABLE meetings ADD COLUMN minutes_year INTEGER;
ALTER TABLE meetings ADD COLUMN minutes_code TEXT;
CREATE UNIQUE INDEX meetings_minutes_number ON meetings(chair_agency_id, minutes_year, minutes_number) WHERE minutes_number IS NOT NULL;

-- Each invited agency's answer on the draft minutes: confirmed, or a remark (the latest one counts; all are audited).
CREATE TABLE meeting_confirmations (
  meeting_id  TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  agency_id   TEXT NOT NULL REFERENCES agencies(id),
  user_id     TEXT NOT NULL REFERENCES users(id),
  state       TEXT NOT NULL CHECK (state IN ('confirmed', 'remark')),
  remark      TEXT NOT NULL DEFAULT '',
  at          TEXT NOT NULL,
  PRIMARY KEY (meeting_id, agency_id)
) WITHOUT ROWID;

-- The approved minutes, version by version: 1 at the approval, then one per correction (with its reason).
-- `minutes` is the text as blocks (shared/minutes.ts), `conclusions` the chair's conclusions as they then read.
CREATE TABLE meeting_minutes_versions (
  meeting_id   TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  version      INTEGER NOT NULL CHECK (version >= 1),
  minutes      TEXT NOT NULL,
  conclusions  TEXT NOT NULL,
  reason       TEXT NOT NULL DEFAULT '',
  created_by   TEXT NOT NULL REFERENCES users(id),
  created_at   TEXT NOT NULL,
  PRIMARY KEY (meeting_id, version)
) WITHOUT ROWID;
-- Minutes approved before this migration are their own version 1.
INSERT INTO meeting_minutes_versions (meeting_id, version, minutes, conclusions, reason, created_by, created_at)
  SELECT m.id, 1, coalesce(m.approved_minutes, '[]'),
         coalesce((SELECT json_group_array(json_object('id', c.id, 'agendaItemId', c.agenda_item_id, 'text', c.text))
                     FROM meeting_conclusions c WHERE c.meeting_id = m.id), '[]'),
         '', m.approved_by_user_id, m.approved_at
    FROM meetings m WHERE m.status = 'approved' AND m.approved_at IS NOT NULL AND m.approved_by_user_id IS NOT NULL;

ALTER TABLE meeting_conclusions ADD COLUMN updated_at TEXT;

-- A delegate is a real user of the invitee's agency, invited in their own row (`delegated_by` names who sent them).
ALTER TABLE meeting_invitees ADD COLUMN delegate_user_id TEXT REFERENCES users(id);
ALTER TABLE meeting_invitees ADD COLUMN delegated_by TEXT REFERENCES users(id);

-- Notices about a meeting (invited, changed, cancelled, reminder) point at it.
ALTER TABLE notifications ADD COLUMN meeting_id TEXT REFERENCES meetings(id) ON DELETE CASCADE;

-- How many hours before a meeting the person is reminded (0: no reminder).
ALTER TABLE users ADD COLUMN meeting_reminder_hours INTEGER NOT NULL DEFAULT 24 CHECK (meeting_reminder_hours BETWEEN 0 AND 168);

-- One reminder per meeting, person and start time, ever: a second run, or a restart, sends nothing more.
CREATE TABLE meeting_reminders_sent (
  meeting_id  TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  starts_at   TEXT NOT NULL,
  sent_at     TEXT NOT NULL,
  PRIMARY KEY (meeting_id, user_id, starts_at)
) WITHOUT ROWID;

-- Emails about meetings, written in the transaction of what caused them and sent by the scheduler
-- when SMTP_URL is set (pending → sent or failed; a failed one is tried again).
CREATE TABLE meeting_mail_outbox (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  meeting_id  TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  subject     TEXT NOT NULL,
  body        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  sent_at     TEXT
);
CREATE INDEX meeting_mail_outbox_status ON meeting_mail_outbox(status, created_at);
