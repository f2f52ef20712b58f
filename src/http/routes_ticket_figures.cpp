// Routes of the hotline's figures: the public monthly figures, and the center's and supervisors' desk view.
#include "hotline/figures.h"
#include "http/api.h"
#include "http/hotline_scope.h"

namespace fishbowl::http {

namespace {

using namespace std::chrono;

// The month asked for (default: this month in China), from January 2000 to this month.
Result<year_month> month_of(Call& c) {
  auto text = c.query_text("month", 7);
  if (!text) return text.error();
  Date today = china_today();
  year_month now = today.year() / today.month();
  if (!*text) return now;
  auto m = hotline::parse_month(**text);
  if (!m || *m < year{2000} / January || *m > now)
    return Error::invalid("query.invalid_month", "参数 month 应为不晚于本月的年月，格式 YYYY-MM", "month");
  return *m;
}

nlohmann::json pairs_json(const std::vector<std::pair<std::string, long long>>& v, const char* name) {
  auto out = nlohmann::json::array();
  for (const auto& [k, n] : v) out.push_back({{name, k}, {"tickets", n}});
  return out;
}

}  // namespace

void add_ticket_figure_routes(Api& api) {
  // Public: no name, no number, no account; what was filed, handled and how people felt about it.
  api.add(Route::public_cached("/api/v1/tickets/figures", [](Call& c) -> Result<Response> {
    auto month = month_of(c);
    if (!month) return month.error();
    std::string now = now_utc();
    auto f = hotline::month_figures(c.app.db, *month, now);
    if (!f) return f.error();
    auto out = hotline::to_json(*f);
    auto trend = nlohmann::json::array();
    for (int back = 11; back >= 0; --back) {
      year_month m = *month - months{back};
      auto t = hotline::month_total(c.app.db, m, now);
      if (!t) return t.error();
      auto j = hotline::to_json(*t);
      j["month"] = hotline::format_month(m);
      trend.push_back(std::move(j));
    }
    out["trend"] = trend;
    auto weeks = hotline::hot_topics(c.app.db, *month, 10);
    if (!weeks) return weeks.error();
    auto hot = nlohmann::json::array();
    for (const auto& w : *weeks)
      hot.push_back({{"from", w.from},
                     {"to", w.to},
                     {"terms", pairs_json(w.terms, "term")},
                     {"places", pairs_json(w.places, "place")}});
    out["hot"] = hot;
    return Response::json(200, out);
  }));
  // The center's and supervisors' view: what waits now, and who keeps complaining about the same place.
  api.add({"GET", "/api/v1/tickets/figures/desk", auth::Permission::ticket_read, hotline_center_scope,
           [](Call& c) -> Result<Response> {
             auto month = month_of(c);
             if (!month) return month.error();
             auto q = hotline::queue_now(c.app.db, now_utc());
             if (!q) return q.error();
             auto repeats = hotline::repeated_complaints(c.app.db, *month);
             if (!repeats) return repeats.error();
             auto states = nlohmann::json::object();
             for (const auto& [s, n] : q->by_state) states[s] = n;
             auto rep = nlohmann::json::array();
             for (const auto& r : *repeats)
               rep.push_back({{"phone_tail", r.phone_tail},
                              {"region_id", r.region_id},
                              {"region_name", r.region_name},
                              {"ticket_nos", r.ticket_nos}});
             return Response::json(200, {{"month", hotline::format_month(*month)},
                                         {"queue",
                                          {{"by_state", states},
                                           {"late", q->late},
                                           {"escalated", q->escalated},
                                           {"extension_pending", q->extension_pending}}},
                                         {"repeated_complaints", rep}});
           }});
}

}  // namespace fishbowl::http
