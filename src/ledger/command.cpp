#include "ledger/command.h"

namespace fishbowl {

long long Command::record(std::string_view type, const std::string& scope, const std::string& subject,
                          const nlohmann::json& payload) {
  // nlohmann's objects keep keys sorted and dump() adds no whitespace: the stored text is canonical.
  std::string body = payload.dump();
  std::string type_text(type);
  long long id = 0;
  soci::indicator actor_ind = actor_.account_id ? soci::i_ok : soci::i_null;
  long long actor_id = actor_.account_id.value_or(0);
  sql_ << "INSERT INTO events (type, actor_id, actor_role, scope, subject, payload, occurred_at) "
          "VALUES (:type, :actor, :role, :scope, :subject, :payload, :at) RETURNING id",
      soci::use(type_text), soci::use(actor_id, actor_ind), soci::use(actor_.role), soci::use(scope),
      soci::use(subject), soci::use(body), soci::use(now_), soci::into(id);
  ++events_;
  return id;
}

}  // namespace fishbowl
