// The decision table: every route × every role × a target inside and outside the role's scope, denials
// included. A route added without a row here fails the test, so no route escapes the table.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <functional>

#include "auth/auth.h"
#include "core/crypto.h"
#include "disclosure/disclosure.h"
#include "disclosure/requests.h"
#include "disclosure/village.h"
#include "hotline/hotline.h"
#include "hotline/knowledge.h"
#include "hotline/open311.h"
#include "services/attachments.h"
#include "services/services.h"
#include "support/sample_case.h"
#include "support/sample_guide.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

// Who may: the policy each row expects.
enum class Policy {
  everyone,        // public
  signed_in,       // any account
  admin_in_scope,  // county admin anywhere, town admin inside town1 only
  admin_in_scope_or_supervisor,
  county_admin,  // only an admin over the whole county
  county_admin_or_supervisor,
  catalogue_keeper,   // admins in scope, and staff of the item's department (inside: the county department)
  department_keeper,  // county admins and the department's staff (inside: the county department)
  case_department_reader,  // staff of the department (of the items, or the organ), county admins, supervisors
  case_party,      // whoever covers where the case was filed or owns its item; county admins, supervisors
  case_filer,      // staff of the item's department and agents of the village (inside: village11)
  room_agent,      // the agents of the village whose room holds the case
  case_handler,    // staff of the department that holds the case
  citizen,         // any citizen: the module itself checks that the case is theirs
  hotline_center,  // the linkage center (the county department's staff here) and county admins
  hotline_center_or_supervisor,  // the center, county admins and supervisors
  ticket_reader,                 // the center, county admins, supervisors, and the town it went to
};

const std::vector<std::string> kRoles{"", "admin", "townadmin", "supervisor", "staff", "agent", "citizen"};

bool expected_allowed(Policy p, const std::string& role, bool inside) {
  switch (p) {
    case Policy::everyone:
      return true;
    case Policy::signed_in:
      return !role.empty();
    case Policy::admin_in_scope:
      return role == "admin" || (role == "townadmin" && inside);
    case Policy::admin_in_scope_or_supervisor:
      return role == "admin" || role == "supervisor" || (role == "townadmin" && inside);
    case Policy::county_admin:
      return role == "admin";
    case Policy::county_admin_or_supervisor:
      return role == "admin" || role == "supervisor";
    case Policy::catalogue_keeper:
      return role == "admin" || ((role == "townadmin" || role == "staff") && inside);
    case Policy::department_keeper:
      return role == "admin" || (role == "staff" && inside);
    case Policy::case_department_reader:
      return role == "admin" || role == "supervisor" || (role == "staff" && inside);
    case Policy::case_party:
      return role == "admin" || role == "supervisor" ||
             ((role == "townadmin" || role == "staff" || role == "agent") && inside);
    case Policy::case_filer:
      return (role == "staff" || role == "agent") && inside;
    case Policy::room_agent:
      return role == "agent" && inside;
    case Policy::case_handler:
      return role == "staff" && inside;
    case Policy::citizen:
      return role == "citizen";
    case Policy::hotline_center:
      return role == "admin" || role == "staff";
    case Policy::hotline_center_or_supervisor:
      return role == "admin" || role == "staff" || role == "supervisor";
    case Policy::ticket_reader:
      return role == "admin" || role == "staff" || role == "supervisor" || (role == "townadmin" && inside);
  }
  return false;
}

class Authorization : public ApiTest {
 protected:
  struct Row {
    std::string method;
    std::string pattern;
    Policy policy;
    // Makes the request target and body for one case; inside: an object under town1, else under town2.
    std::function<std::pair<std::string, std::string>(bool inside)> make;
    std::string content_type = "application/json";
  };

  int seq = 0;
  std::string unique() { return std::to_string(++seq); }
  long long town(bool inside) { return inside ? fx.town1 : fx.town2; }
  long long village(bool inside) { return inside ? fx.village11 : fx.village21; }

  // A fresh account with one agent role in a village, made directly (not through the API under test).
  std::pair<long long, long long> account_with_grant(bool inside) {
    auto a = run_command(db(), Actor::system(), [&](Command& cmd) {
      return auth::create_account(cmd,
                                  {"x" + unique(), "临时", "", auth::GrantInput{"agent", village(inside), {}},
                                   "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA"});
    });
    return {a->id, a->roles.at(0).id};
  }

  // A service item made directly: inside, offered in town1 and owned by the county department (whose staff
  // the fixture has); outside, offered in town2 and owned by town2's own department.
  long long item(bool inside) {
    services::ItemInput in{"T" + unique(), inside ? fx.dept_county : fx.dept_t2, town(inside), "town",
                           sample_guide()};
    return run_command(db(), Actor::system(), [&](Command& cmd) { return services::create_item(cmd, in); })
        ->id;
  }
  std::string item_body(bool inside) {
    return nlohmann::json{{"item_code", "N" + unique()},
                          {"department_id", inside ? fx.dept_county : fx.dept_t2},
                          {"region_id", town(inside)},
                          {"level", "town"},
                          {"guide", sample_guide_json()}}
        .dump();
  }

  // A case of a fresh item. Inside: the county department's item, received by the agent in village11;
  // outside: town2's own item, received in village21.
  cases::Case a_case(bool inside, Stage stage) {
    CaseSetup setup;
    setup.item_id = item(inside);
    setup.region_id = village(inside);
    if (inside) {
      setup.channel = "proxy";
      setup.filer = Actor{fx.accounts["agent"], "agent"};
    }
    return make_case(db(), setup, stage);
  }
  cases::Case online_case(bool inside, Stage stage = Stage::at_department) {
    CaseSetup setup;
    setup.item_id = item(inside);
    setup.channel = "online";
    setup.applicant_account_id = fx.accounts["citizen"];
    setup.filer = Actor{fx.accounts["citizen"], "citizen"};
    return make_case(db(), setup, stage);
  }
  std::string applicant_json() { return R"({"name":"李四","phone":"13900005678"})"; }

  // A publication made directly, in `state` (draft, in_review or published). Inside: the county department's,
  // whose staff the fixture has; outside: town2's department's.
  long long publication(bool inside, const std::string& state) {
    disclosure::PublicationInput in;
    in.department_id = inside ? fx.dept_county : fx.dept_t2;
    in.column = "social_assistance";
    in.formed_on = format_date(china_today());
    in.title = "通知" + unique();
    in.body_html = "<p>正文</p>";
    auto p = run_command(db(), Actor::system(), [&](Command& cmd) -> Result<disclosure::Publication> {
      auto made = disclosure::create_publication(cmd, WorkCalendar::builtin(), in);
      if (!made || state == "draft") return made;
      auto submitted = disclosure::submit_publication(cmd, made->id);
      if (!submitted || state == "in_review") return submitted;
      return disclosure::approve_publication(cmd, made->id, "");
    });
    return p->id;
  }
  // A notice open for objections today, and one whose period ended in March.
  long long open_notice(bool inside) { return notice(inside, format_date(china_today()), now_utc()); }
  long long ended_notice(bool inside) { return notice(inside, "2026-03-03", "2026-03-02T02:00:00Z"); }
  long long notice(bool inside, const std::string& starts, const std::string& at) {
    disclosure::PublicationInput in;
    in.department_id = inside ? fx.dept_county : fx.dept_t2;
    in.column = "social_assistance";
    in.formed_on = starts.substr(0, 8) + "01";
    in.title = "公示" + unique();
    in.body_html = "<p>正文</p>";
    in.notice_kind = "general";
    in.starts_on = starts;
    in.ends_on = starts;
    return run_command_at(db(), Actor::system(), at,
                          [&](Command& cmd) -> Result<disclosure::Publication> {
                            auto made = disclosure::create_publication(cmd, WorkCalendar::builtin(), in);
                            if (!made) return made;
                            if (auto s = disclosure::submit_publication(cmd, made->id); !s) return s;
                            return disclosure::approve_publication(cmd, made->id, "");
                          })
        ->id;
  }
  std::string publication_body(bool inside) {
    return nlohmann::json{{"department_id", inside ? fx.dept_county : fx.dept_t2},
                          {"column", "social_assistance"},
                          {"formed_on", format_date(china_today())},
                          {"title", "通知" + unique()},
                          {"body_html", "<p>正文</p>"}}
        .dump();
  }
  std::function<std::pair<std::string, std::string>(bool)> publication_change(const char* action,
                                                                              std::string state,
                                                                              std::string body = "") {
    return [this, action, state, body](bool in) {
      return std::make_pair(fmt::format("/api/v1/publications/{}/{}", publication(in, state), action), body);
    };
  }
  // A village's ordinary item for the first quarter, made directly in `state` (draft, signed or posted).
  // Inside: in village11 (town1); outside: in village21.
  long long village_affair(bool inside, const std::string& state) {
    disclosure::VillageAffairInput in;
    in.region_id = village(inside);
    in.kind = "ordinary";
    in.category = "other";
    in.period = "2026-Q1";
    in.title = "村务" + unique();
    in.body_html = "<p>正文</p>";
    auto a = run_command(db(), Actor::system(), [&](Command& cmd) -> Result<disclosure::VillageAffair> {
      auto made = disclosure::create_village_affair(cmd, WorkCalendar::builtin(), in);
      if (!made || state == "draft") return made;
      auto s =
          disclosure::sign_off_village_affair(cmd, made->id, {{"王监督"}, format_date(china_today()), ""});
      if (!s || state == "signed") return s;
      return disclosure::post_village_affair(cmd, made->id);
    });
    return a->id;
  }
  std::function<std::pair<std::string, std::string>(bool)> village_change(const char* action,
                                                                          std::string state,
                                                                          std::string body) {
    return [this, action, state, body](bool in) {
      return std::make_pair(fmt::format("/api/v1/village-affairs/{}/{}", village_affair(in, state), action),
                            body);
    };
  }
  // A phone ticket made directly, in village11 (inside) or village21, taken as far as `stage`: accepted,
  // received (filed on the web), dispatched or claimed (to the village's town), extension (claimed, with an
  // extension asked for), replied, completed, or unsatisfied (called back so). The county department is the
  // linkage center.
  long long ticket(bool inside, const std::string& stage) {
    auto t = run_command(db(), Actor::system(), [&](Command& cmd) -> Result<hotline::Ticket> {
      (void)hotline::set_center_department(cmd, fx.dept_county);
      hotline::TicketInput in{"complaint",  stage == "received" ? "web" : "phone",
                              "",           "13900001111",
                              std::nullopt, village(inside),
                              "",           std::nullopt,
                              std::nullopt, "路灯" + unique(),
                              "路灯不亮",   {}};
      auto made = hotline::file_ticket(cmd, in);
      if (!made || stage == "accepted" || stage == "received") return made;
      const auto& cal = WorkCalendar::builtin();
      auto step = hotline::dispatch_ticket(cmd, cal, made->id, {std::nullopt, town(inside), {}, ""});
      if (!step || stage == "dispatched") return step;
      step = hotline::claim_ticket(cmd, made->id);
      if (!step || stage == "claimed") return step;
      if (stage == "extension") return hotline::request_extension(cmd, made->id, 2, "需勘验");
      step = hotline::reply_ticket(cmd, made->id, "已修复");
      if (!step || stage == "replied") return step;
      step = hotline::complete_ticket(cmd, made->id);
      if (!step || stage == "completed") return step;
      return hotline::call_back_ticket(cmd, made->id, "unsatisfied", "");
    });
    EXPECT_TRUE(t) << (t ? "" : t.error().code);
    return t ? t->id : 0;
  }
  // A knowledge entry's body; inside: of the county department, outside: of town2's.
  std::string knowledge_body(bool inside) {
    return nlohmann::json{{"department_id", inside ? fx.dept_county : fx.dept_t2},
                          {"question", "社保卡如何补办" + unique()},
                          {"answer", "到社保窗口办理"},
                          {"valid_from", "2026-01-01"}}
        .dump();
  }
  long long knowledge(bool inside) {
    auto body = nlohmann::json::parse(knowledge_body(inside));
    auto e = run_command(db(), Actor::system(), [&](Command& cmd) {
      return hotline::create_knowledge(
          cmd, {body["department_id"].get<long long>(), body["question"].get<std::string>(), "到社保窗口办理",
                "2026-01-01", ""});
    });
    EXPECT_TRUE(e);
    return e ? e->id : 0;
  }
  std::function<std::pair<std::string, std::string>(bool)> ticket_move(const char* action, std::string stage,
                                                                       std::string body = "") {
    return [this, action, stage, body](bool in) {
      return std::make_pair(fmt::format("/api/v1/tickets/{}/{}", ticket(in, stage), action), body);
    };
  }
  // An information request made directly, at `stage` (received, awaiting_supplement, consulting,
  // extension_pending or replied). Inside: to the county department; outside: to town2's department.
  disclosure::Filed info_request(bool inside, const std::string& stage = "received") {
    disclosure::InfoRequestInput in;
    in.department_id = inside ? fx.dept_county : fx.dept_t2;
    in.channel = "letter";
    in.applicant = {"natural_person", "王五", "11010519491231002X", "", "13900003333", "城关镇1号", ""};
    in.description = "某文件" + unique();
    in.delivery = "post";
    const auto& cal = WorkCalendar::builtin();
    auto made = run_command(db(), Actor::system(), [&](Command& cmd) -> Result<disclosure::Filed> {
      auto f = disclosure::file_info_request(cmd, cal, in);
      if (!f) return f;
      auto then = [&](Result<disclosure::InfoRequest> r) -> Result<disclosure::Filed> {
        if (!r) return r.error();
        f->request = *r;
        return f;
      };
      long long id = f->request.id;
      if (stage == "awaiting_supplement")
        return then(disclosure::request_supplement(cmd, cal, id, "请补正", ""));
      if (stage == "consulting") return then(disclosure::start_consultation(cmd, id, "某公司", ""));
      if (stage == "extension_pending") return then(disclosure::request_extension(cmd, id, 5, "档案多"));
      if (stage == "replied")
        return then(disclosure::reply_info_request(cmd, id, {"granted", "", "现予公开", {}}));
      return f;
    });
    EXPECT_TRUE(made) << (made ? "" : made.error().message);
    return *made;
  }
  std::string info_request_body(bool inside) {
    return nlohmann::json{{"department_id", inside ? fx.dept_county : fx.dept_t2},
                          {"applicant",
                           {{"type", "natural_person"},
                            {"name", "李四"},
                            {"id_number", "11010519491231002X"},
                            {"phone", "13900002222"}}},
                          {"description", "某文件" + unique()},
                          {"delivery", "pickup"}}
        .dump();
  }
  std::function<std::pair<std::string, std::string>(bool)> info_request_change(const char* action,
                                                                               std::string stage,
                                                                               std::string body) {
    return [this, action, stage, body](bool in) {
      return std::make_pair(
          fmt::format("/api/v1/info-requests/{}/{}", info_request(in, stage).request.id, action), body);
    };
  }
  // A move of a case in `stage`, with `body`.
  std::function<std::pair<std::string, std::string>(bool)> moving(const char* action, Stage stage,
                                                                  std::string body = "") {
    return [this, action, stage, body](bool in) {
      return std::make_pair(fmt::format("/api/v1/cases/{}/{}", a_case(in, stage).id, action), body);
    };
  }

  // A live Open311 key, issued directly.
  std::string open311_key() {
    auto k = run_command(db(), Actor::system(),
                         [&](Command& cmd) { return hotline::issue_api_key(cmd, "客户端"); });
    EXPECT_TRUE(k);
    return k ? k->secret : "";
  }
  // An Open311 request filed directly (in the county: inside and outside are the same place); its token.
  std::string open311_token() {
    auto key = hotline::find_api_key(db(), open311_key());
    hotline::RequestInput in;
    in.key_id = key.value_or(0);
    in.service_code = "garbage";
    in.region_id = fx.county;
    in.address_string = "一村";
    EXPECT_TRUE(
        run_command(db(), Actor::system(), [&](Command& cmd) { return hotline::file_request(cmd, in); }));
    auto token = db().read([&](soci::session& sql) -> Result<std::string> {
      std::string t;
      sql << "SELECT token FROM open311_requests ORDER BY ticket_id DESC LIMIT 1", soci::into(t);
      return t;
    });
    return token ? *token : "";
  }
  // Open311 is public in both formats; filing needs a key, not a role. Keys are the county admins'.
  void add_open311_rows(std::vector<Row>& table) {
    auto get = [](std::string path) { return [path](bool) { return std::make_pair(path, std::string()); }; };
    for (std::string f : {"xml", "json"}) {
      const std::string base = "/open311/v2/";
      table.push_back({"GET", base + "discovery." + f, Policy::everyone, get(base + "discovery." + f)});
      table.push_back({"GET", base + "services." + f, Policy::everyone, get(base + "services." + f)});
      table.push_back({"GET", base + "services/{service_code}." + f, Policy::everyone,
                       get(base + "services/road_damage." + f)});
      table.push_back({"POST", base + "requests." + f, Policy::everyone,
                       [this, base, f](bool) {
                         return std::make_pair(base + "requests." + f,
                                               "api_key=" + open311_key() +
                                                   "&service_code=garbage&address_string=%E4%B8%80%E6%9D%91");
                       },
                       "application/x-www-form-urlencoded"});
      table.push_back({"GET", base + "requests." + f, Policy::everyone, get(base + "requests." + f)});
      table.push_back(
          {"GET", base + "requests/{service_request_id}." + f, Policy::everyone, [this, base, f](bool in) {
             auto t = hotline::get_ticket(db(), ticket(in, "accepted"));
             return std::make_pair(base + "requests/" + t->ticket_no + "." + f, std::string());
           }});
      table.push_back({"GET", base + "tokens/{token}." + f, Policy::everyone, [this, base, f](bool) {
                         return std::make_pair(base + "tokens/" + open311_token() + "." + f, std::string());
                       }});
    }
    table.push_back({"GET", "/api/v1/open311/keys", Policy::county_admin, get("/api/v1/open311/keys")});
    table.push_back({"POST", "/api/v1/open311/keys", Policy::county_admin, [](bool) {
                       return std::make_pair(std::string("/api/v1/open311/keys"),
                                             std::string(R"({"name":"客户端"})"));
                     }});
    table.push_back({"POST", "/api/v1/open311/keys/{id}/revoke", Policy::county_admin, [this](bool) {
                       auto k = run_command(db(), Actor::system(), [&](Command& cmd) {
                         return hotline::issue_api_key(cmd, "客户端");
                       });
                       return std::make_pair(fmt::format("/api/v1/open311/keys/{}/revoke", k ? k->key.id : 0),
                                             std::string());
                     }});
  }

  std::vector<Row> rows() {
    auto get = [](std::string path) { return [path](bool) { return std::make_pair(path, std::string()); }; };
    std::vector<Row> table{
        {"GET", "/healthz", Policy::everyone, get("/healthz")},
        {"GET", "/metrics", Policy::everyone, get("/metrics")},
        {"GET", "/api/v1/openapi.json", Policy::everyone, get("/api/v1/openapi.json")},
        {"GET", "/api/v1/regions", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/regions?parent_id={}", town(in)), std::string());
         }},
        {"GET", "/api/v1/regions/{id}", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/regions/{}", village(in)), std::string());
         }},
        {"POST", "/api/v1/regions", Policy::admin_in_scope,
         [&](bool in) {
           ++seq;
           return std::make_pair(
               std::string("/api/v1/regions"),
               fmt::format(R"({{"parent_id":{},"kind":"village","code":"{}","name":"新村{}"}})", town(in),
                           999901009000 + seq, seq));
         }},
        {"PATCH", "/api/v1/regions/{id}", Policy::admin_in_scope,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/regions/{}", village(in)),
                                 fmt::format(R"({{"name":"改名{}"}})", unique()));
         }},
        {"GET", "/api/v1/departments", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/departments?region_id={}", town(in)), std::string());
         }},
        {"GET", "/api/v1/departments/{id}", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/departments/{}", in ? fx.dept_t1 : fx.dept_t2),
                                 std::string());
         }},
        {"POST", "/api/v1/departments", Policy::admin_in_scope,
         [&](bool in) {
           auto n = unique();
           return std::make_pair(
               std::string("/api/v1/departments"),
               fmt::format(R"({{"region_id":{},"code":"N{}","name":"新所{}"}})", town(in), n, n));
         }},
        {"PATCH", "/api/v1/departments/{id}", Policy::admin_in_scope,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/departments/{}", in ? fx.dept_t1 : fx.dept_t2),
                                 fmt::format(R"({{"phone":"0999-{}"}})", unique()));
         }},
        {"GET", "/api/v1/service-points", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/service-points?region_id={}", village(in)),
                                 std::string());
         }},
        {"GET", "/api/v1/service-points/{id}", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/service-points/{}", in ? fx.point_v11 : fx.point_v21),
                                 std::string());
         }},
        {"POST", "/api/v1/service-points", Policy::admin_in_scope,
         [&](bool in) {
           return std::make_pair(
               std::string("/api/v1/service-points"),
               fmt::format(R"({{"region_id":{},"kind":"room","name":"服务室{}"}})", village(in), unique()));
         }},
        {"PATCH", "/api/v1/service-points/{id}", Policy::admin_in_scope,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/service-points/{}", in ? fx.point_v11 : fx.point_v21),
                                 fmt::format(R"({{"name":"服务室改{}"}})", unique()));
         }},
        {"POST", "/api/v1/service-points/{id}/windows", Policy::admin_in_scope,
         [&](bool in) {
           return std::make_pair(
               fmt::format("/api/v1/service-points/{}/windows", in ? fx.point_v11 : fx.point_v21),
               fmt::format(R"({{"number":{},"name":"窗口"}})", ++seq));
         }},
        {"POST", "/api/v1/auth/login", Policy::everyone,
         [&](bool) {
           return std::make_pair(std::string("/api/v1/auth/login"),
                                 fmt::format(R"({{"login":"citizen","password":"{}"}})", kPassword));
         }},
        {"POST", "/api/v1/auth/logout", Policy::signed_in, get("/api/v1/auth/logout")},
        {"GET", "/api/v1/auth/me", Policy::signed_in, get("/api/v1/auth/me")},
        {"GET", "/api/v1/accounts", Policy::admin_in_scope_or_supervisor,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/accounts?region_id={}", town(in)), std::string());
         }},
        {"POST", "/api/v1/accounts", Policy::admin_in_scope,
         [&](bool in) {
           return std::make_pair(
               std::string("/api/v1/accounts"),
               fmt::format(
                   R"({{"login":"new{}","display_name":"新人","password":"a-long-password","role":"agent","region_id":{}}})",
                   unique(), village(in)));
         }},
        {"GET", "/api/v1/accounts/{id}", Policy::county_admin_or_supervisor,
         [&](bool) {
           return std::make_pair(fmt::format("/api/v1/accounts/{}", fx.accounts["agent"]), std::string());
         }},
        {"POST", "/api/v1/accounts/{id}/roles", Policy::admin_in_scope,
         [&](bool in) {
           auto [account, grant] =
               account_with_grant(!in);  // an existing role elsewhere, then a new one here
           (void)grant;
           return std::make_pair(fmt::format("/api/v1/accounts/{}/roles", account),
                                 fmt::format(R"({{"role":"staff","region_id":{}}})", village(in)));
         }},
        {"DELETE", "/api/v1/accounts/{id}/roles/{role_id}", Policy::admin_in_scope,
         [&](bool in) {
           auto [account, grant] = account_with_grant(in);
           return std::make_pair(fmt::format("/api/v1/accounts/{}/roles/{}", account, grant), std::string());
         }},
        {"GET", "/api/v1/events", Policy::county_admin_or_supervisor, get("/api/v1/events?limit=5")},
        {"GET", "/api/v1/ledger/checkpoint", Policy::everyone, get("/api/v1/ledger/checkpoint")},
        {"GET", "/api/v1/ledger/key", Policy::everyone, get("/api/v1/ledger/key")},
        {"GET", "/api/v1/ledger/entries", Policy::everyone, get("/api/v1/ledger/entries?start=0&end=3")},
        {"GET", "/api/v1/ledger/proof/inclusion", Policy::everyone,
         get("/api/v1/ledger/proof/inclusion?index=1&size=4")},
        {"GET", "/api/v1/ledger/proof/consistency", Policy::everyone,
         get("/api/v1/ledger/proof/consistency?size1=2&size2=4")},
        {"GET", "/api/v1/life-events", Policy::everyone, get("/api/v1/life-events")},
        {"GET", "/api/v1/search", Policy::everyone, get("/api/v1/search?q=%E4%BD%8E%E4%BF%9D")},
        {"GET", "/api/v1/disclosure/columns", Policy::everyone, get("/api/v1/disclosure/columns")},
        {"GET", "/api/v1/publications", Policy::everyone, get("/api/v1/publications")},
        {"GET", "/api/v1/publications/feed.atom", Policy::everyone, get("/api/v1/publications/feed.atom")},
        {"GET", "/api/v1/publications/export.jsonl", Policy::everyone,
         get("/api/v1/publications/export.jsonl")},
        {"GET", "/api/v1/publications/desk", Policy::case_department_reader,
         [&](bool in) {
           return std::make_pair(
               fmt::format("/api/v1/publications/desk?department_id={}", in ? fx.dept_county : fx.dept_t2),
               std::string());
         }},
        {"GET", "/api/v1/publications/{id}", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/publications/{}", publication(in, "published")),
                                 std::string());
         }},
        {"GET", "/api/v1/publications/{id}/editions", Policy::everyone,
         [&](bool in) {
           return std::make_pair(
               fmt::format("/api/v1/publications/{}/editions", publication(in, "published")), std::string());
         }},
        {"POST", "/api/v1/publications", Policy::department_keeper,
         [&](bool in) { return std::make_pair(std::string("/api/v1/publications"), publication_body(in)); }},
        {"PUT", "/api/v1/publications/{id}", Policy::department_keeper,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/publications/{}", publication(in, "draft")),
                                 fmt::format(R"({{"title":"改{}","body_html":"<p>新正文</p>"}})", unique()));
         }},
        {"POST", "/api/v1/publications/{id}/submit", Policy::department_keeper,
         publication_change("submit", "draft")},
        {"POST", "/api/v1/publications/{id}/approve", Policy::department_keeper,
         publication_change("approve", "in_review")},
        {"POST", "/api/v1/publications/{id}/return", Policy::department_keeper,
         publication_change("return", "in_review", R"({"note":"请补充依据"})")},
        {"POST", "/api/v1/publications/{id}/withdraw", Policy::department_keeper,
         publication_change("withdraw", "published", R"({"reason":"内容有误"})")},
        {"GET", "/api/v1/publications/{id}/objections", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/publications/{}/objections", open_notice(in)),
                                 std::string());
         }},
        {"POST", "/api/v1/publications/{id}/objections", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/publications/{}/objections", open_notice(in)),
                                 std::string(R"({"name":"李四","phone":"13900005678","text":"有异议"})"));
         }},
        {"POST", "/api/v1/publications/{id}/objections/{objection_id}/answer", Policy::department_keeper,
         [&](bool in) {
           long long id = open_notice(in);
           auto o = run_command(db(), Actor::system(), [&](Command& cmd) {
             return disclosure::file_objection(cmd, id, {std::nullopt, "李四", "13900005678", "有异议"});
           });
           return std::make_pair(fmt::format("/api/v1/publications/{}/objections/{}/answer", id, o->id),
                                 std::string(R"({"answer":"已核实"})"));
         }},
        {"POST", "/api/v1/publications/{id}/result", Policy::department_keeper,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/publications/{}/result", ended_notice(in)),
                                 std::string(R"({"result_html":"<p>无异议</p>"})"));
         }},
        {"POST", "/api/v1/publications/{id}/validity", Policy::department_keeper,
         publication_change("validity", "published", R"({"validity":"repealed"})")},
        {"GET", "/api/v1/info-requests/results", Policy::everyone, get("/api/v1/info-requests/results")},
        {"POST", "/api/v1/info-requests", Policy::everyone,
         [&](bool in) {
           return std::make_pair(std::string("/api/v1/info-requests"), info_request_body(in));
         }},
        {"POST", "/api/v1/info-requests/recorded", Policy::department_keeper,
         [&](bool in) {
           auto body = nlohmann::json::parse(info_request_body(in));
           body["channel"] = "in_person";
           return std::make_pair(std::string("/api/v1/info-requests/recorded"), body.dump());
         }},
        {"POST", "/api/v1/info-requests/track", Policy::everyone,
         [&](bool in) {
           auto f = info_request(in);
           return std::make_pair(
               std::string("/api/v1/info-requests/track"),
               nlohmann::json{{"tracking_no", f.request.tracking_no}, {"access_code", f.access_code}}.dump());
         }},
        {"POST", "/api/v1/info-requests/track/supplement", Policy::everyone,
         [&](bool in) {
           auto f = info_request(in, "awaiting_supplement");
           return std::make_pair(std::string("/api/v1/info-requests/track/supplement"),
                                 nlohmann::json{{"tracking_no", f.request.tracking_no},
                                                {"access_code", f.access_code},
                                                {"text", "补正内容"}}
                                     .dump());
         }},
        {"GET", "/api/v1/info-requests/mine", Policy::signed_in, get("/api/v1/info-requests/mine")},
        {"GET", "/api/v1/info-requests", Policy::case_department_reader,
         [&](bool in) {
           return std::make_pair(
               fmt::format("/api/v1/info-requests?department_id={}", in ? fx.dept_county : fx.dept_t2),
               std::string());
         }},
        {"GET", "/api/v1/info-requests/{id}", Policy::case_department_reader,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/info-requests/{}", info_request(in).request.id),
                                 std::string());
         }},
        {"POST", "/api/v1/info-requests/{id}/supplement-request", Policy::department_keeper,
         info_request_change("supplement-request", "received", R"({"notice":"请写明文号"})")},
        {"POST", "/api/v1/info-requests/{id}/supplement", Policy::department_keeper,
         info_request_change("supplement", "awaiting_supplement", R"({"text":"文号为某号"})")},
        {"POST", "/api/v1/info-requests/{id}/consultation", Policy::department_keeper,
         info_request_change("consultation", "received", R"({"party":"某公司"})")},
        {"POST", "/api/v1/info-requests/{id}/consultation/close", Policy::department_keeper,
         info_request_change("consultation/close", "consulting", R"({"opinion":"同意公开"})")},
        {"POST", "/api/v1/info-requests/{id}/extension", Policy::department_keeper,
         info_request_change("extension", "received", R"({"days":5,"reason":"档案多"})")},
        {"POST", "/api/v1/info-requests/{id}/extension/approve", Policy::department_keeper,
         info_request_change("extension/approve", "extension_pending", "{}")},
        {"POST", "/api/v1/info-requests/{id}/extension/reject", Policy::department_keeper,
         info_request_change("extension/reject", "extension_pending", R"({"note":"理由不足"})")},
        {"POST", "/api/v1/info-requests/{id}/reply", Policy::department_keeper,
         info_request_change("reply", "received", R"({"result":"granted","letter":"现予公开"})")},
        {"POST", "/api/v1/info-requests/{id}/delivery", Policy::department_keeper,
         info_request_change("delivery", "replied", R"({"method":"pickup"})")},
        {"GET", "/api/v1/annual-reports/{year}", Policy::everyone,
         [&](bool in) {
           return std::make_pair(
               fmt::format("/api/v1/annual-reports/2026?department_id={}", in ? fx.dept_county : fx.dept_t2),
               std::string());
         }},
        {"GET", "/api/v1/annual-reports/{year}/inputs", Policy::case_department_reader,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/annual-reports/2026/inputs?department_id={}",
                                             in ? fx.dept_county : fx.dept_t2),
                                 std::string());
         }},
        {"PUT", "/api/v1/annual-reports/{year}/inputs", Policy::department_keeper,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/annual-reports/2026/inputs?department_id={}",
                                             in ? fx.dept_county : fx.dept_t2),
                                 std::string(R"({"penalties":3})"));
         }},
        {"GET", "/api/v1/village-affairs/subjects", Policy::everyone,
         get("/api/v1/village-affairs/subjects")},
        {"GET", "/api/v1/village-affairs", Policy::everyone, get("/api/v1/village-affairs")},
        {"GET", "/api/v1/village-affairs/overview", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/village-affairs/overview?region_id={}", town(in)),
                                 std::string());
         }},
        {"GET", "/api/v1/village-affairs/desk", Policy::admin_in_scope,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/village-affairs/desk?region_id={}", town(in)),
                                 std::string());
         }},
        {"GET", "/api/v1/village-affairs/{id}", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/village-affairs/{}", village_affair(in, "posted")),
                                 std::string());
         }},
        {"POST", "/api/v1/village-affairs", Policy::admin_in_scope,
         [&](bool in) {
           return std::make_pair(std::string("/api/v1/village-affairs"),
                                 nlohmann::json{{"region_id", village(in)},
                                                {"kind", "ordinary"},
                                                {"category", "decision"},
                                                {"period", "2026-Q1"},
                                                {"title", "村务" + unique()},
                                                {"body_html", "<p>正文</p>"}}
                                     .dump());
         }},
        {"PUT", "/api/v1/village-affairs/{id}", Policy::admin_in_scope,
         [&](bool in) {
           return std::make_pair(
               fmt::format("/api/v1/village-affairs/{}", village_affair(in, "draft")),
               std::string(
                   R"({"category":"other","period":"2026-Q2","title":"新标题","body_html":"<p>新</p>"})"));
         }},
        {"POST", "/api/v1/village-affairs/{id}/sign-off", Policy::admin_in_scope,
         village_change(
             "sign-off", "draft",
             nlohmann::json{{"members", {"王监督"}}, {"signed_on", format_date(china_today())}}.dump())},
        {"POST", "/api/v1/village-affairs/{id}/post", Policy::admin_in_scope,
         village_change("post", "signed", "")},
        {"GET", "/api/v1/villages/{id}/duties", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/villages/{}/duties", village(in)), std::string());
         }},
        {"PUT", "/api/v1/villages/{id}/duties", Policy::admin_in_scope,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/villages/{}/duties", village(in)),
                                 std::string(R"({"finance_cadence":"quarterly","since_on":"2026-01-01"})"));
         }},
        {"GET", "/api/v1/tickets/deadlines", Policy::everyone, get("/api/v1/tickets/deadlines")},
        {"PUT", "/api/v1/tickets/deadlines/{kind}", Policy::hotline_center,
         [&](bool) {
           (void)ticket(true, "accepted");  // names the center
           return std::make_pair(std::string("/api/v1/tickets/deadlines/help"),
                                 std::string(R"({"amount":3,"unit":"working_days"})"));
         }},
        {"GET", "/api/v1/disclosure/columns/counts", Policy::everyone,
         [&](bool) {
           return std::make_pair(
               fmt::format("/api/v1/disclosure/columns/counts?department_id={}", fx.dept_county),
               std::string());
         }},
        {"GET", "/api/v1/tickets/categories", Policy::everyone, get("/api/v1/tickets/categories")},
        {"GET", "/api/v1/tickets/categories/all", Policy::hotline_center,
         [&](bool) {
           (void)ticket(true, "accepted");  // names the center
           return std::make_pair(std::string("/api/v1/tickets/categories/all"), std::string());
         }},
        {"PUT", "/api/v1/tickets/categories/{code}", Policy::hotline_center,
         [&](bool) {
           (void)ticket(true, "accepted");
           return std::make_pair(std::string("/api/v1/tickets/categories/stray_dogs"),
                                 nlohmann::json{{"name", "流浪犬只" + unique()}, {"kind", "help"}}.dump());
         }},
        {"GET", "/api/v1/tickets/center", Policy::everyone, get("/api/v1/tickets/center")},
        {"PUT", "/api/v1/tickets/center", Policy::county_admin,
         [&](bool) {
           return std::make_pair(std::string("/api/v1/tickets/center"),
                                 nlohmann::json{{"department_id", fx.dept_county}}.dump());
         }},
        {"POST", "/api/v1/tickets", Policy::everyone,
         [&](bool in) {
           return std::make_pair(std::string("/api/v1/tickets"),
                                 nlohmann::json{{"channel", "web"},
                                                {"kind", "help"},
                                                {"phone", "13900001111"},
                                                {"region_id", village(in)},
                                                {"title", "求助" + unique()},
                                                {"description", "独居老人需要帮助"}}
                                     .dump());
         }},
        {"POST", "/api/v1/tickets/attachments", Policy::everyone,
         [&](bool) {
           std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + unique();
           return std::make_pair(
               std::string("/api/v1/tickets/attachments"),
               nlohmann::json{{"file_name", "照片.png"}, {"content_base64", base64(png)}}.dump());
         }},
        {"POST", "/api/v1/tickets/recorded", Policy::hotline_center,
         [&](bool in) {
           (void)ticket(in, "accepted");
           return std::make_pair(std::string("/api/v1/tickets/recorded"),
                                 nlohmann::json{{"channel", "phone"},
                                                {"kind", "consult"},
                                                {"phone", "13900001111"},
                                                {"region_id", village(in)},
                                                {"title", "咨询" + unique()},
                                                {"description", "社保卡补办"}}
                                     .dump());
         }},
        {"POST", "/api/v1/tickets/track", Policy::everyone,
         [&](bool in) {
           auto t = hotline::get_ticket(db(), ticket(in, "accepted"));
           return std::make_pair(std::string("/api/v1/tickets/track"),
                                 nlohmann::json{{"ticket_no", t->ticket_no}, {"phone_last4", "1111"}}.dump());
         }},
        {"POST", "/api/v1/tickets/track/evaluate", Policy::everyone,
         [&](bool in) {
           auto t = hotline::get_ticket(db(), ticket(in, "completed"));
           return std::make_pair(
               std::string("/api/v1/tickets/track/evaluate"),
               nlohmann::json{
                   {"ticket_no", t->ticket_no}, {"phone_last4", "1111"}, {"satisfaction", "satisfied"}}
                   .dump());
         }},
        {"GET", "/api/v1/tickets/center/desk", Policy::hotline_center,
         [&](bool in) {
           (void)ticket(in, "accepted");
           return std::make_pair(std::string("/api/v1/tickets/center/desk"), std::string());
         }},
        {"GET", "/api/v1/tickets", Policy::admin_in_scope_or_supervisor,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/tickets?region_id={}", town(in)), std::string());
         }},
        {"GET", "/api/v1/tickets/{id}", Policy::ticket_reader,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/tickets/{}", ticket(in, "dispatched")), std::string());
         }},
        {"POST", "/api/v1/tickets/{id}/accept", Policy::hotline_center, ticket_move("accept", "received")},
        {"POST", "/api/v1/tickets/{id}/reject", Policy::hotline_center,
         ticket_move("reject", "received", R"({"reason":"重复"})")},
        {"POST", "/api/v1/tickets/{id}/answer", Policy::hotline_center,
         ticket_move("answer", "accepted", R"({"answer":"请到三号窗口"})")},
        {"POST", "/api/v1/tickets/{id}/dispatch", Policy::hotline_center,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/tickets/{}/dispatch", ticket(in, "accepted")),
                                 nlohmann::json{{"region_id", town(in)}}.dump());
         }},
        {"POST", "/api/v1/tickets/{id}/claim", Policy::admin_in_scope, ticket_move("claim", "dispatched")},
        {"POST", "/api/v1/tickets/{id}/return", Policy::admin_in_scope,
         ticket_move("return", "dispatched", R"({"reason":"非本镇职责"})")},
        {"POST", "/api/v1/tickets/{id}/note", Policy::admin_in_scope,
         ticket_move("note", "claimed", R"({"note":"已派人查看"})")},
        {"POST", "/api/v1/tickets/{id}/reply", Policy::admin_in_scope,
         ticket_move("reply", "claimed", R"({"reply":"已修复"})")},
        {"POST", "/api/v1/tickets/{id}/extension", Policy::admin_in_scope,
         ticket_move("extension", "claimed", R"({"days":2,"reason":"需勘验"})")},
        {"POST", "/api/v1/tickets/{id}/extension/approve", Policy::hotline_center,
         ticket_move("extension/approve", "extension")},
        {"POST", "/api/v1/tickets/{id}/extension/reject", Policy::hotline_center,
         ticket_move("extension/reject", "extension", R"({"note":"理由不足"})")},
        {"POST", "/api/v1/tickets/{id}/complete", Policy::hotline_center, ticket_move("complete", "replied")},
        {"POST", "/api/v1/tickets/{id}/callback", Policy::hotline_center,
         ticket_move("callback", "completed", R"({"satisfaction":"basically_satisfied"})")},
        {"POST", "/api/v1/tickets/{id}/reopen", Policy::hotline_center,
         ticket_move("reopen", "unsatisfied", R"({"reason":"回访不满意"})")},
        {"POST", "/api/v1/tickets/{id}/escalate", Policy::hotline_center_or_supervisor,
         ticket_move("escalate", "claimed", R"({"hours":24,"note":"限期办结"})")},
        {"GET", "/api/v1/tickets/figures", Policy::everyone, get("/api/v1/tickets/figures")},
        {"GET", "/api/v1/tickets/figures/desk", Policy::hotline_center_or_supervisor,
         [&](bool) {
           (void)ticket(true, "accepted");  // names the center
           return std::make_pair(std::string("/api/v1/tickets/figures/desk"), std::string());
         }},
        {"POST", "/api/v1/tickets/suggestions", Policy::hotline_center,
         [&](bool in) {
           (void)ticket(in, "accepted");
           return std::make_pair(std::string("/api/v1/tickets/suggestions"),
                                 nlohmann::json{{"region_id", village(in)}, {"title", "路灯不亮"}}.dump());
         }},
        {"POST", "/api/v1/tickets/{id}/merge", Policy::hotline_center,
         [&](bool in) {
           long long into = ticket(in, "dispatched");
           return std::make_pair(fmt::format("/api/v1/tickets/{}/merge", ticket(in, "received")),
                                 nlohmann::json{{"into_id", into}}.dump());
         }},
        {"GET", "/api/v1/knowledge", Policy::everyone, get("/api/v1/knowledge?q=补办")},
        {"POST", "/api/v1/knowledge", Policy::department_keeper,
         [&](bool in) { return std::make_pair(std::string("/api/v1/knowledge"), knowledge_body(in)); }},
        {"GET", "/api/v1/knowledge/{id}", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/knowledge/{}", knowledge(in)), std::string());
         }},
        {"PUT", "/api/v1/knowledge/{id}", Policy::department_keeper,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/knowledge/{}", knowledge(in)), knowledge_body(in));
         }},
        {"POST", "/api/v1/attachments", Policy::department_keeper,
         [&](bool in) {
           return std::make_pair(std::string("/api/v1/attachments"),
                                 nlohmann::json{{"department_id", in ? fx.dept_county : fx.dept_t2},
                                                {"file_name", "申请表.pdf"},
                                                {"content_base64", base64("%PDF-1.4 " + unique())}}
                                     .dump());
         }},
        {"GET", "/api/v1/attachments/{sha256}", Policy::everyone,
         [&](bool) {
           std::string pdf = "%PDF-1.4 " + unique();
           EXPECT_TRUE(run_command(db(), Actor::system(), [&](Command& cmd) {
             return services::upload_attachment(cmd, fmt::format("department:{}", fx.dept_county), "表.pdf",
                                                pdf);
           }));
           return std::make_pair("/api/v1/attachments/" + to_hex(sha256(pdf)), std::string());
         }},
        {"POST", "/api/v1/service-items/import", Policy::county_admin,
         [&](bool) {
           // The catalogue as it stands: a valid sheet that changes nothing.
           item(true);
           std::string sheet = call("GET", "/api/v1/service-items/export?format=csv").body;
           return std::make_pair(std::string("/api/v1/service-items/import"),
                                 nlohmann::json{{"content_base64", base64(sheet)}, {"dry_run", true}}.dump());
         }},
        {"GET", "/api/v1/service-items/export", Policy::everyone,
         [&](bool in) {
           return std::make_pair(
               fmt::format("/api/v1/service-items/export?format=csv&region_id={}", town(in)), std::string());
         }},
        {"GET", "/api/v1/service-items", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/service-items?region_id={}", town(in)), std::string());
         }},
        {"GET", "/api/v1/service-items/{id}", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/service-items/{}", item(in)), std::string());
         }},
        {"GET", "/api/v1/service-items/{id}/versions", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/service-items/{}/versions", item(in)), std::string());
         }},
        {"GET", "/api/v1/service-items/{id}/versions/{version}", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/service-items/{}/versions/1", item(in)), std::string());
         }},
        {"POST", "/api/v1/service-items", Policy::catalogue_keeper,
         [&](bool in) { return std::make_pair(std::string("/api/v1/service-items"), item_body(in)); }},
        {"PUT", "/api/v1/service-items/{id}", Policy::catalogue_keeper,
         [&](bool in) {
           return std::make_pair(
               fmt::format("/api/v1/service-items/{}", item(in)),
               nlohmann::json{{"version", 1}, {"guide", sample_guide_json("改名" + unique())}}.dump());
         }},
        {"GET", "/api/v1/cases", Policy::case_department_reader,
         [&](bool in) {
           return std::make_pair(
               fmt::format("/api/v1/cases?department_id={}&held=true", in ? fx.dept_county : fx.dept_t2),
               std::string());
         }},
        {"GET", "/api/v1/cases/{id}", Policy::case_party,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/cases/{}", a_case(in, Stage::at_room).id),
                                 std::string());
         }},
        {"POST", "/api/v1/cases", Policy::case_filer,
         [&](bool in) {
           return std::make_pair(std::string("/api/v1/cases"),
                                 fmt::format(R"({{"item_id":{},"region_id":{},"applicant":{}}})", item(in),
                                             village(in), applicant_json()));
         }},
        {"POST", "/api/v1/cases/{id}/forward", Policy::room_agent,
         moving("forward", Stage::at_room, R"({"to":"department","reason":"村里无权办理"})")},
        {"POST", "/api/v1/cases/{id}/accept", Policy::case_handler, moving("accept", Stage::at_department)},
        {"POST", "/api/v1/cases/{id}/refuse", Policy::case_handler,
         moving("refuse", Stage::at_department, R"({"reason":"不属于本部门职权"})")},
        {"POST", "/api/v1/cases/{id}/notice-of-missing", Policy::case_handler,
         moving("notice-of-missing", Stage::at_department, R"({"missing":["户口簿","收入证明"]})")},
        {"POST", "/api/v1/cases/{id}/supplement", Policy::case_handler,
         moving("supplement", Stage::awaiting_supplement)},
        {"POST", "/api/v1/cases/{id}/review", Policy::case_handler, moving("review", Stage::accepted)},
        {"POST", "/api/v1/cases/{id}/decide", Policy::case_handler,
         moving("decide", Stage::in_review, R"({"decision":"approved"})")},
        {"POST", "/api/v1/cases/{id}/complete", Policy::case_handler,
         moving("complete", Stage::decided, R"({"delivery":"窗口领取"})")},
        {"POST", "/api/v1/cases/{id}/withdraw", Policy::case_filer, moving("withdraw", Stage::at_room)},
        {"POST", "/api/v1/cases/{id}/follow-up", Policy::case_handler,
         moving("follow-up", Stage::rated_badly, R"({"answer":"已约谈窗口负责人并整改"})")},
        {"GET", "/api/v1/my/cases", Policy::citizen, get("/api/v1/my/cases")},
        {"GET", "/api/v1/my/cases/{id}", Policy::citizen,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/my/cases/{}", online_case(in).id), std::string());
         }},
        {"POST", "/api/v1/my/cases/{id}/rating", Policy::citizen,
         [&](bool in) {
           return std::make_pair(
               fmt::format("/api/v1/my/cases/{}/rating", online_case(in, Stage::completed).id),
               std::string(R"({"score":5})"));
         }},
        {"POST", "/api/v1/case-tracking/rating", Policy::everyone,
         [&](bool in) {
           return std::make_pair(std::string("/api/v1/case-tracking/rating"),
                                 fmt::format(R"({{"case_no":"{}","phone_last4":"1234","score":4}})",
                                             a_case(in, Stage::completed).case_no));
         }},
        {"GET", "/api/v1/case-figures", Policy::everyone, get("/api/v1/case-figures")},
        {"POST", "/api/v1/my/cases", Policy::citizen,
         [&](bool in) {
           return std::make_pair(
               std::string("/api/v1/my/cases"),
               fmt::format(R"({{"item_id":{},"applicant":{}}})", item(in), applicant_json()));
         }},
        {"POST", "/api/v1/my/cases/{id}/withdraw", Policy::citizen,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/my/cases/{}/withdraw", online_case(in).id),
                                 std::string(R"({"reason":"不需要了"})"));
         }},
        {"GET", "/api/v1/case-tracking", Policy::everyone,
         [&](bool in) {
           return std::make_pair(fmt::format("/api/v1/case-tracking?case_no={}&phone_last4=1234",
                                             a_case(in, Stage::at_room).case_no),
                                 std::string());
         }},
    };
    add_open311_rows(table);
    return table;
  }
};

TEST_P(Authorization, EveryRouteHasARow) {
  auto table = rows();
  for (const auto& route : api->routes()) {
    bool found = false;
    for (const auto& row : table)
      found = found || (row.method == route.method && row.pattern == route.pattern);
    EXPECT_TRUE(found) << "no decision-table row for " << route.method << " " << route.pattern;
  }
  EXPECT_EQ(table.size(), api->routes().size());
}

TEST_P(Authorization, EveryRouteRoleAndScope) {
  for (const auto& row : rows()) {
    for (const auto& role : kRoles) {
      for (bool inside : {true, false}) {
        auto [target, body] = row.make(inside);
        long long events_before = count("events");
        auto res = call(row.method, target, body, role, true, row.content_type);
        bool allowed = expected_allowed(row.policy, role, inside);
        std::string where = fmt::format("{} {} as '{}' {}: {} {}", row.method, target, role,
                                        inside ? "inside" : "outside", res.status, res.body.substr(0, 200));
        if (allowed) {
          EXPECT_GE(res.status, 200) << where;
          EXPECT_LT(res.status, 300) << where;
        } else {
          EXPECT_EQ(res.status, role.empty() ? 401 : 403) << where;
          EXPECT_EQ(json_of(res)["error"]["code"], role.empty() ? "auth.required" : "auth.forbidden")
              << where;
          EXPECT_EQ(count("events"), events_before) << "a denied request left an event: " << where;
        }
      }
    }
  }
}

TEST_P(Authorization, DepartmentScopedAdminCoversItsDepartmentOnly) {
  auto made = run_command(db(), Actor::system(), [&](Command& cmd) {
    return auth::create_account(
        cmd, {"deptadmin", "部门管理员", "", auth::GrantInput{"admin", {}, fx.dept_t1}, "x"});
  });
  ASSERT_TRUE(made.ok());
  fx.accounts["deptadmin"] = made->id;
  EXPECT_EQ(call("PATCH", fmt::format("/api/v1/departments/{}", fx.dept_t1), R"({"phone":"1"})", "deptadmin")
                .status,
            200);
  EXPECT_EQ(call("PATCH", fmt::format("/api/v1/departments/{}", fx.dept_t2), R"({"phone":"1"})", "deptadmin")
                .status,
            403);
  EXPECT_EQ(call("PATCH", fmt::format("/api/v1/regions/{}", fx.town1), R"({"name":"x"})", "deptadmin").status,
            403);
}

TEST_P(Authorization, OnlyCountyAdminsGrantSupervisorsAndTownAdminsCannotEscalate) {
  auto body = fmt::format(R"({{"role":"supervisor","region_id":{}}})", fx.county);
  auto path = fmt::format("/api/v1/accounts/{}/roles", fx.accounts["citizen"]);
  EXPECT_EQ(call("POST", path, body, "townadmin").status, 403);
  // A town admin cannot hand out a county-wide role, nor a supervisor role scoped to its own town.
  EXPECT_EQ(
      call("POST", path, fmt::format(R"({{"role":"admin","region_id":{}}})", fx.county), "townadmin").status,
      403);
  auto town_supervisor =
      call("POST", path, fmt::format(R"({{"role":"supervisor","region_id":{}}})", fx.town1), "townadmin");
  EXPECT_EQ(town_supervisor.status, 403);
  EXPECT_EQ(call("POST", path, body, "admin").status, 201);
  auto town_sup_by_admin =
      call("POST", path, fmt::format(R"({{"role":"supervisor","region_id":{}}})", fx.town1), "admin");
  EXPECT_EQ(town_sup_by_admin.status, 422);
  EXPECT_EQ(json_of(town_sup_by_admin)["error"]["code"], "role.invalid_scope");
}

FISHBOWL_BACKEND_SUITE(Authorization);

}  // namespace
}  // namespace fishbowl::testing
