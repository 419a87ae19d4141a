-- The life of an agreement after drafting: consultation (opinions by a deadline, suggestions and
-- comments kept inside an agency until its reviewer releases them), signing against a hash of the
-- frozen text, entry into force, reviews (sơ kết, tổng kết), amendments.
-- Statuses: draft → consultation → final → signing → in_force → amended / superseded / terminated.

ALTER TABLE agreements ADD COLUMN amends_agreement_id TEXT REFERENCES agreements(id);
ALTER TABLE agreements ADD COLUMN consultation_deadline TEXT;   -- 'YYYY-MM-DD', Viet Nam date
ALTER TABLE agreements ADD COLUMN effective_date TEXT;          -- 'YYYY-MM-DD', set when signing opens
ALTER TABLE agreements ADD COLUMN signing_hash TEXT;            -- SHA-256 (hex) of the canonical text put to signature
ALTER TABLE agreements ADD COLUMN signing_version_id TEXT REFERENCES agreement_versions(id);
ALTER TABLE agreements ADD COLUMN in_force_at TEXT;
CREATE INDEX agreements_amends ON agreements(amends_agreement_id);

-- Comments made before this migration were visible to every party: released when made.
ALTER TABLE agreement_comments ADD COLUMN released_at TEXT;
ALTER TABLE agreement_comments ADD COLUMN released_by TEXT REFERENCES users(id);
UPDATE agreement_comments SET released_at = created_at;

-- A party's opinion, on the whole text (unit_id '') or on one article.
CREATE TABLE agreement_opinions (
  agreement_id  TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  agency_id     TEXT NOT NULL REFERENCES agencies(id),
  unit_id       TEXT NOT NULL DEFAULT '',
  stance        TEXT NOT NULL CHECK (stance IN ('agree', 'agree_with_comments', 'disagree')),
  comment       TEXT NOT NULL DEFAULT '',
  author_id     TEXT NOT NULL REFERENCES users(id),
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (agreement_id, agency_id, unit_id)
) WITHOUT ROWID;

-- A change proposed by a party: a range of the live text (two Yjs relative positions) and its replacement.
CREATE TABLE agreement_suggestions (
  id            TEXT PRIMARY KEY,
  agreement_id  TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  author_id     TEXT NOT NULL REFERENCES users(id),
  agency_id     TEXT NOT NULL REFERENCES agencies(id),
  anchor_start  TEXT NOT NULL,
  anchor_end    TEXT NOT NULL,
  quote         TEXT NOT NULL,
  replacement   TEXT NOT NULL,
  note          TEXT NOT NULL DEFAULT '',
  unit_id       TEXT,
  status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  released_at   TEXT,
  released_by   TEXT REFERENCES users(id),
  decided_at    TEXT,
  decided_by    TEXT REFERENCES users(id),
  created_at    TEXT NOT NULL
);
CREATE INDEX agreement_suggestions_agreement ON agreement_suggestions(agreement_id, created_at);

-- A party's signature: who, for which agency, when, against which text (hash and frozen version).
-- Never deleted: a signature given before the text was reopened is voided, with when and why.
CREATE TABLE agreement_signatures (
  id            TEXT PRIMARY KEY,
  agreement_id  TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  agency_id     TEXT NOT NULL REFERENCES agencies(id),
  signer_id     TEXT NOT NULL REFERENCES users(id),
  signer_name   TEXT NOT NULL,
  signer_title  TEXT NOT NULL,
  text_hash     TEXT NOT NULL,
  version_id    TEXT NOT NULL REFERENCES agreement_versions(id),
  signed_at     TEXT NOT NULL,
  void_at       TEXT,
  void_reason   TEXT,
  voided_by     TEXT REFERENCES users(id)
);
CREATE UNIQUE INDEX agreement_signatures_valid ON agreement_signatures(agreement_id, agency_id) WHERE void_at IS NULL;

-- Sơ kết (preliminary) and tổng kết (final) reviews: a dated record with its report.
CREATE TABLE agreement_reviews (
  id            TEXT PRIMARY KEY,
  agreement_id  TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('preliminary', 'final')),
  review_date   TEXT NOT NULL,
  period_from   TEXT NOT NULL,
  period_to     TEXT NOT NULL,
  report        TEXT NOT NULL,
  created_by    TEXT NOT NULL REFERENCES users(id),
  created_at    TEXT NOT NULL,
  CHECK (period_to >= period_from)
);
CREATE INDEX agreement_reviews_agreement ON agreement_reviews(agreement_id, review_date);
