#include "ledger/command.h"

#include "core/crypto.h"
#include "ledger/events.h"
#include "ledger/ledger.h"
#include "storage/bound.h"

namespace fishbowl {

long long Command::record(std::string_view type, const std::string& scope, const std::string& subject,
                          const nlohmann::json& payload, const nlohmann::json& personal) {
  Event e;
  e.type = std::string(type);
  e.actor_id = actor_.account_id;
  e.actor_role = actor_.role;
  e.scope = scope;
  e.subject = subject;
  // nlohmann's objects keep keys sorted and dump() adds no whitespace: the stored text is canonical.
  e.payload = payload.dump();
  e.occurred_at = now_;
  e.personal = personal.empty() ? "{}" : personal.dump();
  e.salt = personal.empty() ? "" : to_hex(random_bytes(16));
  e.id = insert_returning_id(sql_, backend_,
                             "INSERT INTO events (type, actor_id, actor_role, scope, subject, payload, "
                             "occurred_at, personal, salt) VALUES (:type, :actor, :role, :scope, :subject, "
                             ":payload, :at, :personal, :salt) RETURNING id",
                             e.type, e.actor_id, e.actor_role, e.scope, e.subject, e.payload, e.occurred_at,
                             e.personal, e.salt);
  ledger_.add(e.id, leaf_bytes(e));
  ++events_;
  return e.id;
}

}  // namespace fishbowl
