-- A monitoring node's own copy of the public ledger it follows, what it has verified, and what it has found.
CREATE TABLE monitor_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE monitor_leaves (
  idx BIGINT PRIMARY KEY,
  leaf_hash TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE monitor_checkpoints (
  size BIGINT PRIMARY KEY,
  root TEXT NOT NULL,
  note TEXT NOT NULL,
  verified_at TEXT NOT NULL
);
CREATE TABLE monitor_alerts (
  id {{id}},
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  raised_at TEXT NOT NULL
);
