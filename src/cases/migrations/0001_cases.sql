-- Cases (办件) and the SMS outbox. A case row holds its current state; its history is its events (subject
-- case:<id>). The applicant's personal data are kept here and in the events' private column, never in a public
-- leaf. Deadlines are calendar dates in China ("YYYY-MM-DD"), which sort correctly as text.
CREATE TABLE cases (
  id {{id}},
  case_no TEXT NOT NULL UNIQUE,
  item_id BIGINT NOT NULL REFERENCES service_items(id),
  item_version INTEGER NOT NULL,
  item_name TEXT NOT NULL,
  promised_days INTEGER NOT NULL,
  department_id BIGINT NOT NULL REFERENCES departments(id),
  channel TEXT NOT NULL CHECK (channel IN ('window', 'online', 'proxy')),
  filed_region_id BIGINT NOT NULL REFERENCES regions(id),
  filed_path TEXT NOT NULL,
  holder_region_id BIGINT NOT NULL REFERENCES regions(id),
  holder_department_id BIGINT REFERENCES departments(id),
  state TEXT NOT NULL CHECK (state IN ('submitted', 'awaiting_supplement', 'accepted', 'in_review', 'decided',
                                       'completed', 'refused', 'withdrawn')),
  resume_state TEXT NOT NULL DEFAULT '',
  applicant_name TEXT NOT NULL,
  applicant_phone TEXT NOT NULL,
  applicant_id_number TEXT NOT NULL DEFAULT '',
  phone_last4 TEXT NOT NULL,
  applicant_account_id BIGINT REFERENCES accounts(id),
  filed_by BIGINT REFERENCES accounts(id),
  first_contact_id BIGINT REFERENCES accounts(id),
  decision TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  missing TEXT NOT NULL DEFAULT '[]',
  stage_due TEXT NOT NULL,
  due_date TEXT NOT NULL DEFAULT '',
  paused_since TEXT NOT NULL DEFAULT '',
  filed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX cases_filed_path ON cases(filed_path, stage_due);
CREATE INDEX cases_department ON cases(department_id, stage_due);
CREATE INDEX cases_holder ON cases(holder_region_id, holder_department_id, state);
CREATE INDEX cases_applicant ON cases(applicant_account_id);

-- Messages to applicants, written in the same transaction as the change they report and sent afterwards by
-- the configured sender; sent_at stays empty until then.
CREATE TABLE sms_outbox (
  id {{id}},
  case_id BIGINT REFERENCES cases(id),
  phone TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sms_outbox_unsent ON sms_outbox(sent_at, id);

-- 好差评: one rating per completed case. A rating of 1 or 2 opens a follow-up that the department answers by
-- follow_up_due. department_id and filed_path repeat the case's so that the figures need no join to count.
CREATE TABLE case_ratings (
  case_id BIGINT PRIMARY KEY REFERENCES cases(id),
  department_id BIGINT NOT NULL REFERENCES departments(id),
  filed_path TEXT NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  rated_at TEXT NOT NULL,
  follow_up_due TEXT NOT NULL DEFAULT '',
  follow_up_answer TEXT NOT NULL DEFAULT '',
  follow_up_answered_at TEXT NOT NULL DEFAULT '',
  follow_up_by BIGINT REFERENCES accounts(id)
);
CREATE INDEX case_ratings_department ON case_ratings(department_id);
