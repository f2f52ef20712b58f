-- Notices (公示): publications with a public period in which anyone may object, and a result published after
-- it. Objections keep the objector's name and phone here, for the issuer; the public sees the name masked.
ALTER TABLE publications ADD COLUMN kind TEXT NOT NULL DEFAULT 'publication';
ALTER TABLE publications ADD COLUMN notice_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN starts_on TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN ends_on TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN result_html TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN result_published_on TEXT NOT NULL DEFAULT '';

CREATE TABLE objections (
  id {{id}},
  publication_id BIGINT NOT NULL REFERENCES publications(id),
  account_id BIGINT REFERENCES accounts(id),
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  text TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  answer TEXT NOT NULL DEFAULT '',
  answered_at TEXT NOT NULL DEFAULT '',
  answered_by BIGINT REFERENCES accounts(id)
);
CREATE INDEX objections_publication ON objections(publication_id, id);
