#include "app/demo_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <vector>

#include "cases/cases.h"
#include "cases/ratings.h"
#include "org/org.h"
#include "storage/row.h"

namespace fishbowl {

namespace {

constexpr int kCases = 60;
constexpr int kDays = 40;  // how far back the history starts

struct Grant {
  long long account;
  long long scope;  // region or department
};

std::vector<Grant> grants(soci::session& sql, const char* where) {
  std::vector<Grant> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << fmt::format("SELECT ar.account_id, COALESCE(ar.region_id, ar.department_id) FROM "
                                  "account_roles ar JOIN accounts a ON a.id = ar.account_id WHERE {} "
                                  "ORDER BY ar.id",
                                  where));
  for (const auto& r : rows) out.push_back({int64_at(r, 0), int64_at(r, 1)});
  return out;
}

std::vector<long long> ids(soci::session& sql, const char* query) {
  std::vector<long long> out;
  soci::rowset<soci::row> rows = (sql.prepare << query);
  for (const auto& r : rows) out.push_back(int64_at(r, 0));
  return out;
}

// One change of one case, at a time.
struct Step {
  std::string at;
  int index;
  Actor actor;
  std::function<Result<cases::Case>(Command&, long long id)> change;
};

}  // namespace

Result<DemoCases> create_demo_cases(Database& db, Date today) {
  const auto& cal = WorkCalendar::builtin();
  std::vector<Grant> agents, town_staff, dept_staff;
  std::vector<long long> items;
  std::map<long long, long long> town_of;  // village -> town
  auto read = db.read([&](soci::session& sql) -> Status {
    agents = grants(sql,
                    "ar.role = 'agent' AND a.login NOT LIKE '%b' AND ar.region_id IN (SELECT id FROM regions "
                    "WHERE parent_id IN (SELECT id FROM regions WHERE level = 'town' ORDER BY id LIMIT 3))");
    town_staff = grants(sql, "ar.role = 'staff' AND ar.region_id IS NOT NULL");
    dept_staff = grants(sql, "ar.role = 'staff' AND ar.department_id IS NOT NULL");
    items = ids(sql, "SELECT id FROM service_items WHERE level = 'village' ORDER BY id");
    for (const auto& a : agents) {
      auto village = org::get_region(sql, a.scope);
      if (!village || !village->parent_id) return Error::internal("demo.no_town", "演示村没有所属乡镇");
      town_of[a.scope] = *village->parent_id;
    }
    return ok_status();
  });
  if (!read) return read.error();
  if (agents.empty() || items.empty())
    return Error::internal("demo.no_county", "演示县尚未建好，无法生成办件");
  auto staff_of = [](const std::vector<Grant>& list, long long scope) {
    for (const auto& g : list)
      if (g.scope == scope) return Actor{g.account, "staff"};
    return Actor{std::nullopt, "staff"};
  };

  std::vector<Step> steps;
  std::vector<cases::FilingInput> filings(kCases);
  std::vector<long long> case_ids(kCases, 0);
  std::vector<std::string> phones(kCases);
  DemoCases out;
  int sample = -1;
  std::string now = format_utc(std::chrono::system_clock::now());
  for (int i = 0; i < kCases; ++i) {
    const auto& agent = agents[i % agents.size()];
    auto& f = filings[i];
    f.item_id = items[(i * 7) % items.size()];
    f.region_id = agent.scope;
    f.channel = "proxy";
    phones[i] = fmt::format("139{:04}{:04}", 1000 + i * 37 % 9000, 2000 + i * 53 % 8000);
    std::string name = std::string("王李张刘陈杨赵黄周吴").substr(3 * (i % 10), 3) +
                       std::string("秀英志强丽华晓明海燕国庆春梅文博").substr(6 * (i % 8), 6);
    f.applicant = {name, phones[i], ""};
    // Filed between kDays ago and today, each step a day later at the same hour (09:00 to 14:00 in China).
    auto day = std::chrono::sys_days(today) - std::chrono::days(kDays - i * kDays / kCases);
    int hour = 1 + i % 6;
    auto at = [&](int later) {
      return fmt::format("{}T{:02}:{:02}:00.000Z", format_date(Date{day + std::chrono::days(later)}), hour,
                         i % 60);
    };
    steps.push_back({at(0), i, Actor{agent.account, "agent"}, nullptr});
    int outcome = i % 10, n = 1;
    auto then = [&](Actor who, std::function<Result<cases::Case>(Command&, long long)> change) {
      steps.push_back({at(n++), i, who, std::move(change)});
    };
    if (outcome == 0) continue;  // still in the village room
    long long town = town_of[agent.scope];
    if (i % 3 == 0)
      then(Actor{agent.account, "agent"}, [&cal](Command& cmd, long long id) {
        return cases::forward_case(cmd, cal, id, "town", "需镇里初审");
      });
    if (outcome == 1) continue;  // at the town center
    then(i % 3 == 0 ? staff_of(town_staff, town) : Actor{agent.account, "agent"},
         [&cal](Command& cmd, long long id) { return cases::forward_case(cmd, cal, id, "department", ""); });
    if (outcome == 2) continue;  // waiting at the department
    // The department's staff act from here; the owner is known only once filed, so the step looks it up.
    auto by_department = [&, i](auto change) {
      steps.push_back({at(n++), i, Actor{std::nullopt, "staff"}, std::move(change)});
    };
    if (outcome == 3) {
      by_department([](Command& cmd, long long id) {
        return cases::notify_missing(cmd, id, {"户口簿", "近期免冠照片"});
      });
      continue;
    }
    if (outcome == 6) {
      by_department([](Command& cmd, long long id) {
        return cases::refuse_case(cmd, id, "申请人不在本县居住，不属于本县受理范围");
      });
      continue;
    }
    by_department([&cal](Command& cmd, long long id) { return cases::accept_case(cmd, cal, id); });
    if (outcome == 4) continue;
    by_department([](Command& cmd, long long id) { return cases::start_review(cmd, id); });
    if (outcome == 5) {
      if (i % 20 == 5)
        by_department([](Command& cmd, long long id) {
          return cases::withdraw_case(cmd, id, "申请人已在外地办理", std::nullopt);
        });
      continue;
    }
    by_department([](Command& cmd, long long id) { return cases::decide_case(cmd, id, "approved", ""); });
    by_department([](Command& cmd, long long id) { return cases::complete_case(cmd, id, "代办员送达"); });
    // Most applicants are satisfied; now and then one is not, and the department owes a follow-up.
    int score = i % 30 == 9 ? 2 : i % 3 == 0 ? 4 : 5;
    steps.push_back({at(n++), i, Actor{std::nullopt, "anonymous"},
                     [&cal, score](Command& cmd, long long id) -> Result<cases::Case> {
                       auto rated = cases::rate_case(cmd, cal, id, score, "", 5);
                       if (!rated) return rated.error();
                       return cases::get_case(cmd.sql(), id);
                     }});
    if (sample < 0) sample = i;  // the first case to be completed and rated: the one to try tracking with
  }
  std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.at < b.at; });

  for (auto& s : steps) {
    if (s.at > now) break;  // the rest of the history has not happened yet
    Actor actor = s.actor;
    if (actor.role == "staff" && !actor.account_id && case_ids[s.index]) {
      auto k = cases::get_case(db, case_ids[s.index]);
      if (!k) return k.error();
      actor = staff_of(dept_staff, k->department_id);
    }
    auto done = run_command_at(db, actor, s.at, [&](Command& cmd) -> Result<cases::Case> {
      if (!s.change) return cases::file_case(cmd, cal, filings[s.index]);
      return s.change(cmd, case_ids[s.index]);
    });
    if (!done) return done.error();
    if (!s.change) {
      case_ids[s.index] = done->id;
      ++out.cases;
      if (s.index == sample) {
        out.sample_case_no = done->case_no;
        out.sample_last4 = phones[s.index].substr(7);
      }
    }
  }
  return out;
}

}  // namespace fishbowl
