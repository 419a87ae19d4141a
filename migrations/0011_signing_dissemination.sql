-- Signing as an agency signs (Nghị định 30/2020, Phụ lục I) and the dissemination (quán triệt) that
-- follows the signing.
--
-- Each agency has the title of its head (CHÁNH ÁN, VIỆN TRƯỞNG, GIÁM ĐỐC, THỦ TRƯỞNG, CHỦ TỊCH…),
-- filled here from its kind and editable by an administrator.
ALTER TABLE agencies ADD COLUMN head_title TEXT NOT NULL DEFAULT '';
UPDATE agencies SET head_title = CASE kind
  WHEN 'court' THEN 'CHÁNH ÁN'
  WHEN 'procuracy' THEN 'VIỆN TRƯỞNG'
  WHEN 'thads' THEN 'THỦ TRƯỞNG'
  WHEN 'thads_admin' THEN 'CỤC TRƯỞNG'
  WHEN 'police' THEN 'GIÁM ĐỐC'
  WHEN 'prison' THEN 'GIÁM THỊ'
  WHEN 'bank' THEN 'GIÁM ĐỐC'
  WHEN 'social_insurance' THEN 'GIÁM ĐỐC'
  WHEN 'land' THEN 'GIÁM ĐỐC'
  WHEN 'people_committee' THEN 'CHỦ TỊCH'
  WHEN 'steering_committee' THEN 'TRƯỞNG BAN'
  ELSE 'THỦ TRƯỞNG' END;

-- The capacity a signatory signed in, and the head's title as it stood when signing (a later change
-- of the agency's title does not change what was signed). Signatures given before this migration
-- were given by the head.
ALTER TABLE agreement_signatures ADD COLUMN capacity TEXT NOT NULL DEFAULT 'head'
  CHECK (capacity IN ('head', 'deputy', 'acting', 'by_order', 'by_authorisation', 'collective'));
ALTER TABLE agreement_signatures ADD COLUMN head_title TEXT NOT NULL DEFAULT '';
UPDATE agreement_signatures SET head_title = (SELECT a.head_title FROM agencies a WHERE a.id = agreement_signatures.agency_id);

-- How a party disseminated the signed agreement: one record per party, given again it replaces the
-- previous one. `held_on` is the Viet Nam date of the conference (or of the letter).
CREATE TABLE agreement_disseminations (
  agreement_id   TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  agency_id      TEXT NOT NULL REFERENCES agencies(id),
  held_on        TEXT NOT NULL,
  form           TEXT NOT NULL CHECK (form IN ('conference', 'document', 'online', 'other')),
  participants   INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
  note           TEXT NOT NULL DEFAULT '',
  attachment_id  TEXT REFERENCES attachments(id),
  recorded_by    TEXT NOT NULL REFERENCES users(id),
  recorded_at    TEXT NOT NULL,
  PRIMARY KEY (agreement_id, agency_id)
);

-- The subordinate units a party reached.
CREATE TABLE agreement_dissemination_units (
  agreement_id  TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  agency_id     TEXT NOT NULL REFERENCES agencies(id),
  unit_id       TEXT NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (agreement_id, agency_id, unit_id)
);

-- A subordinate unit's acknowledgement ("đã quán triệt"), by one of its people.
CREATE TABLE agreement_dissemination_acks (
  agreement_id     TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  unit_id          TEXT NOT NULL REFERENCES agencies(id),
  acknowledged_by  TEXT NOT NULL REFERENCES users(id),
  acknowledged_at  TEXT NOT NULL,
  PRIMARY KEY (agreement_id, unit_id)
);
