// The public ledger, for anyone and without login: the latest signed checkpoint, the verifier key, entries,
// and inclusion and consistency proofs (RFC 9162), so that anybody can check that nothing was altered
// afterwards.
#include <charconv>

#include "http/api.h"
#include "ledger/ledger.h"

namespace fishbowl::http {

namespace {

using auth::Permission;

Result<std::optional<std::uint64_t>> number(const Call& c, const char* name) {
  auto it = c.query.find(name);
  if (it == c.query.end()) return std::optional<std::uint64_t>();
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || p != it->second.data() + it->second.size() || v > (1ULL << 53))
    return Error::invalid("query.invalid_number", "参数应为非负整数", name);
  return std::optional<std::uint64_t>(v);
}

Result<std::uint64_t> required(const Call& c, const char* name) {
  auto v = number(c, name);
  if (!v) return v.error();
  if (!*v) return Error::invalid("query.required", "缺少必填参数", name);
  return **v;
}

nlohmann::json hashes(const std::vector<ledger::Hash>& list) {
  auto a = nlohmann::json::array();
  for (const auto& h : list) a.push_back(ledger::hex(h));
  return a;
}

Response text(std::string body) {
  Response r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

}  // namespace

void add_ledger_routes(Api& api) {
  api.add(
      {"GET", "/api/v1/ledger/checkpoint", Permission::public_read, nullptr, [](Call& c) -> Result<Response> {
         auto cp = ledger::latest_checkpoint(c.app.db);
         if (!cp) return cp.error();
         if (!cp.value()) return Error::not_found("ledger.no_checkpoint", "账本还没有检查点");
         return text(cp.value()->note);
       }});
  api.add({"GET", "/api/v1/ledger/key", Permission::public_read, nullptr, [](Call& c) -> Result<Response> {
             if (c.app.config.ledger_verifier_key.empty())
               return Error::not_found("ledger.no_key", "本服务未配置账本签名密钥");
             return text(c.app.config.ledger_verifier_key + "\n");
           }});
  api.add(
      {"GET", "/api/v1/ledger/entries", Permission::public_read, nullptr, [](Call& c) -> Result<Response> {
         auto start = number(c, "start");
         if (!start) return start.error();
         auto size = ledger::tree_size(c.app.db);
         if (!size) return size.error();
         auto end = number(c, "end");
         if (!end) return end.error();
         std::uint64_t s = start->value_or(0), e = end->value_or(std::min(*size, s + 100));
         auto list = ledger::entries(c.app.db, s, e);
         if (!list) return list.error();
         auto items = nlohmann::json::array();
         for (const auto& en : *list)
           items.push_back({{"index", en.index},
                            {"event_id", en.event_id},
                            {"leaf_hash", ledger::hex(en.leaf_hash)},
                            {"data", en.data},
                            // The event as stored now, beside the leaf: any difference is an edit.
                            {"event", en.event ? nlohmann::json::parse(*en.event, nullptr, false)
                                               : nlohmann::json(nullptr)}});
         return Response::json(200, {{"tree_size", *size}, {"entries", items}});
       }});
  api.add({"GET", "/api/v1/ledger/proof/inclusion", Permission::public_read, nullptr,
           [](Call& c) -> Result<Response> {
             auto size = required(c, "size");
             if (!size) return size.error();
             std::optional<std::uint64_t> index;
             auto by_index = number(c, "index");
             if (!by_index) return by_index.error();
             index = *by_index;
             if (auto it = c.query.find("leaf_hash"); !index && it != c.query.end()) {
               auto h = ledger::from_hex(it->second);
               if (!h)
                 return Error::invalid("query.invalid_hash", "leaf_hash 应为 64 位十六进制", "leaf_hash");
               auto found = ledger::index_of_leaf(c.app.db, *h);
               if (!found) return found.error();
               if (!*found) return Error::not_found("ledger.leaf_not_found", "账本中没有这个叶子");
               index = *found;
             }
             if (auto it = c.query.find("event_id"); !index && it != c.query.end()) {
               auto id = c.query_id("event_id");
               if (!id) return id.error();
               auto found = ledger::index_of_event(c.app.db, **id);
               if (!found) return found.error();
               if (!*found) return Error::not_found("ledger.leaf_not_found", "账本中没有这个事件");
               index = *found;
             }
             if (!index)
               return Error::invalid("query.required", "需要 index、leaf_hash 或 event_id", "index");
             auto proof = ledger::inclusion(c.app.db, *index, *size);
             if (!proof) return proof.error();
             auto root = ledger::root_at(c.app.db, *size);
             if (!root) return root.error();
             auto leaf = ledger::entries(c.app.db, *index, *index + 1);
             if (!leaf) return leaf.error();
             // Field names as `fishbowl ledger verify-inclusion` reads them, so an answer can be piped into
             // it.
             return Response::json(200, {{"index", *index},
                                         {"size", *size},
                                         {"leaf_hash", ledger::hex(leaf->at(0).leaf_hash)},
                                         {"proof", hashes(*proof)},
                                         {"root", ledger::hex(*root)}});
           }});
  api.add({"GET", "/api/v1/ledger/proof/consistency", Permission::public_read, nullptr,
           [](Call& c) -> Result<Response> {
             auto size1 = required(c, "size1");
             auto size2 = required(c, "size2");
             if (!size1) return size1.error();
             if (!size2) return size2.error();
             auto proof = ledger::consistency(c.app.db, *size1, *size2);
             if (!proof) return proof.error();
             auto root1 = ledger::root_at(c.app.db, *size1);
             auto root2 = ledger::root_at(c.app.db, *size2);
             if (!root1) return root1.error();
             if (!root2) return root2.error();
             return Response::json(200, {{"size1", *size1},
                                         {"size2", *size2},
                                         {"root1", ledger::hex(*root1)},
                                         {"root2", ledger::hex(*root2)},
                                         {"proof", hashes(*proof)}});
           }});
}

}  // namespace fishbowl::http
