-- Lookups by leaf hash go through ledger_leaf_hashes, which ledger::index_leaf_hashes fills in bulk behind the
-- appends. An index on ledger_leaves.leaf_hash put every appended leaf at a random place in one B-tree, so a
-- batch dirtied about one index page per leaf and cost more than the rest of the append together. The few
-- leaves not indexed yet (from ledger_hash_state.indexed on) are scanned. ledger_hash_state is a row of its
-- own so that indexing never waits for the lock that orders the appends.
DROP INDEX ledger_leaves_hash;
-- Level 0 of the nodes repeated the leaves' own hashes.
ALTER TABLE ledger_nodes DISABLE TRIGGER ledger_nodes_no_change;
DELETE FROM ledger_nodes WHERE level = 0;
ALTER TABLE ledger_nodes ENABLE TRIGGER ledger_nodes_no_change;
CREATE TABLE ledger_leaf_hashes (
  prefix TEXT NOT NULL,  -- the first 16 hex digits of the leaf hash
  idx BIGINT NOT NULL,
  PRIMARY KEY (prefix, idx)
);
CREATE TABLE ledger_hash_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  indexed BIGINT NOT NULL
);
INSERT INTO ledger_leaf_hashes (prefix, idx) SELECT substr(leaf_hash, 1, 16), idx FROM ledger_leaves;
INSERT INTO ledger_hash_state (id, indexed) SELECT 1, COUNT(*) FROM ledger_leaves;
CREATE TRIGGER ledger_leaf_hashes_no_change BEFORE UPDATE OR DELETE ON ledger_leaf_hashes
  FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER ledger_leaf_hashes_no_truncate BEFORE TRUNCATE ON ledger_leaf_hashes
  FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
