-- Foundation: agencies, users, roles, sessions, audit trail, and the first records of
-- agreements, cases, meetings and action items (their live features come in later migrations).
-- Times are UTC ISO 8601 strings; calendar dates are 'YYYY-MM-DD' in Asia/Ho_Chi_Minh;
-- money is integer đồng.

CREATE TABLE agencies (
  id            TEXT PRIMARY KEY,
  name_vi       TEXT NOT NULL,
  name_en       TEXT NOT NULL,
  short_name    TEXT NOT NULL,
  kind          TEXT NOT NULL,
  level         TEXT NOT NULL CHECK (level IN ('central', 'province', 'regional')),
  parent_id     TEXT REFERENCES agencies(id),
  valid_from    TEXT NOT NULL,
  valid_to      TEXT,
  successor_id  TEXT REFERENCES agencies(id),
  created_at    TEXT NOT NULL,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX agencies_parent ON agencies(parent_id);

CREATE TABLE users (
  id             TEXT PRIMARY KEY,
  email          TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name           TEXT NOT NULL,
  title          TEXT NOT NULL DEFAULT '',
  agency_id      TEXT NOT NULL REFERENCES agencies(id),
  password_hash  TEXT NOT NULL,
  locale         TEXT NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
  disabled_at    TEXT,
  created_at     TEXT NOT NULL
);
CREATE INDEX users_agency ON users(agency_id);

-- A user's roles in their agency.
CREATE TABLE user_roles (
  user_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role     TEXT NOT NULL CHECK (role IN ('admin', 'legal_staff', 'chair', 'signatory', 'viewer')),
  PRIMARY KEY (user_id, role)
) WITHOUT ROWID;

-- Only the SHA-256 of the session secret is stored.
CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT NOT NULL,
  user_id    TEXT REFERENCES users(id),
  agency_id  TEXT REFERENCES agencies(id),
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  action     TEXT NOT NULL,
  summary    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_user ON audit_log(user_id);

CREATE TABLE agreements (
  id              TEXT PRIMARY KEY,
  title           TEXT NOT NULL,
  doc_number      TEXT NOT NULL DEFAULT '',
  lead_agency_id  TEXT NOT NULL REFERENCES agencies(id),
  status          TEXT NOT NULL DEFAULT 'draft',
  created_by      TEXT NOT NULL REFERENCES users(id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);

CREATE TABLE agreement_parties (
  agreement_id  TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  agency_id     TEXT NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (agreement_id, agency_id)
) WITHOUT ROWID;
CREATE INDEX agreement_parties_agency ON agreement_parties(agency_id);

CREATE TABLE cases (
  id                 TEXT PRIMARY KEY,
  judgment_number    TEXT NOT NULL UNIQUE,
  judgment_date      TEXT NOT NULL,
  court_name         TEXT NOT NULL,
  office_agency_id   TEXT NOT NULL REFERENCES agencies(id),
  officer_user_id    TEXT REFERENCES users(id),
  case_type          TEXT NOT NULL,
  creditor           TEXT NOT NULL DEFAULT '',
  debtor             TEXT NOT NULL DEFAULT '',
  amount_due         INTEGER NOT NULL DEFAULT 0 CHECK (amount_due >= 0),
  amount_collected   INTEGER NOT NULL DEFAULT 0 CHECK (amount_collected >= 0),
  classification     TEXT NOT NULL CHECK (classification IN ('enforceable', 'not_yet_enforceable')),
  status             TEXT NOT NULL,
  accepted_on        TEXT NOT NULL,
  disputed_assets    INTEGER NOT NULL DEFAULT 0,
  hot_spot           INTEGER NOT NULL DEFAULT 0,
  judgment_unclear   INTEGER NOT NULL DEFAULT 0,
  summary            TEXT NOT NULL DEFAULT '',
  created_at         TEXT NOT NULL
);
CREATE INDEX cases_office ON cases(office_agency_id);

CREATE TABLE case_agencies (
  case_id    TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  agency_id  TEXT NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (case_id, agency_id)
) WITHOUT ROWID;
CREATE INDEX case_agencies_agency ON case_agencies(agency_id);

CREATE TABLE meetings (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL,
  title            TEXT NOT NULL,
  chair_user_id    TEXT NOT NULL REFERENCES users(id),
  chair_agency_id  TEXT NOT NULL REFERENCES agencies(id),
  starts_at        TEXT NOT NULL,
  ends_at          TEXT NOT NULL,
  place            TEXT NOT NULL DEFAULT '',
  online_url       TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL DEFAULT 'scheduled',
  sequence         INTEGER NOT NULL DEFAULT 0,
  created_by       TEXT NOT NULL REFERENCES users(id),
  created_at       TEXT NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX meetings_starts ON meetings(starts_at);

CREATE TABLE meeting_agencies (
  meeting_id  TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  agency_id   TEXT NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (meeting_id, agency_id)
) WITHOUT ROWID;
CREATE INDEX meeting_agencies_agency ON meeting_agencies(agency_id);

CREATE TABLE agenda_items (
  id          TEXT PRIMARY KEY,
  meeting_id  TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  title       TEXT NOT NULL,
  case_id     TEXT REFERENCES cases(id)
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);

-- Work assigned to an agency: by an agreement, a meeting conclusion, or by hand.
CREATE TABLE action_items (
  id                  TEXT PRIMARY KEY,
  source_kind         TEXT NOT NULL CHECK (source_kind IN ('agreement', 'meeting', 'manual')),
  agreement_id        TEXT REFERENCES agreements(id),
  meeting_id          TEXT REFERENCES meetings(id),
  agency_id           TEXT NOT NULL REFERENCES agencies(id),
  assigned_by_user_id TEXT NOT NULL REFERENCES users(id),
  title               TEXT NOT NULL,
  description         TEXT NOT NULL DEFAULT '',
  due_date            TEXT NOT NULL,
  status              TEXT NOT NULL DEFAULT 'open',
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX action_items_agency_due ON action_items(agency_id, due_date);
