#include "ledger/command.h"

#include "core/crypto.h"
#include "ledger/events.h"
#include "ledger/ledger.h"

namespace fishbowl {

long long Command::record(std::string_view type, const std::string& scope, const std::string& subject,
                          const nlohmann::json& payload, const nlohmann::json& personal) {
  Event& e = row_;
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
  actor_ind_ = e.actor_id ? soci::i_ok : soci::i_null;
  actor_id_ = e.actor_id.value_or(0);
  if (!insert_event_)
    insert_event_ = std::make_unique<soci::statement>(
        (sql_.prepare
             << "INSERT INTO events (type, actor_id, actor_role, scope, subject, payload, occurred_at, "
                "personal, salt) "
                "VALUES (:type, :actor, :role, :scope, :subject, :payload, :at, :personal, :salt) "
                "RETURNING id",
         soci::use(e.type), soci::use(actor_id_, actor_ind_), soci::use(e.actor_role), soci::use(e.scope),
         soci::use(e.subject), soci::use(e.payload), soci::use(e.occurred_at), soci::use(e.personal),
         soci::use(e.salt), soci::into(e.id)));
  insert_event_->execute(true);
  ledger_.add(e.id, leaf_bytes(e));
  ++events_;
  return e.id;
}

}  // namespace fishbowl
