#include "app/demo_hotline.h"

#include <fmt/format.h>

#include <functional>
#include <map>
#include <vector>

#include "hotline/hotline.h"
#include "hotline/open311.h"
#include "storage/row.h"

namespace fishbowl {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

struct Sample {
  const char* kind;
  const char* department;  // the assignee, or "" for the village's town
  const char* title;
  const char* description;
  const char* category = nullptr;  // the Open311 service_code, where one fits
};

const Sample kSamples[] = {
    {"complaint", "", "村口路灯不亮", "村口的路灯坏了两周，夜里出行不便，请尽快修复。", "street_light"},
    {"help", "县民政局", "独居老人生活困难求助", "邻居王大爷独居，行动不便，冬季取暖有困难，希望得到帮助。"},
    {"consult", "县人力资源和社会保障局", "城乡居民养老保险缴费档次",
     "想咨询今年城乡居民养老保险的缴费档次和补贴标准。", "policy_consult"},
    {"complaint", "", "夜间施工噪音扰民", "小区旁工地连续多日夜间施工到凌晨，影响休息。", "noise"},
    {"suggestion", "", "建议增设公交站点", "建议在村委会附近增设一个公交站点，方便老人进城就医。",
     "suggestion"},
    {"complaint", "县市场监督管理局", "超市出售过期食品", "在镇上一家超市买到过期的牛奶，商家拒绝退换。"},
    {"help", "", "道路积水无法通行", "连续降雨后村道低洼处积水严重，车辆无法通行。"},
    {"report", "县生态环境分局", "河道有人倾倒垃圾", "发现有人往村旁河道倾倒建筑垃圾和生活垃圾。"},
    {"consult", "县医疗保障局", "异地就医备案办理", "父母在外地居住，想了解异地就医备案怎么办理。",
     "policy_consult"},
    {"complaint", "", "自来水水压不足", "最近一个月早晚用水高峰水压很低，楼上基本没水。", "water_supply"},
};

std::string at(Date day, int hour) {
  return fmt::format("{}T{:02}:20:00.000Z", format_date(day), hour);
}

}  // namespace

Result<int> create_demo_tickets(Database& db, Date today) {
  const auto& cal = WorkCalendar::builtin();
  struct Village {
    long long id = 0, town = 0, town_admin = 0;
  };
  std::vector<Village> villages;
  std::map<std::string, std::pair<long long, long long>> departments;  // name -> (id, a staff account)
  long long center_staff = 0, supervisor = 0;
  auto read = db.read([&](soci::session& sql) -> Status {
    soci::rowset<soci::row> rows =
        (sql.prepare
         << "SELECT v.id, t.id, MIN(ar.account_id) FROM regions v JOIN regions t ON t.id = v.parent_id "
            "JOIN account_roles ar ON ar.region_id = t.id AND ar.role = 'admin' WHERE v.level = "
            "'village' AND t.id IN (SELECT id FROM regions WHERE level = 'town' ORDER BY id LIMIT 3) "
            "GROUP BY v.id, t.id ORDER BY v.id");
    for (const auto& r : rows) villages.push_back({int64_at(r, 0), int64_at(r, 1), int64_at(r, 2)});
    soci::rowset<soci::row> depts =
        (sql.prepare << "SELECT d.name, d.id, MIN(ar.account_id) FROM departments d JOIN account_roles ar ON "
                        "ar.department_id = d.id AND ar.role = 'staff' GROUP BY d.name, d.id");
    for (const auto& r : depts) departments[text_at(r, 0)] = {int64_at(r, 1), int64_at(r, 2)};
    soci::indicator ind = soci::i_null;
    sql << "SELECT MIN(ar.account_id) FROM hotline_center c JOIN account_roles ar ON ar.department_id = "
           "c.department_id AND ar.role = 'staff'",
        soci::into(center_staff, ind);
    sql << "SELECT MIN(account_id) FROM account_roles WHERE role = 'supervisor'", soci::into(supervisor);
    return ok_status();
  });
  if (!read) return read.error();
  if (villages.empty() || !center_staff) return 0;

  std::string now = format_utc(std::chrono::system_clock::now());
  Actor center{center_staff, "staff"}, watcher{supervisor, "supervisor"};
  int made = 0;
  // Forty tickets over sixty days, one every day and a half; the newest are still being handled.
  for (int n = 0; n < 40; ++n) {
    const Sample& s = kSamples[n % std::size(kSamples)];
    const Village& v = villages[(n * 7) % villages.size()];
    Date filed = sys_days{today} - days{60 - n * 3 / 2};
    auto step = [&](const Actor& who, Date day, int hour,
                    const std::function<Result<hotline::Ticket>(Command&)>& body) -> Result<hotline::Ticket> {
      std::string t = at(day, hour);
      return run_command_at(db, who, t < now ? t : now, body);
    };
    hotline::TicketInput in{s.kind,
                            n % 4 == 3 ? "web" : "phone",
                            n % 5 == 0 ? "" : "李群众",
                            fmt::format("1390000{:04}", 1000 + n),
                            std::nullopt,
                            v.id,
                            "",
                            std::nullopt,
                            std::nullopt,
                            s.title,
                            s.description,
                            {}};
    auto t = step(center, filed, 1, [&](Command& cmd) -> Result<hotline::Ticket> {
      auto made = hotline::file_ticket(cmd, in);
      if (!made || !s.category) return made;
      if (auto c = hotline::categorize_ticket(cmd, made->id, s.category); !c) return c.error();
      return made;
    });
    if (!t) return t.error();
    ++made;
    long long id = t->id;
    if (in.channel == "web" &&
        !(t = step(center, filed, 2, [&](Command& cmd) { return hotline::accept_ticket(cmd, id); })))
      return t.error();
    if (n % 10 == 2) {  // a consultation the center answers at once
      if (!(t = step(center, filed, 2, [&](Command& cmd) {
              return hotline::answer_ticket(cmd, id,
                                            "已按政策口径当即答复，详见县医保局、人社局公开的办事指南。");
            })))
        return t.error();
    } else {
      auto dept = departments.find(s.department);
      bool to_department = dept != departments.end();  // else to the village's town
      hotline::Dispatch d{to_department ? std::optional<long long>(dept->second.first) : std::nullopt,
                          to_department ? std::nullopt : std::optional<long long>(v.town),
                          {},
                          ""};
      Actor assignee{to_department ? dept->second.second : v.town_admin, to_department ? "staff" : "admin"};
      if (!(t = step(center, filed, 2,
                     [&](Command& cmd) { return hotline::dispatch_ticket(cmd, cal, id, d); })))
        return t.error();
      if (n >= 37) continue;                                        // the newest wait to be claimed
      Date work = cal.add_working_days(filed, n % 9 == 4 ? 8 : 2);  // a few are answered late
      if (!(t = step(assignee, cal.add_working_days(filed, 1), 3,
                     [&](Command& cmd) { return hotline::claim_ticket(cmd, id); })))
        return t.error();
      if (n == 35) {  // late and escalated, still being handled
        if (!(t = step(watcher, work, 4, [&](Command& cmd) {
                return hotline::escalate_ticket(cmd, id, 48, "群众多次来电，限期办结");
              })))
          return t.error();
        continue;
      }
      if (n >= 33) continue;
      if (!(t = step(assignee, work, 5, [&](Command& cmd) {
              return hotline::reply_ticket(cmd, id, "已安排人员现场处理，问题已解决，并已电话告知诉求人。");
            })))
        return t.error();
    }
    Date after = cal.add_working_days(filed, 10);
    if (t->state == "replied" &&
        !(t = step(center, after, 1, [&](Command& cmd) { return hotline::complete_ticket(cmd, id); })))
      return t.error();
    if (n >= 31) continue;  // completed, waiting for the callback
    // Most are satisfied; every eighth basically, and one (n = 13) unsatisfied, reopened and then satisfied.
    std::string satisfaction = n == 13 ? "unsatisfied" : n % 8 == 5 ? "basically_satisfied" : "satisfied";
    if (!(t = step(center, after, 3,
                   [&](Command& cmd) { return hotline::call_back_ticket(cmd, id, satisfaction, ""); })))
      return t.error();
    if (n == 13) {
      if (!(t = step(center, after, 4, [&](Command& cmd) {
              return hotline::reopen_ticket(cmd, cal, id, "回访不满意：问题反复");
            })))
        return t.error();
    }
  }
  // A web message repeating one still waiting to be claimed (n = 37), left for the center to merge.
  hotline::TicketInput again{"report",
                             "web",
                             "",
                             "13900002037",
                             std::nullopt,
                             villages[(37 * 7) % villages.size()].id,
                             "",
                             std::nullopt,
                             std::nullopt,
                             "村旁河道又有人倾倒垃圾",
                             "又看到有人往村旁河道倾倒建筑垃圾和生活垃圾，河水发臭。",
                             {}};
  std::string t = at(today, 0);
  auto repeat = run_command_at(db, center, t < now ? t : now,
                               [&](Command& cmd) { return hotline::file_ticket(cmd, again); });
  if (!repeat) return repeat.error();
  return made + 1;
}

}  // namespace fishbowl
