-- The state of the case register the statistics are computed from, as one number that every write
-- to it raises (triggers, so no write path can forget): figures computed at a revision stay valid
-- until it changes, and are kept in memory until then (server/domain/statistics/cache.ts).
CREATE TABLE register_revision (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  revision INTEGER NOT NULL
);
INSERT INTO register_revision (id, revision) VALUES (1, 0);

CREATE TRIGGER cases_revision_insert AFTER INSERT ON cases BEGIN UPDATE register_revision SET revision = revision + 1; END;
CREATE TRIGGER cases_revision_update AFTER UPDATE ON cases BEGIN UPDATE register_revision SET revision = revision + 1; END;
CREATE TRIGGER cases_revision_delete AFTER DELETE ON cases BEGIN UPDATE register_revision SET revision = revision + 1; END;
CREATE TRIGGER case_status_history_revision_insert AFTER INSERT ON case_status_history BEGIN UPDATE register_revision SET revision = revision + 1; END;
CREATE TRIGGER case_status_history_revision_update AFTER UPDATE ON case_status_history BEGIN UPDATE register_revision SET revision = revision + 1; END;
CREATE TRIGGER case_status_history_revision_delete AFTER DELETE ON case_status_history BEGIN UPDATE register_revision SET revision = revision + 1; END;
CREATE TRIGGER case_classification_history_revision_insert AFTER INSERT ON case_classification_history BEGIN UPDATE register_revision SET revision = revision + 1; END;
CREATE TRIGGER case_classification_history_revision_update AFTER UPDATE ON case_classification_history BEGIN UPDATE register_revision SET revision = revision + 1; END;
CREATE TRIGGER case_classification_history_revision_delete AFTER DELETE ON case_classification_history BEGIN UPDATE register_revision SET revision = revision + 1; END;
CREATE TRIGGER case_money_events_revision_insert AFTER INSERT ON case_money_events BEGIN UPDATE register_revision SET revision = revision + 1; END;
CREATE TRIGGER case_money_events_revision_update AFTER UPDATE ON case_money_events BEGIN UPDATE register_revision SET revision = revision + 1; END;
CREATE TRIGGER case_money_events_revision_delete AFTER DELETE ON case_money_events BEGIN UPDATE register_revision SET revision = revision + 1; END;
CREATE TRIGGER agencies_revision_insert AFTER INSERT ON agencies BEGIN UPDATE register_revision SET revision = revision + 1; END;
CREATE TRIGGER agencies_revision_update AFTER UPDATE ON agencies BEGIN UPDATE register_revision SET revision = revision + 1; END;
CREATE TRIGGER agencies_revision_delete AFTER DELETE ON agencies BEGIN UPDATE register_revision SET revision = revision + 1; END;
