-- Inter-agency statistics (Thông tư 05/2024/TT-BTP) and search without diacritics.
--
-- Statistics count a period from dated events: the status history (0003), plus here the dated
-- money events and classification changes. The columns of `cases` stay what they were and are
-- kept consistent by triggers, whoever writes: amount_collected is the sum of the 'collected'
-- events; a direct write of amount_collected or classification (the case form) becomes a dated
-- event of today (Viet Nam date). Money is integer đồng: SQLite INTEGER sums are exact, and the
-- sums of a whole province's register stay far below 2^53.

CREATE TABLE case_money_events (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  on_date      TEXT NOT NULL,               -- the day it happened, in Viet Nam
  kind         TEXT NOT NULL CHECK (kind IN ('collected', 'terminated', 'reduced')),
  amount       INTEGER NOT NULL CHECK (amount <> 0),  -- negative only as a correction
  note         TEXT NOT NULL DEFAULT '',
  user_id      TEXT REFERENCES users(id),
  recorded_at  TEXT NOT NULL
);
CREATE INDEX case_money_events_case ON case_money_events(case_id, on_date, kind, amount);
CREATE INDEX case_money_events_date ON case_money_events(on_date, case_id, kind, amount);

CREATE TABLE case_classification_history (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id         TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  classification  TEXT NOT NULL CHECK (classification IN ('enforceable', 'not_yet_enforceable')),
  on_date         TEXT NOT NULL,
  recorded_at     TEXT NOT NULL
);
CREATE INDEX case_classification_history_case ON case_classification_history(case_id, on_date, classification);

-- Where the current values come from, so that a period ending after them reads the row alone and
-- only older periods look into the histories.
ALTER TABLE cases ADD COLUMN status_on TEXT;
ALTER TABLE cases ADD COLUMN classification_on TEXT;
ALTER TABLE cases ADD COLUMN amount_terminated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN amount_reduced INTEGER NOT NULL DEFAULT 0;

CREATE INDEX case_status_history_case_status ON case_status_history(case_id, on_date, id, status);
CREATE INDEX cases_accepted ON cases(accepted_on);
CREATE INDEX cases_office_accepted ON cases(office_agency_id, accepted_on);
CREATE INDEX cases_officer ON cases(officer_name, accepted_on);

-- Backfill what the register already holds.
UPDATE cases SET status_on = coalesce((SELECT h.on_date FROM case_status_history h WHERE h.case_id = cases.id ORDER BY h.on_date DESC, h.id DESC LIMIT 1), accepted_on),
                 classification_on = accepted_on;
INSERT INTO case_classification_history (case_id, classification, on_date, recorded_at)
  SELECT id, classification, accepted_on, created_at FROM cases;
INSERT INTO case_money_events (case_id, on_date, kind, amount, note, recorded_at)
  SELECT id, status_on, 'collected', amount_collected, 'backfill', created_at FROM cases WHERE amount_collected > 0;

-- Status: the current one is the latest by date (as recordCaseStatus already writes it).
CREATE TRIGGER case_status_history_current AFTER INSERT ON case_status_history BEGIN
  UPDATE cases SET (status, status_on) = (SELECT h.status, h.on_date FROM case_status_history h WHERE h.case_id = NEW.case_id
                                          ORDER BY h.on_date DESC, h.id DESC LIMIT 1)
   WHERE id = NEW.case_id;
END;

-- Classification: history → column; a direct write of the column → history of today.
CREATE TRIGGER cases_classification_first AFTER INSERT ON cases BEGIN
  INSERT INTO case_classification_history (case_id, classification, on_date, recorded_at)
    VALUES (NEW.id, NEW.classification, NEW.accepted_on, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
  UPDATE cases SET classification_on = NEW.accepted_on, status_on = coalesce(NEW.status_on, NEW.accepted_on) WHERE id = NEW.id;
END;
CREATE TRIGGER case_classification_current AFTER INSERT ON case_classification_history BEGIN
  UPDATE cases SET (classification, classification_on) = (SELECT h.classification, h.on_date FROM case_classification_history h
                                                          WHERE h.case_id = NEW.case_id ORDER BY h.on_date DESC, h.id DESC LIMIT 1)
   WHERE id = NEW.case_id;
END;
CREATE TRIGGER cases_classification_edited AFTER UPDATE OF classification ON cases
  WHEN NEW.classification IS NOT (SELECT h.classification FROM case_classification_history h WHERE h.case_id = NEW.id
                                   ORDER BY h.on_date DESC, h.id DESC LIMIT 1)
BEGIN
  INSERT INTO case_classification_history (case_id, classification, on_date, recorded_at)
    VALUES (NEW.id, NEW.classification, max(date('now', '+7 hours'), NEW.accepted_on), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- Money: events → sums on the case; a direct write of amount_collected → an event for the difference.
CREATE TRIGGER case_money_events_sum AFTER INSERT ON case_money_events BEGIN
  UPDATE cases SET
    amount_collected  = (SELECT coalesce(sum(amount), 0) FROM case_money_events e WHERE e.case_id = NEW.case_id AND e.kind = 'collected'),
    amount_terminated = (SELECT coalesce(sum(amount), 0) FROM case_money_events e WHERE e.case_id = NEW.case_id AND e.kind = 'terminated'),
    amount_reduced    = (SELECT coalesce(sum(amount), 0) FROM case_money_events e WHERE e.case_id = NEW.case_id AND e.kind = 'reduced')
   WHERE id = NEW.case_id;
END;
CREATE TRIGGER cases_money_first AFTER INSERT ON cases WHEN NEW.amount_collected > 0 BEGIN
  INSERT INTO case_money_events (case_id, on_date, kind, amount, note, recorded_at)
    VALUES (NEW.id, NEW.accepted_on, 'collected', NEW.amount_collected, 'entered with the case', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER cases_money_edited AFTER UPDATE OF amount_collected ON cases
  WHEN NEW.amount_collected <> (SELECT coalesce(sum(amount), 0) FROM case_money_events e WHERE e.case_id = NEW.id AND e.kind = 'collected')
BEGIN
  INSERT INTO case_money_events (case_id, on_date, kind, amount, note, recorded_at)
    VALUES (NEW.id, max(date('now', '+7 hours'), NEW.accepted_on), 'collected',
            NEW.amount_collected - (SELECT coalesce(sum(amount), 0) FROM case_money_events e WHERE e.case_id = NEW.id AND e.kind = 'collected'),
            'edited on the case', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- Targets (chỉ tiêu) per unit and statistical year (the year starting 1 October of `year`).
CREATE TABLE statistics_targets (
  unit_key     TEXT NOT NULL,             -- 'all', 'agency:<id>', 'officer:<name>'
  year         INTEGER NOT NULL,
  cases_rate   REAL NOT NULL CHECK (cases_rate BETWEEN 0 AND 100),
  money_rate   REAL NOT NULL CHECK (money_rate BETWEEN 0 AND 100),
  set_by       TEXT NOT NULL REFERENCES users(id),
  set_at       TEXT NOT NULL,
  PRIMARY KEY (unit_key, year)
) WITHOUT ROWID;

-- Frozen reports (số liệu chốt): immutable snapshots of a period's figures with each case's part.
CREATE TABLE statistics_reports (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to   TEXT NOT NULL,
  unit_key    TEXT NOT NULL,
  snapshot    TEXT NOT NULL,              -- JSON: figures and per-case contributions
  created_by  TEXT NOT NULL REFERENCES users(id),
  agency_id   TEXT NOT NULL REFERENCES agencies(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX statistics_reports_created ON statistics_reports(created_at);
CREATE TRIGGER statistics_reports_immutable BEFORE UPDATE ON statistics_reports BEGIN
  SELECT RAISE(ABORT, 'a frozen report cannot be changed');
END;
CREATE TRIGGER statistics_reports_undeletable BEFORE DELETE ON statistics_reports BEGIN
  SELECT RAISE(ABORT, 'a frozen report cannot be deleted');
END;

-- Search. The FTS5 index matches the folded text (shared/text.ts foldVietnamese, applied in
-- JavaScript when indexing and when querying); the original text sits beside it, unindexed, for
-- titles and snippets. `search_entries` gives each indexed thing its FTS rowid.
CREATE TABLE search_entries (
  id      INTEGER PRIMARY KEY,
  kind    TEXT NOT NULL CHECK (kind IN ('agreement', 'meeting', 'case', 'action_item', 'agency')),
  ref_id  TEXT NOT NULL,
  UNIQUE (kind, ref_id)
);
CREATE VIRTUAL TABLE search_index USING fts5(
  title UNINDEXED, body UNINDEXED, title_folded, body_folded,
  tokenize = 'unicode61 remove_diacritics 0'
);

-- What changed and must be indexed again; triggers fill it, the indexer (server/domain/search)
-- drains it before a search and after a live document is persisted.
CREATE TABLE search_queue (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  kind    TEXT NOT NULL,
  ref_id  TEXT NOT NULL
);

CREATE TRIGGER search_agreements_ins AFTER INSERT ON agreements BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('agreement', NEW.id); END;
CREATE TRIGGER search_agreements_upd AFTER UPDATE OF title, doc_number ON agreements BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('agreement', NEW.id); END;
CREATE TRIGGER search_agreements_del AFTER DELETE ON agreements BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('agreement', OLD.id); END;
CREATE TRIGGER search_meetings_ins AFTER INSERT ON meetings BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('meeting', NEW.id); END;
CREATE TRIGGER search_meetings_upd AFTER UPDATE OF title, place, approved_minutes ON meetings BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('meeting', NEW.id); END;
CREATE TRIGGER search_meetings_del AFTER DELETE ON meetings BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('meeting', OLD.id); END;
CREATE TRIGGER search_conclusions_ins AFTER INSERT ON meeting_conclusions BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('meeting', NEW.meeting_id); END;
CREATE TRIGGER search_conclusions_upd AFTER UPDATE OF text ON meeting_conclusions BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('meeting', NEW.meeting_id); END;
CREATE TRIGGER search_conclusions_del AFTER DELETE ON meeting_conclusions BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('meeting', OLD.meeting_id); END;
CREATE TRIGGER search_agenda_ins AFTER INSERT ON agenda_items BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('meeting', NEW.meeting_id); END;
CREATE TRIGGER search_agenda_upd AFTER UPDATE OF title ON agenda_items BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('meeting', NEW.meeting_id); END;
CREATE TRIGGER search_cases_ins AFTER INSERT ON cases BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('case', NEW.id); END;
CREATE TRIGGER search_cases_upd AFTER UPDATE OF judgment_number, court_name, creditor, debtor, summary ON cases BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('case', NEW.id); END;
CREATE TRIGGER search_cases_del AFTER DELETE ON cases BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('case', OLD.id); END;
CREATE TRIGGER search_action_items_ins AFTER INSERT ON action_items BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('action_item', NEW.id); END;
CREATE TRIGGER search_action_items_upd AFTER UPDATE OF title, description ON action_items BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('action_item', NEW.id); END;
CREATE TRIGGER search_action_items_del AFTER DELETE ON action_items BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('action_item', OLD.id); END;
CREATE TRIGGER search_agencies_ins AFTER INSERT ON agencies BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('agency', NEW.id); END;
CREATE TRIGGER search_agencies_upd AFTER UPDATE OF name_vi, name_en, short_name ON agencies BEGIN
  INSERT INTO search_queue (kind, ref_id) VALUES ('agency', NEW.id); END;

-- Everything already there is indexed on the first drain.
INSERT INTO search_queue (kind, ref_id) SELECT 'agreement', id FROM agreements;
INSERT INTO search_queue (kind, ref_id) SELECT 'meeting', id FROM meetings;
INSERT INTO search_queue (kind, ref_id) SELECT 'case', id FROM cases;
INSERT INTO search_queue (kind, ref_id) SELECT 'action_item', id FROM action_items;
INSERT INTO search_queue (kind, ref_id) SELECT 'agency', id FROM agencies;
