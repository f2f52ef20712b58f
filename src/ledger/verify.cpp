#include <fmt/format.h>

#include "ledger/events.h"
#include "ledger/hash_prefix.h"
#include "ledger/ledger.h"
#include "storage/row.h"

namespace fishbowl::ledger {

Result<std::string> verify_store(Database& db, const std::optional<Verifier>& verifier) {
  return db.read([&](soci::session& sql) -> Result<std::string> {
    long long size = 0;
    sql << "SELECT size FROM ledger_state WHERE id = 1", soci::into(size);

    MemoryTree tree;
    soci::rowset<soci::row> leaves =
        (sql.prepare
         << "SELECT l.idx, l.event_id, l.leaf_hash, l.data, e.id, e.type, e.actor_id, e.actor_role, "
            "e.scope, e.subject, e.payload, e.occurred_at, e.personal, e.salt "
            "FROM ledger_leaves l LEFT JOIN events e ON e.id = l.event_id ORDER BY l.idx");
    long long expected = 0;
    for (const auto& r : leaves) {
      long long idx = int64_at(r, 0);
      if (idx != expected) return fmt::format("叶子 {} 缺失（账本被截断或删改）", expected);
      std::string data = text_at(r, 3);
      Hash computed = leaf_hash(data);
      if (hex(computed) != text_at(r, 2)) return fmt::format("叶子 {} 的哈希与其内容不符", idx);
      if (r.get_indicator(4) == soci::i_null)
        return fmt::format("叶子 {} 对应的事件 {} 不存在", idx, int64_at(r, 1));
      Event e{int64_at(r, 4), text_at(r, 5),  optional_int64_at(r, 6), text_at(r, 7),  text_at(r, 8),
              text_at(r, 9),  text_at(r, 10), text_at(r, 11),          text_at(r, 12), text_at(r, 13)};
      if (leaf_bytes(e) != data) return fmt::format("事件 {} 已被改动，与账本叶子 {} 不符", e.id, idx);
      tree.append_leaf_hash(computed);
      ++expected;
    }
    if (expected != size) return fmt::format("账本记录的大小为 {}，实际叶子数为 {}", size, expected);

    long long events = 0;
    sql << "SELECT COUNT(*) FROM events", soci::into(events);
    if (events != size) return fmt::format("有 {} 个事件，但账本只有 {} 个叶子", events, size);

    auto source = tree.source();
    // On SQLite a node is found by the size that completed it (migration 0005): a row whose key disagrees
    // with its level and index would answer for another node.
    soci::rowset<soci::row> nodes =
        (sql.prepare << (db.backend() == Backend::sqlite
                             ? "SELECT level, idx, hash, upto FROM ledger_nodes ORDER BY upto, level"
                             : "SELECT level, idx, hash, NULL FROM ledger_nodes ORDER BY level, idx"));
    long long node_count = 0;
    for (const auto& r : nodes) {
      int level = static_cast<int>(int64_at(r, 0));
      auto idx = static_cast<std::uint64_t>(int64_at(r, 1));
      if (level < 1 || level >= 64 || ((idx + 1) << level) > static_cast<std::uint64_t>(size))
        return fmt::format("节点 {}/{} 超出账本范围", level, idx);
      if (r.get_indicator(3) == soci::i_ok &&
          static_cast<std::uint64_t>(int64_at(r, 3)) != ((idx + 1) << level))
        return fmt::format("节点 {}/{} 的存放位置不符", level, idx);
      if (hex(source(level, idx)) != text_at(r, 2)) return fmt::format("节点 {}/{} 的哈希不符", level, idx);
      ++node_count;
    }
    long long want_nodes = 0;
    for (int level = 1; level < 64 && (1LL << level) <= size; ++level) want_nodes += size >> level;
    if (node_count != want_nodes) return fmt::format("应有 {} 个节点，实际 {} 个", want_nodes, node_count);

    // Every indexed leaf once, under its own hash: a wrong entry would send a lookup to the wrong leaf.
    long long indexed = 0, index_rows = 0, bad_index = -1;
    sql << "SELECT indexed FROM ledger_hash_state WHERE id = 1", soci::into(indexed);
    sql << "SELECT COUNT(*) FROM ledger_leaf_hashes", soci::into(index_rows);
    soci::indicator bad_ind = soci::i_null;
    auto digits = static_cast<long long>(kHashPrefixDigits);
    sql << "SELECT MIN(x.idx) FROM ledger_leaf_hashes x LEFT JOIN ledger_leaves l ON l.idx = x.idx "
           "WHERE l.idx IS NULL OR x.idx >= :n OR substr(l.leaf_hash, 1, :digits) <> x.prefix",
        soci::use(indexed), soci::use(digits), soci::into(bad_index, bad_ind);
    if (bad_ind != soci::i_null) return fmt::format("叶子哈希索引中叶子 {} 的条目不符", bad_index);
    if (indexed > size || index_rows != indexed)
      return fmt::format("叶子哈希索引应有 {} 条，实际 {} 条", indexed, index_rows);

    soci::rowset<soci::row> checkpoints =
        (sql.prepare << "SELECT size, root, note FROM ledger_checkpoints ORDER BY size");
    for (const auto& r : checkpoints) {
      auto cp_size = static_cast<std::uint64_t>(int64_at(r, 0));
      if (cp_size > static_cast<std::uint64_t>(size)) return fmt::format("检查点 {} 超出账本大小", cp_size);
      if (hex(tree.root(cp_size)) != text_at(r, 1))
        return fmt::format("检查点 {} 的根哈希与叶子不符", cp_size);
      std::string note = text_at(r, 2);
      std::string text = note.substr(0, note.rfind("\n\n") + 1);
      if (verifier) {
        auto opened = open_note(note, *verifier);
        if (!opened) return fmt::format("检查点 {} 的签名无效", cp_size);
        text = opened.value();
      }
      auto parsed = parse_checkpoint(text);
      if (!parsed || parsed->size != cp_size || parsed->root != tree.root(cp_size))
        return fmt::format("检查点 {} 的签名文本与存储的值不符", cp_size);
    }
    return std::string();
  });
}

}  // namespace fishbowl::ledger
