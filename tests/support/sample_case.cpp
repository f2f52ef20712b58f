#include "support/sample_case.h"

#include "cases/ratings.h"

#include <stdexcept>

namespace fishbowl::testing {

namespace {

cases::Case ok(Result<cases::Case> r, const char* step) {
  if (!r) throw std::runtime_error(std::string("make_case ") + step + ": " + r.error().code);
  return std::move(r).value();
}

}  // namespace

cases::Case make_case(Database& db, const CaseSetup& setup, Stage stage) {
  const auto& cal = WorkCalendar::builtin();
  const Actor official{std::nullopt, "staff"};
  cases::FilingInput in;
  in.item_id = setup.item_id;
  in.region_id = setup.region_id;
  in.channel = setup.channel;
  in.applicant = {"张三", setup.phone, ""};
  in.applicant_account_id = setup.applicant_account_id;
  auto c =
      ok(run_command(db, setup.filer, [&](Command& cmd) { return cases::file_case(cmd, cal, in); }), "file");
  auto step = [&](const char* name, auto&& move) {
    c = ok(run_command(db, official, [&](Command& cmd) { return move(cmd, c.id); }), name);
  };
  if (stage == Stage::at_room) return c;
  if (!c.holder_department_id)
    step("forward",
         [&](Command& cmd, long long id) { return cases::forward_case(cmd, cal, id, "department", ""); });
  if (stage == Stage::at_department) return c;
  if (stage == Stage::awaiting_supplement) {
    step("notice", [](Command& cmd, long long id) { return cases::notify_missing(cmd, id, {"户口簿"}); });
    return c;
  }
  step("accept", [&](Command& cmd, long long id) { return cases::accept_case(cmd, cal, id); });
  if (stage == Stage::accepted) return c;
  step("review", [](Command& cmd, long long id) { return cases::start_review(cmd, id); });
  if (stage == Stage::in_review) return c;
  step("decide", [](Command& cmd, long long id) { return cases::decide_case(cmd, id, "approved", ""); });
  if (stage == Stage::decided) return c;
  step("complete", [](Command& cmd, long long id) { return cases::complete_case(cmd, id, "窗口领取"); });
  if (stage == Stage::completed) return c;
  step("rate", [&](Command& cmd, long long id) -> Result<cases::Case> {
    auto rated = cases::rate_case(cmd, cal, id, 1, "等了很久", 5);
    if (!rated) return rated.error();
    return cases::get_case(cmd.sql(), id);
  });
  return c;
}

}  // namespace fishbowl::testing
