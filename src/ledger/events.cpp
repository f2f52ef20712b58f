#include "ledger/events.h"

#include "ledger/ledger.h"
#include "storage/row.h"

namespace fishbowl {

Result<std::optional<long long>> last_event_id(Database& db, const std::string& subject,
                                               const std::string& type) {
  return db.read([&](soci::session& sql) -> Result<std::optional<long long>> {
    long long id = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT MAX(id) FROM events WHERE subject = :s AND type = :t", soci::use(subject), soci::use(type),
        soci::into(id, ind);
    return ind == soci::i_ok ? std::optional<long long>(id) : std::nullopt;
  });
}

Result<std::vector<Event>> list_events(Database& db, const EventQuery& q) {
  return db.read([&](soci::session& sql) -> Result<std::vector<Event>> {
    std::string subject = q.subject.value_or(""), type = q.type.value_or("");
    int has_subject = q.subject ? 1 : 0, has_type = q.type ? 1 : 0;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, type, actor_id, actor_role, scope, subject, payload, "
                        "occurred_at, personal, salt FROM events WHERE id > :after "
                        "AND (:hs = 0 OR subject = :s) AND (:ht = 0 OR type = :t) "
                        "ORDER BY id LIMIT :lim",
         soci::use(q.after_id), soci::use(has_subject), soci::use(subject), soci::use(has_type),
         soci::use(type), soci::use(q.limit));
    std::vector<Event> out;
    for (const auto& r : rows) {
      Event e;
      e.id = int64_at(r, 0);
      e.type = text_at(r, 1);
      e.actor_id = optional_int64_at(r, 2);
      e.actor_role = text_at(r, 3);
      e.scope = text_at(r, 4);
      e.subject = text_at(r, 5);
      e.payload = text_at(r, 6);
      e.occurred_at = text_at(r, 7);
      e.personal = text_at(r, 8);
      e.salt = text_at(r, 9);
      out.push_back(std::move(e));
    }
    return out;
  });
}

long long count_events(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM events", soci::into(n);
  return n;
}

nlohmann::json to_json(const Event& e) {
  return {{"id", e.id},
          {"type", e.type},
          {"actor_id", e.actor_id ? nlohmann::json(*e.actor_id) : nlohmann::json(nullptr)},
          {"actor_role", e.actor_role},
          {"scope", e.scope},
          {"subject", e.subject},
          {"payload", nlohmann::json::parse(e.payload, nullptr, false)},
          {"occurred_at", e.occurred_at}};
}

std::string leaf_bytes(const Event& e) {
  // The public event, plus commitments to the personal data it concerns: the canonical dump of
  // to_json(e) with "personal" added. The payload's stored text is that canonical dump already, so it goes in
  // as it is rather than parsed and dumped again; its key sorts between the two halves of the rest.
  nlohmann::json before = {{"actor_id", e.actor_id ? nlohmann::json(*e.actor_id) : nlohmann::json(nullptr)},
                           {"actor_role", e.actor_role},
                           {"id", e.id},
                           {"occurred_at", e.occurred_at}};
  nlohmann::json after = {{"scope", e.scope}, {"subject", e.subject}, {"type", e.type}};
  auto personal = nlohmann::json::parse(e.personal, nullptr, false);
  if (personal.is_object() && !personal.empty()) {
    nlohmann::json commitments = nlohmann::json::object();
    for (const auto& [field, value] : personal.items())
      commitments[field] =
          ledger::commitment(e.salt, field, value.is_string() ? value.get<std::string>() : value.dump());
    after["personal"] = commitments;
  }
  auto dump = [](const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  };
  std::string out = dump(before);
  out.back() = ',';
  out += "\"payload\":";
  out += e.payload;
  out += ',';
  out += std::string_view(dump(after)).substr(1);
  return out;
}

}  // namespace fishbowl
