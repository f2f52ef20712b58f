#include "app/demo_requests.h"

#include <fmt/format.h>

#include <functional>

#include "disclosure/requests.h"

namespace fishbowl {

namespace {

// What becomes of a demo request after filing.
enum class Outcome {
  granted,
  partial,
  not_held,
  state_secret,
  extended_granted,
  supplement,
  consulting,
  open
};

struct Sample {
  const char* organ;
  const char* type;
  const char* name;
  const char* id_number;
  const char* channel;
  const char* description;
  int days_ago;  // when it was received
  Outcome outcome;
};

const Sample kSamples[] = {
    {"县民政局", "natural_person", "赵春华", "11010519491231002X", "online",
     "2025 年城关镇东关村低保户名单及保障金额", 330, Outcome::granted},
    {"县民政局", "natural_person", "钱立新", "11010519491231002X", "letter",
     "本人所在村 2024 年临时救助资金的发放明细", 250, Outcome::partial},
    {"县民政局", "commercial", "青禾县德润养老服务有限公司", "91350100M000100Y43", "online",
     "民办养老机构运营补贴的申报条件和本年度拨付情况", 170, Outcome::extended_granted},
    {"县民政局", "natural_person", "孙雅琴", "11010519491231002X", "in_person",
     "1998 年本村土地调整的会议记录", 120, Outcome::not_held},
    {"县民政局", "legal_service", "青禾县明正律师事务所", "91350100M000100Y43", "letter",
     "某殡葬服务项目的招标文件及评标报告", 45, Outcome::consulting},
    {"县民政局", "natural_person", "李建国", "11010519491231002X", "online", "低保复核的相关文件", 6,
     Outcome::supplement},
    {"县民政局", "natural_person", "周海燕", "11010519491231002X", "online", "城乡特困人员供养标准调整的依据",
     2, Outcome::open},
    {"县人力资源和社会保障局", "natural_person", "吴建军", "11010519491231002X", "letter",
     "2025 年度公益性岗位补贴的发放名单", 60, Outcome::open},
    {"县人力资源和社会保障局", "research", "青禾县经济社会发展研究中心", "91350100M000100Y43", "online",
     "涉密的人才引进专项工作方案", 200, Outcome::state_secret},
};

std::string at(Date day, int hour) {
  return fmt::format("{}T{:02}:30:00.000Z", format_date(day), hour);
}

Date days_before(Date today, int n) {
  return Date{std::chrono::sys_days(today) - std::chrono::days(n)};
}

}  // namespace

Result<DemoRequests> create_demo_requests(Database& db, Date today) {
  const auto& cal = WorkCalendar::builtin();
  struct Organ {
    long long department = 0, staff = 0;
  };
  std::map<std::string, Organ> organs;
  long long admin = 0;
  auto read = db.read([&](soci::session& sql) -> Status {
    for (const auto& s : kSamples) {
      Organ o;
      std::string name = s.organ;
      soci::indicator ind = soci::i_null;
      sql << "SELECT d.id, MIN(ar.account_id) FROM departments d JOIN account_roles ar ON ar.department_id = "
             "d.id AND ar.role = 'staff' WHERE d.name = :n GROUP BY d.id",
          soci::use(name), soci::into(o.department), soci::into(o.staff, ind);
      if (!o.department) return Error::internal("demo.no_department", std::string("演示县没有") + s.organ);
      organs[s.organ] = o;
    }
    sql << "SELECT id FROM accounts WHERE login = 'admin'", soci::into(admin);
    return ok_status();
  });
  if (!read) return read.error();

  DemoRequests out;
  std::string now = format_utc(std::chrono::system_clock::now());
  for (const auto& s : kSamples) {
    const Organ& organ = organs[s.organ];
    Actor staff{organ.staff, "staff"}, approver{admin, "admin"};
    Date received = days_before(today, s.days_ago);
    // A step `days` working days after receipt, at most now.
    auto when = [&](int days, int hour) {
      std::string t = at(cal.add_working_days(received, days), hour);
      return t < now ? t : now;
    };
    auto step = [&](const Actor& who, const std::string& t,
                    const std::function<Result<disclosure::InfoRequest>(Command&)>& body) -> Status {
      auto r = run_command_at(db, who, t, body);
      if (!r) return r.error();
      return ok_status();
    };
    disclosure::InfoRequestInput in;
    in.department_id = organ.department;
    in.channel = s.channel;
    in.applicant = {s.type, s.name, s.id_number, "", "13900001234", "青禾县城关镇幸福路 8 号", ""};
    in.description = s.description;
    in.delivery = std::string(s.channel) == "online" ? "online" : "post";
    auto filed = run_command_at(db, in.channel == "online" ? Actor::system() : staff, at(received, 1),
                                [&](Command& cmd) { return disclosure::file_info_request(cmd, cal, in); });
    if (!filed) return filed.error();
    long long id = filed->request.id;
    ++out.requests;
    if (s.outcome == Outcome::open && out.sample_tracking_no.empty()) {
      out.sample_tracking_no = filed->request.tracking_no;
      out.sample_access_code = filed->access_code;
    }
    auto reply = [&](int days, const char* result, const char* reason, const char* letter) {
      return step(staff, when(days, 3), [&](Command& cmd) {
        return disclosure::reply_info_request(cmd, id, {result, reason, letter, {}});
      });
    };
    Status done = ok_status();
    switch (s.outcome) {
      case Outcome::granted:
        done = reply(12, "granted", "", "经审查，您申请的信息属于公开范围，现随本答复书提供。");
        break;
      case Outcome::partial:
        done = reply(15, "partial", "",
                     "您申请的信息中含有第三方个人信息，已作区分处理，现提供可以公开的部分。");
        break;
      case Outcome::not_held:
        done = reply(8, "unable", "unable.not_held",
                     "经检索，本机关未制作或获取该信息，建议向乡镇人民政府咨询。");
        break;
      case Outcome::state_secret:
        done = reply(18, "denied", "denied.state_secret", "您申请的信息经定密属于国家秘密，依法不予公开。");
        break;
      case Outcome::extended_granted:
        done = step(staff, when(15, 2), [&](Command& cmd) {
          return disclosure::request_extension(cmd, id, 15, "涉及多个年度的拨付档案，需调阅核对");
        });
        if (done)
          done = step(approver, when(16, 2),
                      [&](Command& cmd) { return disclosure::approve_extension(cmd, cal, id, ""); });
        if (done) done = reply(30, "granted", "", "现提供民办养老机构运营补贴的申报条件及本年度拨付情况。");
        break;
      case Outcome::consulting:
        done = step(staff, when(5, 2), [&](Command& cmd) {
          return disclosure::start_consultation(cmd, id, "评标报告涉及的投标企业", "");
        });
        break;
      case Outcome::supplement:
        done = step(staff, when(2, 2), [&](Command& cmd) {
          return disclosure::request_supplement(cmd, cal, id, "请写明所需文件的名称、文号或大致形成时间。",
                                                "");
        });
        break;
      case Outcome::open:
        break;
    }
    if (!done) return done.error();
  }
  return out;
}

}  // namespace fishbowl
