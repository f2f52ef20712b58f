-- Tickets of the non-emergency linkage platform (12345). The row holds the ticket as it stands, with the
-- citizen's name and callback number (for the center and the assignee only); ticket_steps holds its history.
-- Times are UTC text.
CREATE TABLE tickets (
  id {{id}},
  ticket_no TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('consult', 'complaint', 'help', 'suggestion', 'report')),
  channel TEXT NOT NULL CHECK (channel IN ('hall', 'phone', 'web', 'kiosk', 'open311')),
  name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL,
  phone_last4 TEXT NOT NULL,
  account_id BIGINT REFERENCES accounts(id),
  region_id BIGINT NOT NULL REFERENCES regions(id),
  region_path TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('received', 'accepted', 'rejected', 'dispatched', 'claimed', 'replied',
                                       'completed', 'closed')),
  assignee_department_id BIGINT REFERENCES departments(id),
  assignee_region_id BIGINT REFERENCES regions(id),
  assignee_path TEXT NOT NULL DEFAULT '',
  co_handlers TEXT NOT NULL DEFAULT '',
  due_at TEXT NOT NULL DEFAULT '',
  reply TEXT NOT NULL DEFAULT '',
  replied_at TEXT NOT NULL DEFAULT '',
  completed_at TEXT NOT NULL DEFAULT '',
  extension_days INTEGER NOT NULL DEFAULT 0,
  extension_reason TEXT NOT NULL DEFAULT '',
  extension_by BIGINT REFERENCES accounts(id),
  escalated INTEGER NOT NULL DEFAULT 0,
  reopened INTEGER NOT NULL DEFAULT 0,
  satisfaction TEXT NOT NULL DEFAULT '',
  callback_note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX tickets_state ON tickets(state, due_at);
CREATE INDEX tickets_assignee ON tickets(assignee_department_id, state);
CREATE INDEX tickets_assignee_path ON tickets(assignee_path, state);
CREATE INDEX tickets_created ON tickets(created_at);

CREATE TABLE ticket_steps (
  id {{id}},
  ticket_id BIGINT NOT NULL REFERENCES tickets(id),
  kind TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  by_account BIGINT REFERENCES accounts(id),
  at TEXT NOT NULL
);
CREATE INDEX ticket_steps_ticket ON ticket_steps(ticket_id, id);

-- The last ticket number given per day ("YYYYMMDD").
CREATE TABLE ticket_sequences (
  day TEXT PRIMARY KEY,
  last INTEGER NOT NULL
);

-- How long an assignee has, by kind.
CREATE TABLE ticket_deadlines (
  kind TEXT PRIMARY KEY,
  amount INTEGER NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('working_days', 'hours'))
);
INSERT INTO ticket_deadlines (kind, amount, unit) VALUES ('consult', 24, 'hours'), ('help', 3, 'working_days'),
  ('complaint', 5, 'working_days'), ('report', 15, 'working_days'), ('suggestion', 15, 'working_days');

-- The linkage center: the department whose staff take and dispatch tickets (with the county's admins).
CREATE TABLE hotline_center (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  department_id BIGINT NOT NULL REFERENCES departments(id)
);
