#include "app/demo_village.h"

#include <fmt/format.h>

#include <functional>
#include <vector>

#include "disclosure/village.h"
#include "storage/row.h"

namespace fishbowl {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

struct Village {
  long long id = 0;
  std::string name;
  long long admin = 0;  // the town admin who keeps its accounts
  int index = 0;        // within its town
};

const char* const kTopics[][2] = {
    {"decision", "村民代表会议决定事项及实施情况"},
    {"relief_funds", "救灾救助和补贴补助资金发放情况"},
    {"assistance", "协助镇政府开展工作情况"},
    {"other", "村级公益事业建设及管护情况"},
};

const char* const kMajor[] = {"关于村集体土地经营权流转的决定", "关于申报高标准农田建设项目的决定",
                              "关于村级光伏电站收益分配方案的决定"};

std::string at(Date day, int hour) {
  return fmt::format("{}T{:02}:10:00.000Z", format_date(day), hour);
}

// A period's accounts, the same for the same village and period: rents and subsidies in, running costs and
// public works out.
disclosure::VillageAffairInput accounts(const Village& v, const std::string& period, long long opening,
                                        int seq) {
  auto span = *disclosure::period_days(period);
  auto day = [&](int n) { return format_date(Date{sys_days{span.first} + days{n}}); };
  long long k = v.id * 7 + seq * 13;
  disclosure::VillageAffairInput in;
  in.region_id = v.id;
  in.kind = "finance";
  in.period = period;
  int year = std::stoi(period.substr(0, 4)), n = std::stoi(period.substr(period[5] == 'Q' ? 6 : 5));
  in.title = period[5] == 'Q' ? fmt::format("{}{}年第{}季度财务收支公开", v.name, year, n)
                              : fmt::format("{}{}年{}月财务收支公开", v.name, year, n);
  in.body_html = "<p>本期收支经村务监督委员会审核，原始凭证存村委会备查，村民可以查询。</p>";
  in.lines = {
      {"income", day(2), "contracting", "鱼塘及耕地承包费", 180000 + (k % 17) * 5000},
      {"income", day(9), "subsidy", "村级组织运转经费补助", 250000},
      {"expenditure", day(11), "management", "办公用品及水电费", 32000 + (k % 11) * 1500},
      {"expenditure", day(20), "public_welfare", "村道维修及路灯电费", 60000 + (k % 13) * 4000},
  };
  if (seq % 3 == 0) in.lines.push_back({"income", day(15), "operating_income", "村集体厂房租金", 360000});
  if (seq % 4 == 1) in.lines.push_back({"expenditure", day(24), "other_cost", "困难群众慰问", 80000});
  in.opening_fen = opening;
  for (const auto& l : in.lines)
    (l.direction == "income" ? in.income_fen : in.expenditure_fen) += l.amount_fen;
  in.closing_fen = opening + in.income_fen - in.expenditure_fen;
  return in;
}

}  // namespace

Result<int> create_demo_village_affairs(Database& db, Date today) {
  const auto& cal = WorkCalendar::builtin();
  std::vector<Village> villages;
  auto read = db.read([&](soci::session& sql) -> Status {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT v.id, v.name, a.id FROM regions v JOIN regions t ON t.id = v.parent_id "
                        "JOIN account_roles ar ON ar.region_id = t.id AND ar.role = 'admin' "
                        "JOIN accounts a ON a.id = ar.account_id "
                        "WHERE v.level = 'village' AND t.id IN (SELECT id FROM regions WHERE level = 'town' "
                        "ORDER BY id LIMIT 3) ORDER BY t.id, v.id");
    long long town_admin = 0;
    int index = 0;
    for (const auto& r : rows) {
      long long admin = int64_at(r, 2);
      index = admin == town_admin ? index + 1 : 0;
      town_admin = admin;
      villages.push_back({int64_at(r, 0), text_at(r, 1), admin, index});
    }
    return ok_status();
  });
  if (!read) return read.error();

  // The year whose duties have mostly come due: in early January, the one just ended.
  int year = static_cast<int>(Date{sys_days{today} - days{45}}.year());
  std::string since = fmt::format("{:04}-01-01", year);
  std::string now = format_utc(std::chrono::system_clock::now());
  int posted = 0;
  for (const auto& v : villages) {
    Actor admin{v.admin, "admin"};
    bool monthly = v.index == 0;
    auto step = [&](const std::string& t,
                    const std::function<Result<disclosure::VillageAffair>(Command&)>& body)
        -> Result<disclosure::VillageAffair> { return run_command_at(db, admin, t < now ? t : now, body); };
    auto set = run_command_at(db, admin, at(Date{std::chrono::year{year} / 1 / 1}, 1), [&](Command& cmd) {
      return disclosure::set_village_settings(cmd, v.id, monthly ? "monthly" : "quarterly", since);
    });
    if (!set) return set.error();
    // Drafted the 2nd after the period, signed the 3rd, posted a few days later: before the 10th, except
    // where the demo shows a late or a missing one.
    auto publish = [&](disclosure::VillageAffairInput in, Date end, int post_after) -> Status {
      Date made = sys_days{end} + days{2}, signed_on = sys_days{end} + days{3};
      Date out = sys_days{end} + days{post_after};
      if (sys_days{out} > sys_days{today}) return ok_status();
      auto a =
          step(at(made, 1), [&](Command& cmd) { return disclosure::create_village_affair(cmd, cal, in); });
      if (!a) return a.error();
      auto s = step(at(signed_on, 2), [&](Command& cmd) {
        return disclosure::sign_off_village_affair(
            cmd, a->id,
            {{"王建华", "陈秀兰", "赵德明"}, format_date(signed_on), "经逐笔核对，内容属实，同意公开。"});
      });
      if (!s) return s.error();
      auto p = step(at(out, 3), [&](Command& cmd) { return disclosure::post_village_affair(cmd, a->id); });
      if (!p) return p.error();
      ++posted;
      return ok_status();
    };
    long long balance = 1500000 + v.id * 10000;
    std::vector<std::string> ended;
    for (int n = 0; n < (monthly ? 12 : 4); ++n) {
      std::string period =
          monthly ? fmt::format("{:04}-{:02}", year, n + 1) : fmt::format("{:04}-Q{}", year, n + 1);
      if (sys_days{disclosure::period_days(period)->second} < sys_days{today}) ended.push_back(period);
    }
    // The second village of each town has not posted its latest accounts; the third was late once.
    if (v.index == 1 && !ended.empty()) ended.pop_back();
    for (std::size_t n = 0; n < ended.size(); ++n) {
      auto in = accounts(v, ended[n], balance, static_cast<int>(n));
      balance = in.closing_fen;
      int after = v.index == 2 && n == 1 ? 18 : 5 + static_cast<int>(n % 4);
      if (auto s = publish(in, disclosure::period_days(ended[n])->second, after); !s) return s.error();
    }
    for (int q = 1; q <= 4; ++q) {
      auto span = *disclosure::period_days(fmt::format("{:04}-Q{}", year, q));
      if (sys_days{span.second} >= sys_days{today}) break;
      const auto& topic = kTopics[(v.index + q) % 4];
      disclosure::VillageAffairInput in;
      in.region_id = v.id;
      in.kind = "ordinary";
      in.category = topic[0];
      in.period = fmt::format("{:04}-Q{}", year, q);
      in.title = fmt::format("{}{}年第{}季度{}", v.name, year, q, topic[1]);
      in.body_html = fmt::format("<p>{}{}年第{}季度{}如下，详见附表。如有疑问，请向村务监督委员会反映。</p>",
                                 v.name, year, q, topic[1]);
      if (auto s = publish(in, span.second, v.index == 3 && q == 2 ? 25 : 6); !s) return s.error();
    }
    // Each village's major decisions, posted within days; the first village's latest one is not posted yet.
    if (v.index < 3) {
      Date decided = sys_days{today} - days{30 + 45 * v.index};
      if (static_cast<int>(decided.year()) != year) continue;
      disclosure::VillageAffairInput in;
      in.region_id = v.id;
      in.kind = "major";
      in.category = "decision";
      in.decided_on = format_date(decided);
      in.title = fmt::format("{}{}", v.name, kMajor[v.index]);
      in.body_html =
          fmt::format("<p>经村民代表会议讨论通过，{}。表决结果及实施方案见附件。</p>", kMajor[v.index]);
      if (v.index == 0) {
        auto a = step(at(decided, 2),
                      [&](Command& cmd) { return disclosure::create_village_affair(cmd, cal, in); });
        if (!a) return a.error();
      } else if (auto s = publish(in, sys_days{decided} - days{2}, 5); !s) {
        return s.error();
      }
    }
  }
  return posted;
}

}  // namespace fishbowl
