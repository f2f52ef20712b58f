// The internal event log, for admins and supervisors. (The public, verifiable view is the ledger.)
#include "http/api.h"
#include "ledger/events.h"

namespace fishbowl::http {

void add_event_routes(Api& api) {
  api.add({"GET", "/api/v1/events", auth::Permission::event_read, nullptr, [](Call& c) -> Result<Response> {
             EventQuery q;
             auto after = c.query_number("after_id", 0, 0, (1LL << 53));
             auto limit = c.query_number("limit", 100, 1, 1000);
             if (!after) return after.error();
             if (!limit) return limit.error();
             q.after_id = *after;
             q.limit = static_cast<int>(*limit);
             if (auto it = c.query.find("subject"); it != c.query.end()) q.subject = it->second;
             if (auto it = c.query.find("type"); it != c.query.end()) q.type = it->second;
             auto events = list_events(c.app.db, q);
             if (!events) return events.error();
             auto items = nlohmann::json::array();
             for (const auto& e : *events) items.push_back(to_json(e));
             return Response::json(200, {{"items", items}});
           }});
}

}  // namespace fishbowl::http
