-- Information requests (依申请公开). The row holds the request as it stands, with the applicant's personal
-- data (for the organ only) and the clock; info_request_steps holds its history, one row per change. Dates
-- are China calendar dates "YYYY-MM-DD".
CREATE TABLE info_requests (
  id {{id}},
  tracking_no TEXT NOT NULL UNIQUE,
  access_hash TEXT NOT NULL,
  department_id BIGINT REFERENCES departments(id),
  region_id BIGINT NOT NULL REFERENCES regions(id),
  region_path TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('online', 'letter', 'in_person')),
  account_id BIGINT REFERENCES accounts(id),
  recorded_by BIGINT REFERENCES accounts(id),
  applicant_type TEXT NOT NULL,
  applicant_name TEXT NOT NULL,
  id_number TEXT NOT NULL,
  contact_name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL,
  delivery TEXT NOT NULL,
  received_on TEXT NOT NULL,
  clock_start TEXT NOT NULL,
  due_on TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('received', 'awaiting_supplement', 'consulting', 'replied')),
  paused_since TEXT NOT NULL DEFAULT '',
  paused_days INTEGER NOT NULL DEFAULT 0,
  supplement_requested INTEGER NOT NULL DEFAULT 0,
  supplement_by TEXT NOT NULL DEFAULT '',
  extension_days INTEGER NOT NULL DEFAULT 0,
  extension_requested_days INTEGER NOT NULL DEFAULT 0,
  extension_requested_by BIGINT REFERENCES accounts(id),
  result TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  reply_letter TEXT NOT NULL DEFAULT '',
  reply_documents TEXT NOT NULL DEFAULT '[]',
  replied_on TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX info_requests_region ON info_requests(region_path, due_on);
CREATE INDEX info_requests_department ON info_requests(department_id, due_on);
CREATE INDEX info_requests_account ON info_requests(account_id);
CREATE INDEX info_requests_received ON info_requests(received_on);

CREATE TABLE info_request_steps (
  id {{id}},
  request_id BIGINT NOT NULL REFERENCES info_requests(id),
  kind TEXT NOT NULL,
  on_date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  by_account BIGINT REFERENCES accounts(id),
  at TEXT NOT NULL
);
CREATE INDEX info_request_steps_request ON info_request_steps(request_id, id);

-- The last tracking number given per organ and year.
CREATE TABLE request_sequences (
  organ_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (organ_code, year)
);
