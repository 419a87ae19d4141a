-- Drafting an agreement together: comments anchored in the live text, and named versions of the
-- text. (The drafting team is the legal staff of the party agencies: no table of its own.)

-- A thread starts with a comment anchored to a range of the text (two Yjs relative positions,
-- which follow the text as it is edited); replies point to their thread.
CREATE TABLE agreement_comments (
  id            TEXT PRIMARY KEY,
  agreement_id  TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  thread_id     TEXT REFERENCES agreement_comments(id) ON DELETE CASCADE,
  author_id     TEXT NOT NULL REFERENCES users(id),
  agency_id     TEXT NOT NULL REFERENCES agencies(id),
  body          TEXT NOT NULL,
  anchor_start  TEXT,            -- base64 Y.RelativePosition; null on replies
  anchor_end    TEXT,
  quote         TEXT NOT NULL DEFAULT '',  -- the text commented on, kept for when it is deleted
  unit_id       TEXT,            -- the article, clause or point it was made in
  resolved_at   TEXT,
  resolved_by   TEXT REFERENCES users(id),
  created_at    TEXT NOT NULL,
  CHECK ((thread_id IS NULL) = (anchor_start IS NOT NULL))
);
CREATE INDEX agreement_comments_agreement ON agreement_comments(agreement_id, created_at);
CREATE INDEX agreement_comments_thread ON agreement_comments(thread_id);

CREATE TABLE agreement_versions (
  id            TEXT PRIMARY KEY,
  agreement_id  TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  state         BLOB NOT NULL,   -- Y.encodeStateAsUpdate of the live document at that moment
  content       TEXT NOT NULL,   -- the same text as ProseMirror JSON, to show and compare
  created_by    TEXT NOT NULL REFERENCES users(id),
  created_at    TEXT NOT NULL,
  UNIQUE (agreement_id, name)
);
CREATE INDEX agreement_versions_agreement ON agreement_versions(agreement_id, created_at);
