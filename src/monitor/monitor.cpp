#include "monitor/monitor.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "core/clock.h"
#include "monitor/fetch.h"
#include "storage/migrations.h"
#include "storage/row.h"

namespace fishbowl::monitor {

namespace {

constexpr std::uint64_t kPage = 1000;

std::string trim_newline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

Result<std::string> get_text(const std::string& url, long expect = 200) {
  auto f = http_get(url);
  if (!f) return f.error();
  if (f->status != expect)
    return Error{ErrorKind::unavailable, "monitor.bad_answer", fmt::format("{} 返回 HTTP {}", url, f->status),
                 ""};
  return std::move(f->body);
}

Result<nlohmann::json> get_json(const std::string& url) {
  auto text = get_text(url);
  if (!text) return text.error();
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object())
    return Error{ErrorKind::unavailable, "monitor.bad_answer", fmt::format("{} 的回答不是 JSON 对象", url),
                 ""};
  return j;
}

std::vector<ledger::Hash> hashes(const nlohmann::json& a) {
  std::vector<ledger::Hash> out;
  if (!a.is_array()) return out;
  for (const auto& h : a)
    if (auto v = h.is_string() ? ledger::from_hex(h.get<std::string>()) : std::nullopt) out.push_back(*v);
  return out;
}

std::optional<std::string> meta(soci::session& sql, const std::string& key) {
  std::string value;
  sql << "SELECT value FROM monitor_meta WHERE key = :k", soci::use(key), soci::into(value);
  if (!sql.got_data()) return std::nullopt;
  return value;
}

void set_meta(soci::session& sql, const std::string& key, const std::string& value) {
  sql << "DELETE FROM monitor_meta WHERE key = :k", soci::use(key);
  sql << "INSERT INTO monitor_meta (key, value) VALUES (:k, :v)", soci::use(key), soci::use(value);
}

struct Verified {
  std::uint64_t size = 0;
  ledger::Hash root{};
};

}  // namespace

Result<std::unique_ptr<Monitor>> Monitor::open(const Options& options) {
  std::error_code ec;
  std::filesystem::create_directories(options.state_dir, ec);
  auto db =
      Database::open("sqlite://" + (std::filesystem::path(options.state_dir) / "monitor.db").string(), 2);
  if (!db) return db.error();
  auto migrated = migrate(**db, {"monitor"});
  if (!migrated) return migrated.error();
  std::unique_ptr<Monitor> m(new Monitor(options, std::move(db.value())));
  // The verified copy is read back once; from then on the tree grows with each verified poll.
  auto loaded = m->db_->read([&](soci::session& sql) -> Status {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT leaf_hash FROM monitor_leaves ORDER BY idx");
    for (const auto& r : rows)
      m->tree_.append_leaf_hash(ledger::from_hex(text_at(r, 0)).value_or(ledger::Hash{}));
    return ok_status();
  });
  if (!loaded) return loaded.error();
  return m;
}

void Monitor::raise(std::vector<Alert>& alerts, const std::string& kind, const std::string& message) {
  Alert a{kind, message, now_utc()};
  spdlog::error("ALERT {} {}: {}", options_.url, kind, message);
  auto stored = db_->write([&](soci::session& sql) -> Status {
    sql << "INSERT INTO monitor_alerts (kind, message, raised_at) VALUES (:k, :m, :t)", soci::use(a.kind),
        soci::use(a.message), soci::use(a.raised_at);
    return ok_status();
  });
  if (!stored) spdlog::error("cannot store alert: {}", stored.error().message);
  alerts.push_back(std::move(a));
}

Result<ledger::Verifier> Monitor::verifier(std::vector<Alert>& alerts) {
  auto pinned =
      db_->read([](soci::session& sql) -> Result<std::optional<std::string>> { return meta(sql, "key"); });
  if (!pinned) return pinned.error();
  std::string key = options_.key;
  auto published = get_text(options_.url + "/api/v1/ledger/key");
  if (!published) return published.error();
  std::string served = trim_newline(*published);
  if (key.empty()) key = pinned->value_or(served);  // trust on first use, then hold on to it
  if (served != key)
    raise(alerts, "key_changed", fmt::format("服务器公布的验证公钥 {} 与固定的公钥 {} 不同", served, key));
  auto v = ledger::Verifier::parse(key);
  if (!v) return v.error();
  if (!pinned->has_value() || **pinned != key) {
    auto stored = db_->write([&](soci::session& sql) -> Status {
      set_meta(sql, "key", key);
      return ok_status();
    });
    if (!stored) return stored.error();
  }
  return v;
}

Result<std::vector<Alert>> Monitor::poll() {
  std::lock_guard lock(mu_);
  std::vector<Alert> alerts;
  auto v = verifier(alerts);
  if (!v) return v.error();

  auto note = http_get(options_.url + "/api/v1/ledger/checkpoint");
  if (!note) return note.error();
  if (note->status == 404) return alerts;  // nothing signed yet
  if (note->status != 200)
    return Error{ErrorKind::unavailable, "monitor.bad_answer",
                 fmt::format("检查点返回 HTTP {}", note->status), ""};
  auto text = ledger::open_note(note->body, *v);
  if (!text) {
    raise(alerts, "bad_signature", "检查点的签名无法用固定的公钥验证：" + text.error().message);
    return alerts;
  }
  auto cp = ledger::parse_checkpoint(*text);
  if (!cp || cp->origin != v->name) {
    raise(alerts, "bad_signature", "检查点格式不正确或来源行与公钥名称不符");
    return alerts;
  }

  Verified last;
  auto stored = db_->read([&](soci::session& sql) -> Status {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT size, root FROM monitor_checkpoints ORDER BY size DESC LIMIT 1");
    for (const auto& r : rows)
      last = Verified{static_cast<std::uint64_t>(int64_at(r, 0)), ledger::from_hex(text_at(r, 1)).value()};
    return ok_status();
  });
  if (!stored) return stored.error();

  if (cp->size < last.size) {
    raise(alerts, "shrank", fmt::format("检查点的树大小从已验证的 {} 变为 {}", last.size, cp->size));
    return alerts;
  }
  if (cp->size == last.size && cp->root != last.root) {
    raise(alerts, "fork", fmt::format("树大小同为 {}，根哈希却不同", cp->size));
    return alerts;
  }
  if (cp->size > last.size && last.size > 0) {
    auto proof = get_json(fmt::format("{}/api/v1/ledger/proof/consistency?size1={}&size2={}", options_.url,
                                      last.size, cp->size));
    if (!proof) return proof.error();
    if (!ledger::verify_consistency(last.size, cp->size, last.root, cp->root, hashes((*proof)["proof"]))) {
      raise(alerts, "fork",
            fmt::format("检查点 {} 不是已验证检查点 {} 的延续（一致性证明无效）", cp->size, last.size));
      return alerts;
    }
  }

  // Every entry, every poll: an entry verified long ago can still be rewritten, or its event edited.
  ledger::MemoryTree fresh;
  std::vector<std::pair<std::uint64_t, std::string>> added;
  auto known = tree_.source();
  std::uint64_t known_size = tree_.size();
  for (std::uint64_t start = 0; start < cp->size; start += kPage) {
    std::uint64_t end = std::min(cp->size, start + kPage);
    auto page = http_get(fmt::format("{}/api/v1/ledger/entries?start={}&end={}", options_.url, start, end));
    if (!page) return page.error();
    auto j = nlohmann::json::parse(page->body, nullptr, false);
    if (page->status != 200 || !j.is_object() || !j["entries"].is_array() ||
        j["entries"].size() != end - start) {
      raise(alerts, "entries_missing",
            fmt::format("检查点覆盖 {} 个条目，服务器却给不出第 {} 到 {} 条（账本被截断）", cp->size, start,
                        end - 1));
      return alerts;
    }
    for (const auto& e : j["entries"]) {
      std::uint64_t index = e.value("index", std::uint64_t{0});
      std::string data = e.value("data", std::string());
      ledger::Hash h = ledger::leaf_hash(data);
      if (index < known_size && known(0, index) != h)
        raise(alerts, "entry_rewritten", fmt::format("条目 {} 与先前验证过的副本不同", index));
      if (!e.contains("event") || !e["event"].is_object())
        raise(alerts, "event_altered", fmt::format("条目 {} 对应的事件已不存在", index));
      else if (e["event"].dump() != data)
        raise(alerts, "event_altered",
              fmt::format("事件 {} 已被改动，与账本条目 {} 不符", e["event"].value("id", 0LL), index));
      fresh.append_leaf_hash(h);
      if (index >= known_size) added.emplace_back(index, std::move(data));
    }
  }
  if (fresh.root(cp->size) != cp->root) {
    raise(alerts, "root_mismatch", fmt::format("{} 个条目算出的根哈希与签名的根哈希不符", cp->size));
    return alerts;
  }
  if (!alerts.empty()) return alerts;

  auto saved = db_->write([&](soci::session& sql) -> Status {
    for (const auto& [index, data] : added) {
      long long idx = static_cast<long long>(index);
      std::string h = ledger::hex(ledger::leaf_hash(data));
      sql << "INSERT INTO monitor_leaves (idx, leaf_hash, data) VALUES (:i, :h, :d)", soci::use(idx),
          soci::use(h), soci::use(data);
    }
    long long size = static_cast<long long>(cp->size);
    std::string root = ledger::hex(cp->root), at = now_utc(), body = note->body;
    sql << "DELETE FROM monitor_checkpoints WHERE size = :s", soci::use(size);
    sql << "INSERT INTO monitor_checkpoints (size, root, note, verified_at) VALUES (:s, :r, :n, :t)",
        soci::use(size), soci::use(root), soci::use(body), soci::use(at);
    return ok_status();
  });
  if (!saved) return saved.error();
  for (std::uint64_t i = known_size; i < cp->size; ++i) tree_.append_leaf_hash(fresh.source()(0, i));
  return alerts;
}

NodeStatus Monitor::status() {
  std::lock_guard lock(mu_);
  NodeStatus s;
  s.url = options_.url;
  auto r = db_->read([&](soci::session& sql) -> Status {
    soci::rowset<soci::row> rows =
        (sql.prepare
         << "SELECT size, root, note, verified_at FROM monitor_checkpoints ORDER BY size DESC LIMIT 1");
    for (const auto& row : rows) {
      s.size = static_cast<std::uint64_t>(int64_at(row, 0));
      s.root = ledger::from_hex(text_at(row, 1)).value_or(ledger::Hash{});
      s.checkpoint = text_at(row, 2);
      s.verified_at = text_at(row, 3);
    }
    long long n = 0;
    sql << "SELECT COUNT(*) FROM monitor_alerts", soci::into(n);
    s.alerts = static_cast<std::size_t>(n);
    return ok_status();
  });
  if (!r) spdlog::error("monitor status: {}", r.error().message);
  return s;
}

std::vector<Alert> Monitor::alerts(std::size_t limit) {
  std::vector<Alert> out;
  auto r = db_->read([&](soci::session& sql) -> Status {
    int lim = static_cast<int>(limit);
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT kind, message, raised_at FROM monitor_alerts ORDER BY id DESC LIMIT :l",
         soci::use(lim));
    for (const auto& row : rows) out.push_back(Alert{text_at(row, 0), text_at(row, 1), text_at(row, 2)});
    return ok_status();
  });
  if (!r) spdlog::error("monitor alerts: {}", r.error().message);
  return out;
}

nlohmann::json to_json(const NodeStatus& s) {
  return {{"url", s.url},
          {"size", s.size},
          {"root", ledger::hex(s.root)},
          {"checkpoint", s.checkpoint},
          {"verified_at", s.verified_at},
          {"alerts", s.alerts}};
}

nlohmann::json to_json(const Alert& a) {
  return {{"kind", a.kind}, {"message", a.message}, {"raised_at", a.raised_at}};
}

}  // namespace fishbowl::monitor
