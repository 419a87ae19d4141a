-- The API at volume (issue #16): indexes the lists and the statistics need, so that no query builds
-- an automatic index or sorts a whole agency's items at query time.

-- Action items, one group a page at a time (server/domain/action-item/pages.ts): still to do by
-- due date then id, finished by last change; the status sits in the index so that the open group,
-- the window and the counts read no table row they do not return. They replace the (agency,
-- due date) indexes they extend.
CREATE INDEX action_items_agency_page ON action_items(agency_id, due_date, id, status);
CREATE INDEX action_items_agency_changed ON action_items(agency_id, updated_at, id, status);
CREATE INDEX action_items_assigner_page ON action_items(assigned_by_agency_id, due_date, id, status);
CREATE INDEX action_items_assigner_changed ON action_items(assigned_by_agency_id, updated_at, id, status);
DROP INDEX action_items_agency_due;
DROP INDEX action_items_assigned_by;

-- A case's classification on a day: the latest row on or before it, by date then id, read from the
-- index in that order (the older index put the classification before the id, so every lookup
-- sorted in a temporary b-tree).
CREATE INDEX case_classification_history_case_order ON case_classification_history(case_id, on_date, id, classification);
DROP INDEX case_classification_history_case;
