-- Every change of state leaves one row here, written in the same transaction as the change.
-- The table is append-only: triggers refuse UPDATE and DELETE whatever the code tries.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  actor_id BIGINT,
  actor_role TEXT NOT NULL,
  scope TEXT NOT NULL,
  subject TEXT NOT NULL,
  payload TEXT NOT NULL,
  occurred_at TEXT NOT NULL
);
CREATE INDEX events_subject ON events(subject);
CREATE INDEX events_type ON events(type);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only');
END;
