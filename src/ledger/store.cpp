#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/crypto.h"
#include "ledger/events.h"
#include "ledger/hash_prefix.h"
#include "ledger/ledger.h"
#include "storage/row.h"
#include "storage/sqlite_statement.h"

namespace fishbowl::ledger {

namespace {

Hash stored_hash(const std::string& text) {
  auto h = from_hex(text);
  if (!h) throw std::runtime_error("ledger: malformed stored hash");
  return *h;
}

// The tree size at which node (level, idx) was completed: its key on SQLite, where the nodes are stored in
// the order they were made (migration 0005).
std::uint64_t completed_at(int level, std::uint64_t idx) {
  return (idx + 1) << level;
}

// Reads the given complete-subtree nodes and serves them to the proof, root and append functions. Level 0 is
// the leaves' own hashes, which ledger_nodes does not repeat.
class StoredNodes {
 public:
  StoredNodes(soci::session& sql, Backend backend, const std::vector<std::pair<int, std::uint64_t>>& wanted) {
    if (wanted.empty()) return;
    if (backend == Backend::sqlite)
      read_sqlite(sql, wanted);
    else
      read_postgresql(sql, wanted);
  }
  NodeSource source() const {
    return [this](int level, std::uint64_t idx) {
      auto it = nodes_.find({level, idx});
      if (it == nodes_.end())
        throw std::runtime_error(fmt::format("ledger: node {}/{} is missing", level, idx));
      return it->second;
    };
  }

 private:
  // A lookup per node through two statements prepared once: through SOCI, each run of a statement cost more
  // than SQLite's lookup itself, and those runs were most of a proof's time.
  void read_sqlite(soci::session& sql, const std::vector<std::pair<int, std::uint64_t>>& wanted) {
    SqliteStatement leaves(sql, "SELECT leaf_hash FROM ledger_leaves WHERE idx = ?");
    SqliteStatement nodes(sql, "SELECT hash FROM ledger_nodes WHERE upto = ? AND level = ?");
    for (const auto& w : wanted) {
      if (w.first == 0) {
        leaves.bind(1, static_cast<long long>(w.second));
      } else {
        nodes.bind(1, static_cast<long long>(completed_at(w.first, w.second)));
        nodes.bind(2, static_cast<long long>(w.first));
      }
      auto& st = w.first == 0 ? leaves : nodes;
      if (st.step()) nodes_[w] = stored_hash(st.text(0));
      st.reset();
    }
  }
  // One statement for all of them, the keys given as a JSON array: one round trip to the server, not one
  // per node.
  void read_postgresql(soci::session& sql, const std::vector<std::pair<int, std::uint64_t>>& wanted) {
    std::string keys;
    for (const auto& [level, idx] : wanted)
      keys += fmt::format("{}[{},{}]", keys.empty() ? "[" : ",", level, idx);
    keys += "]";
    std::string keys2 = keys;
    int level = 0;
    long long idx = 0;
    std::string hash;
    soci::statement st =
        (sql.prepare
             << "SELECT n.level, n.idx, n.hash FROM jsonb_array_elements(CAST(:k AS jsonb)) AS k(v) "
                "JOIN ledger_nodes n ON n.level = CAST(k.v ->> 0 AS INTEGER) "
                "AND n.idx = CAST(k.v ->> 1 AS BIGINT) "
                "UNION SELECT 0, l.idx, l.leaf_hash FROM jsonb_array_elements(CAST(:k2 AS jsonb)) AS k(v) "
                "JOIN ledger_leaves l ON CAST(k.v ->> 0 AS INTEGER) = 0 AND l.idx = CAST(k.v ->> 1 AS "
                "BIGINT)",
         soci::use(keys), soci::use(keys2), soci::into(level), soci::into(idx), soci::into(hash));
    st.execute();
    while (st.fetch()) nodes_[{level, static_cast<std::uint64_t>(idx)}] = stored_hash(hash);
  }

  std::map<std::pair<int, std::uint64_t>, Hash> nodes_;
};

std::uint64_t size_of(soci::session& sql) {
  long long size = 0;
  sql << "SELECT size FROM ledger_state WHERE id = 1", soci::into(size);
  return static_cast<std::uint64_t>(size);
}

Error bad_range(const char* field) {
  return Error::invalid("ledger.invalid_range", "树大小或序号超出账本范围", field);
}

}  // namespace

std::string commitment(const std::string& salt_hex, const std::string& field, const std::string& value) {
  return to_hex(sha256(salt_hex + field + std::string(1, '\0') + value));
}

void Appender::add(long long event_id, std::string data) {
  hashes_.push_back(leaf_hash(data));
  event_ids_.push_back(event_id);
  data_.push_back(std::move(data));
}

void Appender::undo_to(std::size_t mark) {
  event_ids_.resize(mark);
  data_.resize(mark);
  hashes_.resize(mark);
}

void Appender::write(soci::session& sql) {
  auto count = static_cast<long long>(data_.size());
  if (count == 0) return;
  // The UPDATE takes the row lock that orders concurrent appenders; the first index is the size before it.
  sql << "UPDATE ledger_state SET size = size + :n WHERE id = 1", soci::use(count);
  std::uint64_t first = size_of(sql) - static_cast<std::uint64_t>(count);

  // The nodes a new leaf hashes with are the stored right edge of the tree (exactly the nodes its root
  // reads) or nodes made by this flush.
  std::map<std::pair<int, std::uint64_t>, Hash> made;
  StoredNodes edge(sql, backend_, nodes_for_root(first));
  NodeSource stored = edge.source();
  NodeSource nodes = [&](int level, std::uint64_t idx) {
    auto it = made.find({level, idx});
    return it != made.end() ? it->second : stored(level, idx);
  };
  std::vector<long long> leaf_idx, node_idx, node_upto;
  std::vector<int> node_level;
  std::vector<std::string> leaf_hex, node_hex;
  for (std::size_t k = 0; k < data_.size(); ++k) {
    std::uint64_t index = first + k;
    leaf_idx.push_back(static_cast<long long>(index));
    leaf_hex.push_back(hex(hashes_[k]));
    for (const auto& n : append_nodes(hashes_[k], index, nodes)) {
      made[{n.level, n.index}] = n.hash;
      if (n.level == 0) continue;  // the leaf row holds it
      node_level.push_back(n.level);
      node_idx.push_back(static_cast<long long>(n.index));
      node_upto.push_back(static_cast<long long>(completed_at(n.level, n.index)));
      node_hex.push_back(hex(n.hash));
    }
  }
  insert_rows(sql, backend_,
              "INSERT INTO ledger_leaves (idx, event_id, leaf_hash, data) VALUES (:i, :e, :h, :d)", leaf_idx,
              event_ids_, leaf_hex, data_);
  if (backend_ == Backend::sqlite)
    insert_rows(sql, backend_, "INSERT INTO ledger_nodes (upto, level, idx, hash) VALUES (:u, :l, :i, :h)",
                node_upto, node_level, node_idx, node_hex);
  else
    insert_rows(sql, backend_, "INSERT INTO ledger_nodes (level, idx, hash) VALUES (:l, :i, :h)", node_level,
                node_idx, node_hex);
  event_ids_.clear();
  data_.clear();
  hashes_.clear();
}

Result<std::uint64_t> tree_size(Database& db) {
  return db.read([](soci::session& sql) -> Result<std::uint64_t> { return size_of(sql); });
}

Result<std::vector<Entry>> entries(Database& db, std::uint64_t start, std::uint64_t end) {
  return db.snapshot([&](soci::session& sql) -> Result<std::vector<Entry>> {
    std::uint64_t size = size_of(sql);
    if (start > end || end > size) return bad_range("end");
    if (end - start > 1000) end = start + 1000;
    long long s = static_cast<long long>(start), e = static_cast<long long>(end);
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "SELECT l.idx, l.event_id, l.data, l.leaf_hash, e.id, e.type, e.actor_id, e.actor_role, "
                "e.scope, e.subject, e.payload, e.occurred_at, e.personal, e.salt "
                "FROM ledger_leaves l LEFT JOIN events e ON e.id = l.event_id "
                "WHERE l.idx >= :s AND l.idx < :e ORDER BY l.idx",
         soci::use(s), soci::use(e));
    std::vector<Entry> out;
    for (const auto& r : rows) {
      Entry en{static_cast<std::uint64_t>(int64_at(r, 0)), int64_at(r, 1), text_at(r, 2),
               stored_hash(text_at(r, 3)), std::nullopt};
      if (r.get_indicator(4) != soci::i_null)
        en.event = leaf_bytes(Event{int64_at(r, 4), text_at(r, 5), optional_int64_at(r, 6), text_at(r, 7),
                                    text_at(r, 8), text_at(r, 9), text_at(r, 10), text_at(r, 11),
                                    text_at(r, 12), text_at(r, 13)});
      out.push_back(std::move(en));
    }
    return out;
  });
}

Result<std::optional<std::uint64_t>> index_of_leaf(Database& db, const Hash& leaf) {
  return db.snapshot([&](soci::session& sql) -> Result<std::optional<std::uint64_t>> {
    std::string h = hex(leaf), prefix = h.substr(0, kHashPrefixDigits);
    long long idx = 0, indexed = 0;
    soci::indicator ind = soci::i_ok;
    sql << "SELECT MIN(l.idx) FROM ledger_leaf_hashes x JOIN ledger_leaves l ON l.idx = x.idx "
           "WHERE x.prefix = :p AND l.leaf_hash = :h",
        soci::use(prefix), soci::use(h), soci::into(idx, ind);
    if (ind == soci::i_null) {
      sql << "SELECT indexed FROM ledger_hash_state WHERE id = 1", soci::into(indexed);
      sql << "SELECT MIN(idx) FROM ledger_leaves WHERE idx >= :i AND leaf_hash = :h", soci::use(indexed),
          soci::use(h), soci::into(idx, ind);
    }
    if (ind == soci::i_null) return std::optional<std::uint64_t>();
    return std::optional<std::uint64_t>(static_cast<std::uint64_t>(idx));
  });
}

Result<std::uint64_t> index_leaf_hashes(Database& db, std::uint64_t chunk) {
  std::uint64_t total = 0;
  for (;;) {
    auto done = db.write([&](soci::session& sql) -> Result<std::uint64_t> {
      long long indexed = 0, limit = static_cast<long long>(chunk);
      // Taking the row lock first keeps two servers from indexing the same leaves.
      sql << "UPDATE ledger_hash_state SET indexed = indexed WHERE id = 1";
      sql << "SELECT indexed FROM ledger_hash_state WHERE id = 1", soci::into(indexed);
      std::vector<std::pair<std::string, long long>> keys;
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT idx, leaf_hash FROM ledger_leaves WHERE idx >= :i "
                          "ORDER BY idx LIMIT :n",
           soci::use(indexed), soci::use(limit));
      for (const auto& r : rows)
        keys.emplace_back(text_at(r, 1).substr(0, kHashPrefixDigits), int64_at(r, 0));
      if (keys.empty()) return std::uint64_t{0};
      // In key order, each index page is written once however many of the new keys it takes.
      std::sort(keys.begin(), keys.end());
      std::vector<std::string> prefixes;
      std::vector<long long> idx;
      for (auto& [p, i] : keys) {
        prefixes.push_back(std::move(p));
        idx.push_back(i);
      }
      sql << "INSERT INTO ledger_leaf_hashes (prefix, idx) VALUES (:p, :i)", soci::use(prefixes),
          soci::use(idx);
      long long upto = indexed + static_cast<long long>(idx.size());
      sql << "UPDATE ledger_hash_state SET indexed = :n WHERE id = 1", soci::use(upto);
      return static_cast<std::uint64_t>(idx.size());
    });
    if (!done) return done.error();
    total += *done;
    if (*done < chunk) return total;
  }
}

Result<std::optional<std::uint64_t>> index_of_event(Database& db, long long event_id) {
  return db.read([&](soci::session& sql) -> Result<std::optional<std::uint64_t>> {
    long long idx = 0;
    sql << "SELECT idx FROM ledger_leaves WHERE event_id = :e", soci::use(event_id), soci::into(idx);
    if (!sql.got_data()) return std::optional<std::uint64_t>();
    return std::optional<std::uint64_t>(static_cast<std::uint64_t>(idx));
  });
}

Result<Hash> root_at(Database& db, std::uint64_t size) {
  return db.snapshot([&](soci::session& sql) -> Result<Hash> {
    if (size > size_of(sql)) return bad_range("size");
    StoredNodes nodes(sql, db.backend(), nodes_for_root(size));
    return root(nodes.source(), size);
  });
}

Result<std::vector<Hash>> inclusion(Database& db, std::uint64_t index, std::uint64_t size) {
  return db.snapshot([&](soci::session& sql) -> Result<std::vector<Hash>> {
    if (size > size_of(sql)) return bad_range("size");
    if (index >= size) return bad_range("index");
    StoredNodes nodes(sql, db.backend(), nodes_for_inclusion(index, size));
    return inclusion_proof(nodes.source(), index, size);
  });
}

Result<std::vector<Hash>> consistency(Database& db, std::uint64_t size1, std::uint64_t size2) {
  return db.snapshot([&](soci::session& sql) -> Result<std::vector<Hash>> {
    if (size2 > size_of(sql)) return bad_range("size2");
    if (size1 == 0 || size1 > size2) return bad_range("size1");
    StoredNodes nodes(sql, db.backend(), nodes_for_consistency(size1, size2));
    return consistency_proof(nodes.source(), size1, size2);
  });
}

Result<std::optional<StoredCheckpoint>> latest_checkpoint(Database& db) {
  return db.read([](soci::session& sql) -> Result<std::optional<StoredCheckpoint>> {
    soci::rowset<soci::row> rows =
        (sql.prepare
         << "SELECT size, root, note, created_at FROM ledger_checkpoints ORDER BY size DESC LIMIT 1");
    for (const auto& r : rows)
      return std::optional<StoredCheckpoint>(StoredCheckpoint{static_cast<std::uint64_t>(int64_at(r, 0)),
                                                              stored_hash(text_at(r, 1)), text_at(r, 2),
                                                              text_at(r, 3)});
    return std::optional<StoredCheckpoint>();
  });
}

Result<std::optional<StoredCheckpoint>> make_checkpoint(Database& db, const Signer& signer) {
  auto last = latest_checkpoint(db);
  if (!last) return last.error();
  auto size = tree_size(db);
  if (!size) return size.error();
  if (*size == 0 || (last.value() && last.value()->size >= *size)) return last;
  auto r = root_at(db, *size);
  if (!r) return r.error();
  StoredCheckpoint c{*size, *r, signer.sign(checkpoint_text({signer.name, *size, *r})), now_utc()};
  auto stored = db.write([&](soci::session& sql) -> Status {
    long long n = 0, s = static_cast<long long>(c.size);
    sql << "SELECT COUNT(*) FROM ledger_checkpoints WHERE size = :s", soci::use(s), soci::into(n);
    if (n) return ok_status();  // another server signed this size first
    std::string root_hex = hex(c.root);
    sql << "INSERT INTO ledger_checkpoints (size, root, note, created_at) VALUES (:s, :r, :n, :t)",
        soci::use(s), soci::use(root_hex), soci::use(c.note), soci::use(c.created_at);
    return ok_status();
  });
  if (!stored) return stored.error();
  return latest_checkpoint(db);
}

}  // namespace fishbowl::ledger
