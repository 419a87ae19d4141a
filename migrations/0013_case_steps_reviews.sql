-- Case steps that can be corrected, coercions with the agencies that took part, money recorded with
-- a step (collected at an auction, exempted or reduced), for the review reports of an agreement.

-- A step's money: the events it wrote point back at it; a correction writes the difference as
-- events of the same step (the money history is never rewritten, the sums stay the triggers').
ALTER TABLE case_money_events ADD COLUMN step_id INTEGER REFERENCES case_status_history(id);
CREATE INDEX case_money_events_step ON case_money_events(step_id);

-- The agencies that took part in a step (a coercion: the procuracy, the police, the commune…).
CREATE TABLE case_step_agencies (
  step_id    INTEGER NOT NULL REFERENCES case_status_history(id) ON DELETE CASCADE,
  agency_id  TEXT NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (step_id, agency_id)
) WITHOUT ROWID;
CREATE INDEX case_step_agencies_agency ON case_step_agencies(agency_id);

-- Corrections of a recorded step (wrong date, wrong step, wrong amount), with the reason and what
-- it was and became; the step row carries the corrected values.
CREATE TABLE case_step_corrections (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  step_id     INTEGER NOT NULL REFERENCES case_status_history(id) ON DELETE CASCADE,
  case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  before      TEXT NOT NULL,            -- JSON: status, onDate, note, money, agencyIds
  after       TEXT NOT NULL,
  reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  user_id     TEXT REFERENCES users(id),
  at          TEXT NOT NULL
);
CREATE INDEX case_step_corrections_step ON case_step_corrections(step_id, id);

-- A corrected step's date or status changes which step is current.
CREATE TRIGGER case_status_history_corrected AFTER UPDATE OF status, on_date ON case_status_history BEGIN
  UPDATE cases SET (status, status_on) = (SELECT h.status, h.on_date FROM case_status_history h WHERE h.case_id = NEW.case_id
                                          ORDER BY h.on_date DESC, h.id DESC LIMIT 1)
   WHERE id = NEW.case_id;
END;

-- Steps by kind and date (the review counts coercions of a period).
CREATE INDEX case_status_history_status_date ON case_status_history(status, on_date);
