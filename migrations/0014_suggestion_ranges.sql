-- Suggestions of any size (track changes per agency): a range of the live text (the two anchors,
-- possibly empty for an insertion) and the proposed content as a ProseMirror slice in JSON
-- (articles, clauses, points kept). `base` is the JSON of what the range covered when the
-- suggestion was made: a range whose text changed since is outdated and cannot be accepted blindly.
-- Suggestions made before this migration have neither (a plain replacement inside one paragraph).
ALTER TABLE agreement_suggestions ADD COLUMN content TEXT;
ALTER TABLE agreement_suggestions ADD COLUMN base TEXT;
