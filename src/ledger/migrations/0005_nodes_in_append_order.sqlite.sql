-- On SQLite the nodes are keyed by the tree size at which each was completed, ((idx + 1) << level, then level),
-- instead of (level, idx). Keyed by level, the nodes one commit adds landed on a page of their own for every
-- level they reached, about a quarter of the pages a group commit wrote to the write-ahead log; keyed by the
-- size that completed them they land together at the table's end. PostgreSQL keeps (level, idx).
CREATE TABLE ledger_nodes_appended (
  upto BIGINT NOT NULL,
  level INTEGER NOT NULL,
  idx BIGINT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (upto, level)
) WITHOUT ROWID;
INSERT INTO ledger_nodes_appended (upto, level, idx, hash) SELECT (idx + 1) << level, level, idx, hash FROM ledger_nodes ORDER BY 1, 2;
DROP TABLE ledger_nodes;
ALTER TABLE ledger_nodes_appended RENAME TO ledger_nodes;
CREATE TRIGGER ledger_nodes_no_update BEFORE UPDATE ON ledger_nodes BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_nodes_no_delete BEFORE DELETE ON ledger_nodes BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
