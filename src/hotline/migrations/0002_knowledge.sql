-- The knowledge base (知识库): answers to frequent questions, by department, each valid for a span of days
-- (a policy's answer expires with the policy). valid_to "" is open-ended. Dates are "YYYY-MM-DD".
CREATE TABLE knowledge_entries (
  id {{id}},
  department_id BIGINT NOT NULL REFERENCES departments(id),
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX knowledge_entries_department ON knowledge_entries(department_id, id);

-- A ticket the center found to repeat an open one is merged into it: closed, and followed through the other.
CREATE TABLE ticket_merges (
  ticket_id BIGINT PRIMARY KEY REFERENCES tickets(id),
  into_id BIGINT NOT NULL REFERENCES tickets(id)
);
