-- Village affairs and finance (村务公开, 财务公开). One row per item; a finance item's lines are in
-- village_finance_lines. Amounts are in fen (分). Dates are China calendar dates "YYYY-MM-DD".
CREATE TABLE village_affairs (
  id {{id}},
  region_id BIGINT NOT NULL REFERENCES regions(id),
  region_path TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ordinary', 'major', 'finance')),
  category TEXT NOT NULL DEFAULT '',
  period TEXT NOT NULL DEFAULT '',
  decided_on TEXT NOT NULL DEFAULT '',
  due_on TEXT NOT NULL,
  title TEXT NOT NULL,
  body_html TEXT NOT NULL DEFAULT '',
  body_text TEXT NOT NULL DEFAULT '',
  attachments TEXT NOT NULL DEFAULT '[]',
  opening_fen BIGINT NOT NULL DEFAULT 0,
  income_fen BIGINT NOT NULL DEFAULT 0,
  expenditure_fen BIGINT NOT NULL DEFAULT 0,
  closing_fen BIGINT NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('draft', 'signed', 'posted')),
  sign_off TEXT NOT NULL DEFAULT '',
  posted_on TEXT NOT NULL DEFAULT '',
  created_by BIGINT REFERENCES accounts(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX village_affairs_region ON village_affairs(region_path, kind, period);
CREATE INDEX village_affairs_village ON village_affairs(region_id, kind, period);

CREATE TABLE village_finance_lines (
  affair_id BIGINT NOT NULL REFERENCES village_affairs(id),
  seq INTEGER NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('income', 'expenditure')),
  on_date TEXT NOT NULL,
  subject TEXT NOT NULL,
  summary TEXT NOT NULL,
  amount_fen BIGINT NOT NULL,
  PRIMARY KEY (affair_id, seq)
);

-- Each village's duties: from which day they run, and whether its accounts are due monthly or quarterly.
CREATE TABLE village_settings (
  region_id BIGINT PRIMARY KEY REFERENCES regions(id),
  finance_cadence TEXT NOT NULL CHECK (finance_cadence IN ('monthly', 'quarterly')),
  since_on TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
