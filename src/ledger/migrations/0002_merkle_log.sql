-- The public append-only Merkle log (RFC 9162 hashing) over the events.
-- ledger_leaves: leaf idx (from 0) holds the canonical bytes of one event; ledger_nodes: the hash of every complete
-- subtree (level, idx), so roots and proofs read O(log n) rows; ledger_state: the size, whose row lock orders
-- concurrent appends from several servers into one linear sequence; ledger_checkpoints: signed tree heads.
-- Personal data enters a leaf only as salted commitments; the clear values and the salt stay on the event row.
ALTER TABLE events ADD COLUMN personal TEXT NOT NULL DEFAULT '{}';
ALTER TABLE events ADD COLUMN salt TEXT NOT NULL DEFAULT '';

CREATE TABLE ledger_leaves (
  idx BIGINT PRIMARY KEY,
  event_id BIGINT NOT NULL UNIQUE REFERENCES events(id),
  leaf_hash TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX ledger_leaves_hash ON ledger_leaves(leaf_hash);

CREATE TABLE ledger_nodes (
  level INTEGER NOT NULL,
  idx BIGINT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (level, idx)
);

CREATE TABLE ledger_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  size BIGINT NOT NULL
);
INSERT INTO ledger_state (id, size) VALUES (1, 0);

CREATE TABLE ledger_checkpoints (
  size BIGINT PRIMARY KEY,
  root TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL
);
