#include "sqlite_baseline.h"

#include <soci/soci.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/row.h"

namespace fishbowl::bench {

namespace {

struct Rows {
  // events: id, type, actor_role, scope, subject, payload, occurred_at, personal, salt (actor_id is NULL for
  // the system actor the benchmark records as)
  std::vector<std::vector<std::string>> events;
  std::vector<long long> event_ids;
  std::vector<std::vector<std::string>> leaves;  // idx, event_id, leaf_hash, data
  std::vector<std::vector<std::string>> nodes;   // upto, level, idx, hash
  std::vector<std::uint64_t> node_leaf;          // the leaf whose append created the node
};

Rows read_rows(soci::session& sql) {
  Rows r;
  soci::rowset<soci::row> events =
      (sql.prepare << "SELECT id, type, actor_role, scope, subject, payload, occurred_at, personal, salt "
                      "FROM events ORDER BY id");
  for (const auto& row : events) {
    r.event_ids.push_back(int64_at(row, 0));
    std::vector<std::string> cols;
    for (std::size_t c = 1; c < 9; ++c) cols.push_back(text_at(row, c));
    r.events.push_back(std::move(cols));
  }
  soci::rowset<soci::row> leaves =
      (sql.prepare << "SELECT idx, event_id, leaf_hash, data FROM ledger_leaves ORDER BY idx");
  for (const auto& row : leaves)
    r.leaves.push_back({std::to_string(int64_at(row, 0)), std::to_string(int64_at(row, 1)), text_at(row, 2),
                        text_at(row, 3)});
  soci::rowset<soci::row> nodes = (sql.prepare << "SELECT level, idx, hash, upto FROM ledger_nodes");
  std::vector<std::pair<std::uint64_t, std::vector<std::string>>> by_leaf;
  for (const auto& row : nodes) {
    auto level = int64_at(row, 0), idx = int64_at(row, 1);
    by_leaf.push_back(
        {(static_cast<std::uint64_t>(idx + 1) << level) - 1,
         {std::to_string(int64_at(row, 3)), std::to_string(level), std::to_string(idx), text_at(row, 2)}});
  }
  std::stable_sort(by_leaf.begin(), by_leaf.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [leaf, cols] : by_leaf) {
    r.node_leaf.push_back(leaf);
    r.nodes.push_back(std::move(cols));
  }
  return r;
}

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(std::string("raw SQLite ") + what + ": " + sqlite3_errmsg(db));
}

using Stmt = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Stmt prepare(sqlite3* db, const char* text) {
  sqlite3_stmt* st = nullptr;
  check(sqlite3_prepare_v2(db, text, -1, &st, nullptr), db, "prepare");
  return Stmt(st, sqlite3_finalize);
}

void run(sqlite3* db, sqlite3_stmt* st, const std::vector<std::string>& values, int first_param = 1) {
  for (std::size_t i = 0; i < values.size(); ++i)
    sqlite3_bind_text(st, first_param + static_cast<int>(i), values[i].data(),
                      static_cast<int>(values[i].size()), SQLITE_STATIC);
  check(sqlite3_step(st), db, "step");
  sqlite3_reset(st);
}

void exec(sqlite3* db, const char* text) {
  check(sqlite3_exec(db, text, nullptr, nullptr, nullptr), db, text);
}

}  // namespace

double raw_sqlite_seconds(soci::session& source, const std::string& target_path, std::uint64_t batch) {
  Rows rows = read_rows(source);
  sqlite3* raw = nullptr;
  if (sqlite3_open(target_path.c_str(), &raw) != SQLITE_OK) throw std::runtime_error("raw SQLite: open");
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
  // The pragmas the server's connections use (storage/database.cpp).
  exec(raw, "PRAGMA journal_mode=WAL");
  exec(raw, "PRAGMA foreign_keys=ON");
  exec(raw, "PRAGMA synchronous=NORMAL");
  exec(raw, "PRAGMA cache_size=-32768");
  Stmt event =
      prepare(raw,
              "INSERT INTO events (id, type, actor_id, actor_role, scope, subject, payload, occurred_at, "
              "personal, salt) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)");
  Stmt leaf = prepare(raw, "INSERT INTO ledger_leaves (idx, event_id, leaf_hash, data) VALUES (?, ?, ?, ?)");
  Stmt node = prepare(raw, "INSERT INTO ledger_nodes (upto, level, idx, hash) VALUES (?, ?, ?, ?)");

  auto t0 = std::chrono::steady_clock::now();
  std::size_t next_node = 0;
  for (std::size_t start = 0; start < rows.events.size(); start += batch) {
    std::size_t end = std::min(rows.events.size(), start + batch);
    exec(raw, "BEGIN IMMEDIATE");
    exec(raw, "UPDATE ledger_state SET size = size WHERE id = 1");
    for (std::size_t k = start; k < end; ++k) {
      sqlite3_bind_int64(event.get(), 1, rows.event_ids[k]);
      run(raw, event.get(), rows.events[k], 2);
    }
    for (std::size_t k = start; k < end; ++k) run(raw, leaf.get(), rows.leaves[k]);
    for (; next_node < rows.nodes.size() && rows.node_leaf[next_node] < end; ++next_node)
      run(raw, node.get(), rows.nodes[next_node]);
    exec(raw, "COMMIT");
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace fishbowl::bench
