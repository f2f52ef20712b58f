-- Publications (主动公开信息) and their editions. A publication row holds what belongs to the record as a
-- whole (organ, column, dates, index number, validity, state); each edition row holds one version of the text,
-- and every edition is kept. Dates are China calendar dates "YYYY-MM-DD", which sort correctly as text.
CREATE TABLE publications (
  id {{id}},
  department_id BIGINT REFERENCES departments(id),
  region_id BIGINT NOT NULL REFERENCES regions(id),
  region_path TEXT NOT NULL,
  level TEXT NOT NULL,
  organ_code TEXT NOT NULL,
  column_code TEXT NOT NULL,
  formed_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  published_on TEXT NOT NULL DEFAULT '',
  index_no TEXT UNIQUE,
  validity TEXT NOT NULL DEFAULT 'valid' CHECK (validity IN ('valid', 'repealed', 'expired')),
  validity_changed_on TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('draft', 'in_review', 'published', 'withdrawn')),
  withdrawn_reason TEXT NOT NULL DEFAULT '',
  live_edition INTEGER NOT NULL DEFAULT 0,
  latest_edition INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX publications_region ON publications(region_path, published_on);
CREATE INDEX publications_department ON publications(department_id, published_on);

CREATE TABLE publication_editions (
  publication_id BIGINT NOT NULL REFERENCES publications(id),
  edition INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'in_review', 'returned', 'published', 'superseded')),
  title TEXT NOT NULL,
  body_html TEXT NOT NULL,
  body_text TEXT NOT NULL,
  document_no TEXT NOT NULL DEFAULT '',
  attachments TEXT NOT NULL DEFAULT '[]',
  author_id BIGINT REFERENCES accounts(id),
  reviewer_id BIGINT REFERENCES accounts(id),
  review_note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  submitted_at TEXT NOT NULL DEFAULT '',
  reviewed_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (publication_id, edition)
);

-- The last index number given per organ and year: numbers run without gaps because they are taken only at
-- publication, inside its transaction.
CREATE TABLE index_sequences (
  organ_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (organ_code, year)
);
