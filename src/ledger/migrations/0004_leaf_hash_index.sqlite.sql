-- Lookups by leaf hash go through ledger_leaf_hashes, which ledger::index_leaf_hashes fills in bulk behind the
-- appends. An index on ledger_leaves.leaf_hash put every appended leaf at a random place in one B-tree, so a
-- batch dirtied about one index page per leaf and cost more than the rest of the append together. The few
-- leaves not indexed yet (from ledger_hash_state.indexed on) are scanned.
--
-- The leaves and nodes are rebuilt with their keys as the table's own key: ledger_leaves.idx was a BIGINT
-- PRIMARY KEY, which SQLite keeps as an index beside the rowid, and ledger_nodes a table beside its key's
-- index, so every leaf and node was written twice. Level 0 of the nodes, a copy of the leaves' hashes, goes.
CREATE TABLE ledger_leaves_keyed (
  idx INTEGER PRIMARY KEY,
  event_id BIGINT NOT NULL UNIQUE REFERENCES events(id),
  leaf_hash TEXT NOT NULL,
  data TEXT NOT NULL
);
INSERT INTO ledger_leaves_keyed (idx, event_id, leaf_hash, data) SELECT idx, event_id, leaf_hash, data FROM ledger_leaves;
DROP TABLE ledger_leaves;
ALTER TABLE ledger_leaves_keyed RENAME TO ledger_leaves;
CREATE TABLE ledger_nodes_keyed (
  level INTEGER NOT NULL,
  idx BIGINT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
INSERT INTO ledger_nodes_keyed (level, idx, hash) SELECT level, idx, hash FROM ledger_nodes WHERE level > 0;
DROP TABLE ledger_nodes;
ALTER TABLE ledger_nodes_keyed RENAME TO ledger_nodes;
CREATE TRIGGER ledger_leaves_no_update BEFORE UPDATE ON ledger_leaves BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_leaves_no_delete BEFORE DELETE ON ledger_leaves BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_nodes_no_update BEFORE UPDATE ON ledger_nodes BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_nodes_no_delete BEFORE DELETE ON ledger_nodes BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

CREATE TABLE ledger_leaf_hashes (
  prefix TEXT NOT NULL,  -- the first 16 hex digits of the leaf hash
  idx BIGINT NOT NULL,
  PRIMARY KEY (prefix, idx)
) WITHOUT ROWID;
CREATE TABLE ledger_hash_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  indexed BIGINT NOT NULL
);
INSERT INTO ledger_leaf_hashes (prefix, idx) SELECT substr(leaf_hash, 1, 16), idx FROM ledger_leaves;
INSERT INTO ledger_hash_state (id, indexed) SELECT 1, COUNT(*) FROM ledger_leaves;
CREATE TRIGGER ledger_leaf_hashes_no_update BEFORE UPDATE ON ledger_leaf_hashes BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_leaf_hashes_no_delete BEFORE DELETE ON ledger_leaf_hashes BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
