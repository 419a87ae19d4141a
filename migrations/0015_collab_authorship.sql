-- Who wrote what in a live document, recorded with each edit in the edit's own transaction, for the
-- comparison of versions: the person behind each Yjs client id (what that client inserted is
-- theirs) and the ranges of items each person deleted ([client, clock, length] triples in JSON;
-- Yjs delete sets carry no author). A change the server makes for a command is recorded under the
-- person it is made for (the restorer of a version, the author of an accepted suggestion).
CREATE TABLE collab_authors (
  doc_name  TEXT NOT NULL,
  client_id INTEGER NOT NULL,
  user_id   TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (doc_name, client_id)
) WITHOUT ROWID;

CREATE TABLE collab_deletions (
  id         INTEGER PRIMARY KEY,
  doc_name   TEXT NOT NULL,
  user_id    TEXT NOT NULL REFERENCES users(id),
  ranges     TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX collab_deletions_doc ON collab_deletions(doc_name);
