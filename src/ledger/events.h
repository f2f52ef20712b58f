#pragma once
// Reading the event log (writing happens only through Command::record).
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "storage/database.h"

namespace fishbowl {

struct Event {
  long long id = 0;
  std::string type;
  std::optional<long long> actor_id;
  std::string actor_role;
  std::string scope;
  std::string subject;
  std::string payload;  // canonical JSON text, as stored
  std::string occurred_at;
};

struct EventQuery {
  long long after_id = 0;  // page forward: events with id > after_id
  int limit = 100;
  std::optional<std::string> subject;
  std::optional<std::string> type;
};

Result<std::vector<Event>> list_events(Database& db, const EventQuery& q);
long long count_events(soci::session& sql);
nlohmann::json to_json(const Event& e);

}  // namespace fishbowl
