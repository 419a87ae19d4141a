-- The register by month of acceptance: every write to a case, its histories or its money events
-- raises the revision of the month the case was accepted in (both months when that date moves), so
-- the statistics keep their sums per month and, after a change, count again only the months whose
-- revision moved (server/domain/statistics/cache.ts). A change to the agencies (a unit's offices,
-- renamed or merged ones) moves `structure`: every month is counted again.
CREATE TABLE register_months (
  month    TEXT PRIMARY KEY,   -- 'YYYY-MM' of cases.accepted_on
  revision INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO register_months (month, revision) SELECT DISTINCT substr(accepted_on, 1, 7), 0 FROM cases;

ALTER TABLE register_revision ADD COLUMN structure INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER cases_month_insert AFTER INSERT ON cases BEGIN
  INSERT INTO register_months (month, revision) VALUES (substr(NEW.accepted_on, 1, 7), 1) ON CONFLICT (month) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER cases_month_update AFTER UPDATE ON cases BEGIN
  INSERT INTO register_months (month, revision) VALUES (substr(OLD.accepted_on, 1, 7), 1) ON CONFLICT (month) DO UPDATE SET revision = revision + 1;
  INSERT INTO register_months (month, revision) SELECT substr(NEW.accepted_on, 1, 7), 1 WHERE NEW.accepted_on <> OLD.accepted_on
    ON CONFLICT (month) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER cases_month_delete AFTER DELETE ON cases BEGIN
  INSERT INTO register_months (month, revision) VALUES (substr(OLD.accepted_on, 1, 7), 1) ON CONFLICT (month) DO UPDATE SET revision = revision + 1;
END;

-- A history or money row: the month of its case (none once the case is deleted: its own trigger has moved it).
CREATE TRIGGER case_status_history_month_insert AFTER INSERT ON case_status_history BEGIN
  INSERT INTO register_months (month, revision) SELECT substr(accepted_on, 1, 7), 1 FROM cases WHERE id = NEW.case_id ON CONFLICT (month) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER case_status_history_month_update AFTER UPDATE ON case_status_history BEGIN
  INSERT INTO register_months (month, revision) SELECT substr(accepted_on, 1, 7), 1 FROM cases WHERE id IN (OLD.case_id, NEW.case_id) ON CONFLICT (month) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER case_status_history_month_delete AFTER DELETE ON case_status_history BEGIN
  INSERT INTO register_months (month, revision) SELECT substr(accepted_on, 1, 7), 1 FROM cases WHERE id = OLD.case_id ON CONFLICT (month) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER case_classification_history_month_insert AFTER INSERT ON case_classification_history BEGIN
  INSERT INTO register_months (month, revision) SELECT substr(accepted_on, 1, 7), 1 FROM cases WHERE id = NEW.case_id ON CONFLICT (month) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER case_classification_history_month_update AFTER UPDATE ON case_classification_history BEGIN
  INSERT INTO register_months (month, revision) SELECT substr(accepted_on, 1, 7), 1 FROM cases WHERE id IN (OLD.case_id, NEW.case_id) ON CONFLICT (month) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER case_classification_history_month_delete AFTER DELETE ON case_classification_history BEGIN
  INSERT INTO register_months (month, revision) SELECT substr(accepted_on, 1, 7), 1 FROM cases WHERE id = OLD.case_id ON CONFLICT (month) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER case_money_events_month_insert AFTER INSERT ON case_money_events BEGIN
  INSERT INTO register_months (month, revision) SELECT substr(accepted_on, 1, 7), 1 FROM cases WHERE id = NEW.case_id ON CONFLICT (month) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER case_money_events_month_update AFTER UPDATE ON case_money_events BEGIN
  INSERT INTO register_months (month, revision) SELECT substr(accepted_on, 1, 7), 1 FROM cases WHERE id IN (OLD.case_id, NEW.case_id) ON CONFLICT (month) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER case_money_events_month_delete AFTER DELETE ON case_money_events BEGIN
  INSERT INTO register_months (month, revision) SELECT substr(accepted_on, 1, 7), 1 FROM cases WHERE id = OLD.case_id ON CONFLICT (month) DO UPDATE SET revision = revision + 1;
END;

DROP TRIGGER agencies_revision_insert;
DROP TRIGGER agencies_revision_update;
DROP TRIGGER agencies_revision_delete;
CREATE TRIGGER agencies_revision_insert AFTER INSERT ON agencies BEGIN UPDATE register_revision SET revision = revision + 1, structure = structure + 1; END;
CREATE TRIGGER agencies_revision_update AFTER UPDATE ON agencies BEGIN UPDATE register_revision SET revision = revision + 1, structure = structure + 1; END;
CREATE TRIGGER agencies_revision_delete AFTER DELETE ON agencies BEGIN UPDATE register_revision SET revision = revision + 1, structure = structure + 1; END;
