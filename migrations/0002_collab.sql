-- Live documents (Yjs). Every update a client sends is appended to the log before anyone else sees
-- it; now and then a document's log is folded into its snapshot in one transaction.
-- A document's state is its snapshot (if any) followed by its log rows with a greater seq.

CREATE TABLE collab_updates (
  doc_name    TEXT NOT NULL,      -- 'agreement:<id>' or 'minutes:<meetingId>'
  seq         INTEGER NOT NULL,   -- 1, 2, 3… per document, never reused (continues past a snapshot)
  data        BLOB NOT NULL,      -- a Yjs update (v1 encoding)
  created_at  TEXT NOT NULL,
  PRIMARY KEY (doc_name, seq)
);

CREATE TABLE collab_snapshots (
  doc_name    TEXT PRIMARY KEY,
  state       BLOB NOT NULL,      -- Y.encodeStateAsUpdate of the document through `seq`
  seq         INTEGER NOT NULL,   -- the last log row folded into `state`
  updated_at  TEXT NOT NULL
);
