// Routes of 好差评: the applicant's rating (by tracking number, or a citizen's own online case) and the
// public satisfaction figures. The department's answer to a bad rating is a move of the case
// (routes_cases.cpp).
#include "cases/ratings.h"
#include "core/json_input.h"
#include "http/api.h"

namespace fishbowl::http {

namespace {

using auth::Permission;

struct RatingInput {
  int score = 0;
  std::string comment;
};

void read_rating(JsonInput& in, RatingInput& out) {
  out.score = static_cast<int>(in.integer("score", 1, 5));
  out.comment = in.optional_text("comment", 500).value_or("");
}

Result<Response> rate(Call& c, long long case_id, const RatingInput& in,
                      std::optional<long long> by_account) {
  auto rated = run_command(c.app.db, c.actor(), [&](Command& cmd) {
    return cases::rate_case(cmd, c.app.calendar, case_id, in.score, in.comment, c.app.config.follow_up_days,
                            by_account);
  });
  if (!rated) return rated.error();
  return Response::json(201, cases::to_json(*rated, china_today()));
}

}  // namespace

void add_rating_routes(Api& api) {
  // The applicant proves the case is theirs as when tracking it: by its number and the phone's last four
  // digits.
  Route by_tracking{"POST", "/api/v1/case-tracking/rating", Permission::public_read, nullptr,
                    [](Call& c) -> Result<Response> {
                      auto body = c.json();
                      if (!body) return body.error();
                      JsonInput in(*body);
                      std::string no = in.text("case_no", 32);
                      std::string last4 = in.text("phone_last4", 4);
                      RatingInput rating;
                      read_rating(in, rating);
                      if (auto e = in.error()) return *e;
                      auto k = cases::track_case(c.app.db, no, last4);
                      if (!k) return k.error();
                      return rate(c, k->id, rating, std::nullopt);
                    }};
  by_tracking.rate = RateClass::login;
  api.add(std::move(by_tracking));

  api.add({"POST", "/api/v1/my/cases/{id}/rating", Permission::case_apply, nullptr,
           [](Call& c) -> Result<Response> {
             auto id = c.id("id", "case");
             if (!id) return id.error();
             auto body = c.json();
             if (!body) return body.error();
             JsonInput in(*body);
             RatingInput rating;
             read_rating(in, rating);
             if (auto e = in.error()) return *e;
             return rate(c, *id, rating, c.principal->account.id);
           }});

  api.add({"GET", "/api/v1/case-figures", Permission::public_read, nullptr, [](Call& c) -> Result<Response> {
             auto figures = cases::satisfaction_figures(c.app.db, china_today());
             if (!figures) return figures.error();
             return Response::json(200, *figures);
           }});
}

}  // namespace fishbowl::http
