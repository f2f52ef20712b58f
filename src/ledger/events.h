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
  std::string personal = "{}";  // personal data in the clear: never public, committed to in the leaf
  std::string salt;             // hex, for the commitments
};

// The canonical bytes of the event's ledger leaf (see ledger/ledger.h).
std::string leaf_bytes(const Event& e);

struct EventQuery {
  long long after_id = 0;  // page forward: events with id > after_id
  int limit = 100;
  std::optional<std::string> subject;
  std::optional<std::string> type;
};

Result<std::vector<Event>> list_events(Database& db, const EventQuery& q);
// The id of the newest event of `type` about `subject`, if there is one.
Result<std::optional<long long>> last_event_id(Database& db, const std::string& subject,
                                               const std::string& type);
long long count_events(soci::session& sql);
// The event as the public and staff see it: without the personal data.
nlohmann::json to_json(const Event& e);

}  // namespace fishbowl
