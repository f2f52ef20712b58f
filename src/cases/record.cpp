// What a case change leaves behind: its event in the ledger and the applicant's message in the outbox.
#include <fmt/format.h>

#include "cases/internal.h"
#include "cases/outbox.h"
#include "ledger/events.h"

namespace fishbowl::cases {

namespace detail {

void record(Command& cmd, const char* type, const Case& c, nlohmann::json extra, nlohmann::json personal) {
  // The public view of the case: where it is, in what state, with which deadlines. Nothing about the person.
  nlohmann::json payload{{"case_no", c.case_no},
                         {"item_id", c.item_id},
                         {"item_version", c.item_version},
                         {"channel", c.channel},
                         {"state", c.state},
                         {"holder_region_id", c.holder_region_id},
                         {"holder_department_id", optional_id(c.holder_department_id)},
                         {"holder_name", c.holder_name},
                         {"stage_due", c.stage_due},
                         {"due_date", c.due_date}};
  payload.update(extra);
  cmd.record(type, "department:" + std::to_string(c.department_id), "case:" + std::to_string(c.id), payload,
             personal);
}

void notify(Command& cmd, const Case& c, const std::string& message) {
  std::string text = fmt::format("【政务服务】您的办件（编号 {}）{}", c.case_no, message);
  queue_sms(cmd, c.id, c.applicant.phone, text);
}

Error wrong_state(const Case& c, const char* action) {
  return Error::conflict("case.wrong_state",
                         fmt::format("办件当前状态为“{}”，不能{}", state_label(c.state), action), "state");
}

}  // namespace detail

Result<nlohmann::json> case_history(Database& db, long long id) {
  EventQuery q;
  q.subject = "case:" + std::to_string(id);
  q.limit = 1000;
  auto events = list_events(db, q);
  if (!events) return events.error();
  auto out = nlohmann::json::array();
  for (const auto& e : *events) {
    auto payload = nlohmann::json::parse(e.payload);
    out.push_back({{"event_id", e.id},
                   {"type", e.type},
                   {"actor_role", e.actor_role},
                   {"occurred_at", e.occurred_at},
                   {"state", payload.value("state", "")},
                   {"holder_name", payload.value("holder_name", "")},
                   {"stage_due", payload.value("stage_due", "")},
                   {"note", payload.value("note", "")}});
  }
  return out;
}

}  // namespace fishbowl::cases
