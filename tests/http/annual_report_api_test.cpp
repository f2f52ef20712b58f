// The annual disclosure report: its figures counted from publications, licensing cases and information
// requests made on known days, the figures staff enter, the format's cross-checks, and who may enter them.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "disclosure/annual_report.h"
#include "disclosure/disclosure.h"
#include "disclosure/requests.h"
#include "support/sample_case.h"
#include "support/sample_guide.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

class AnnualReport : public ApiTest {
 protected:
  const WorkCalendar& cal = WorkCalendar::builtin();
  Actor staff() { return Actor{fx.accounts.at("staff"), "staff"}; }

  template <class F>
  auto at(const std::string& utc, F&& body) {
    auto r = run_command_at(db(), staff(), utc, std::forward<F>(body));
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r;
  }
  long long request(const std::string& utc, const std::string& type, const std::string& id_number) {
    disclosure::InfoRequestInput in;
    in.department_id = fx.dept_county;
    in.channel = "in_person";
    in.applicant = {type, "申请人", id_number, "", "13900003333", "", ""};
    in.description = "某文件";
    in.delivery = "pickup";
    auto r = at(utc, [&](Command& cmd) { return disclosure::file_info_request(cmd, cal, in); });
    return r ? r->request.id : 0;
  }
  void reply(const std::string& utc, long long id, const std::string& result, const std::string& reason) {
    (void)at(utc, [&](Command& cmd) {
      return disclosure::reply_info_request(cmd, id, {result, reason, "答复书", {}});
    });
  }
  // A publication in `column`, published at `utc` (an approver other than its author: the system).
  long long published(const std::string& utc, const std::string& column) {
    disclosure::PublicationInput in;
    in.department_id = fx.dept_county;
    in.column = column;
    in.formed_on = utc.substr(0, 10);
    in.title = "文件";
    in.body_html = "<p>正文</p>";
    auto p = run_command_at(db(), Actor::system(), utc, [&](Command& cmd) -> Result<disclosure::Publication> {
      auto made = disclosure::create_publication(cmd, cal, in);
      if (!made) return made;
      if (auto s = disclosure::submit_publication(cmd, made->id); !s) return s;
      return disclosure::approve_publication(cmd, made->id, "");
    });
    EXPECT_TRUE(p);
    return p ? p->id : 0;
  }
  nlohmann::json report(int year) {
    auto r = call("GET", fmt::format("/api/v1/annual-reports/{}?department_id={}", year, fx.dept_county));
    EXPECT_EQ(r.status, 200) << r.body;
    return json_of(r);
  }
  static const nlohmann::json& section(const nlohmann::json& report, int no) {
    for (const auto& s : report["sections"])
      if (s["no"] == no) return s;
    throw std::runtime_error("no section");
  }
  static nlohmann::json row(const nlohmann::json& report, const std::string& key) {
    for (const auto& r : section(report, 3)["rows"])
      if (r["key"] == key) return r["cells"];
    throw std::runtime_error("no row " + key);
  }
};

TEST_P(AnnualReport, RequestsAreCountedByApplicantAndResultAcrossTheYearEnd) {
  const char* person = "11010519491231002X";
  const char* company = "91350100M000100Y43";
  long long a = request("2025-12-19T02:00:00.000Z", "natural_person", person);  // replied in 2026
  reply("2026-01-09T02:00:00.000Z", a, "granted", "");
  long long b = request("2026-03-02T02:00:00.000Z", "commercial", company);
  reply("2026-03-20T02:00:00.000Z", b, "denied", "denied.state_secret");
  long long c = request("2026-04-01T02:00:00.000Z", "research", company);
  (void)at("2026-04-02T02:00:00.000Z", [&](Command& cmd) {
    return disclosure::request_supplement(cmd, cal, c, "请写明文号", "2026-04-10");
  });
  reply("2026-04-20T02:00:00.000Z", c, "other", "other.no_correction");
  request("2026-05-06T02:00:00.000Z", "natural_person", person);  // still open: carried forward

  auto y2026 = report(2026);
  EXPECT_EQ(row(y2026, "new_received")["natural_person"], 1);
  EXPECT_EQ(row(y2026, "new_received")["commercial"], 1);
  EXPECT_EQ(row(y2026, "new_received")["research"], 1);
  EXPECT_EQ(row(y2026, "new_received")["total"], 3);
  EXPECT_EQ(row(y2026, "carried_over")["natural_person"], 1);
  EXPECT_EQ(row(y2026, "granted")["natural_person"], 1);
  EXPECT_EQ(row(y2026, "denied.state_secret")["commercial"], 1);
  EXPECT_EQ(row(y2026, "other.no_correction")["research"], 1);
  EXPECT_EQ(row(y2026, "results_total")["total"], 3);
  EXPECT_EQ(row(y2026, "carry_forward")["natural_person"], 1);
  EXPECT_EQ(row(y2026, "carry_forward")["total"], 1);
  EXPECT_TRUE(row(y2026, "denied").is_null());  // a group label, without cells of its own
  for (const auto& check : y2026["checks"]) EXPECT_TRUE(check["ok"].get<bool>()) << check;

  auto y2025 = report(2025);
  EXPECT_EQ(row(y2025, "new_received")["total"], 1);
  EXPECT_EQ(row(y2025, "results_total")["total"], 0);
  EXPECT_EQ(row(y2025, "carry_forward")["natural_person"], 1);
}

TEST_P(AnnualReport, DocumentsAndLicensingDecisionsComeFromTheData) {
  published("2026-03-03T02:00:00.000Z", "rules");
  long long old = published("2025-06-03T02:00:00.000Z", "normative");
  published("2025-07-01T02:00:00.000Z", "normative");
  (void)at("2026-02-03T02:00:00.000Z",
           [&](Command& cmd) { return disclosure::change_validity(cmd, old, "repealed"); });
  published("2026-03-03T02:00:00.000Z", "licensing");  // another column: not in the table
  // One licensing decision this year on the department's item; a decision on a benefit item does not count.
  auto guide = sample_guide_json("建设工程许可");
  guide["kind"] = "行政许可";
  services::ItemInput in{"L1", fx.dept_county, fx.county, "county", services::parse_guide(guide).value()};
  auto item =
      run_command(db(), Actor::system(), [&](Command& cmd) { return services::create_item(cmd, in); });
  ASSERT_TRUE(item);
  CaseSetup licence;
  licence.item_id = item->id;
  licence.region_id = fx.county;
  make_case(db(), licence, Stage::decided);
  services::ItemInput benefit{"B1", fx.dept_county, fx.county, "county", sample_guide()};
  auto other =
      run_command(db(), Actor::system(), [&](Command& cmd) { return services::create_item(cmd, benefit); });
  CaseSetup grant = licence;
  grant.item_id = other->id;
  make_case(db(), grant, Stage::decided);

  auto y2026 = report(2026);
  const auto& tables = section(y2026, 2)["tables"];
  EXPECT_EQ(tables[0]["rows"][0]["cells"], nlohmann::json::array({1, 0, 1}));  // 规章
  EXPECT_EQ(tables[0]["rows"][1]["cells"], nlohmann::json::array({0, 1, 1}));  // 行政规范性文件
  auto now = report(static_cast<int>(china_today().year()));
  EXPECT_EQ(section(now, 2)["tables"][1]["rows"][0]["label"], "行政许可");
  EXPECT_EQ(section(now, 2)["tables"][1]["rows"][0]["cells"][0], 1);
  auto y2025 = report(2025);
  EXPECT_EQ(section(y2025, 2)["tables"][0]["rows"][1]["cells"], nlohmann::json::array({2, 0, 2}));

  // Section 1 counts what was published each year, by column in the catalogue's order, before the overview.
  const auto& figures = section(y2026, 1)["figures"];
  EXPECT_EQ(figures["published"], 2);
  EXPECT_EQ(figures["notices"], 0);
  ASSERT_EQ(figures["by_column"].size(), 2u);
  EXPECT_EQ(figures["by_column"][0]["column"], "rules");
  EXPECT_EQ(figures["by_column"][1]["column"], "licensing");
  EXPECT_EQ(figures["by_column"][1]["count"], 1);
  EXPECT_EQ(section(y2026, 1)["summary"],
            "本年度在本平台主动公开政府信息 2 条，其中公示 0 件，按公开目录栏目分类如下表。");
  EXPECT_EQ(section(report(2024), 1)["summary"], "本年度未在本平台主动公开政府信息。");
  EXPECT_EQ(section(y2025, 1)["figures"]["published"], 2);  // the repealed one counts in the year it came out
  auto html =
      call("GET", fmt::format("/api/v1/annual-reports/2026?department_id={}&format=html", fx.dept_county));
  EXPECT_NE(html.body.find("<tr><td class=\"label\">规章</td><td>第二十条第（一）项</td><td>1</td></tr>"),
            std::string::npos)
      << html.body;
}

TEST_P(AnnualReport, StaffEnterWhatTheSystemDoesNotHoldAndTheTotalsMustAddUp) {
  std::string path = fmt::format("/api/v1/annual-reports/2026/inputs?department_id={}", fx.dept_county);
  nlohmann::json inputs{
      {"overview", "本年度主动公开信息 12 条。"},
      {"penalties", 7},
      {"enforcement", 2},
      {"fees_wan", "3.25"},
      {"review", {{"upheld", 1}, {"corrected", 1}, {"other", 0}, {"pending", 1}, {"total", 3}}}};
  EXPECT_EQ(call("PUT", path, inputs.dump(), "citizen").status, 403);
  EXPECT_EQ(call("PUT", path, inputs.dump(), "townadmin").status, 403);
  EXPECT_EQ(call("PUT", path, inputs.dump()).status, 401);
  auto bad = inputs;
  bad["review"]["total"] = 4;
  auto refused = call("PUT", path, bad.dump(), "staff");
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(json_of(refused)["error"]["code"], "annual_report.check_failed");
  EXPECT_EQ(json_of(refused)["error"]["field"], "review.total");
  bad = inputs;
  bad["fees_wan"] = "3.2.5";
  EXPECT_EQ(json_of(call("PUT", path, bad.dump(), "staff"))["error"]["field"], "fees_wan");
  bad = inputs;
  bad["penalty"] = 1;
  EXPECT_EQ(json_of(call("PUT", path, bad.dump(), "staff"))["error"]["code"], "field.unknown");
  ASSERT_EQ(call("PUT", path, inputs.dump(), "staff").status, 200);

  auto r = report(2026);
  EXPECT_EQ(section(r, 1)["text"], "本年度主动公开信息 12 条。");
  EXPECT_EQ(section(r, 2)["tables"][2]["rows"][0]["cells"][0], 7);
  EXPECT_EQ(section(r, 2)["tables"][3]["rows"][0]["cells"][0], "3.25");
  EXPECT_EQ(section(r, 4)["groups"][0]["cells"], nlohmann::json::array({1, 1, 0, 1, 3}));
  EXPECT_EQ(section(r, 4)["groups"][1]["cells"], nlohmann::json::array({0, 0, 0, 0, 0}));

  auto html =
      call("GET", fmt::format("/api/v1/annual-reports/2026?department_id={}&format=html", fx.dept_county));
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.content_type.find("text/html"), std::string::npos);
  for (const char* part : {"2026年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", "行政复议",
                           "<td>3.25</td>", "本年度主动公开信息 12 条。"})
    EXPECT_NE(html.body.find(part), std::string::npos) << part;
}

TEST_P(AnnualReport, BadOrgansAndYearsAreRefused) {
  EXPECT_EQ(call("GET", "/api/v1/annual-reports/2026").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/annual-reports/2026?department_id=999999").status, 404);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/annual-reports/1999?department_id={}", fx.dept_county)).status,
            404);
  EXPECT_EQ(call("GET", fmt::format("/api/v1/annual-reports/2026?region_id={}", fx.town1)).status, 200);
}

FISHBOWL_BACKEND_SUITE(AnnualReport);

}  // namespace
}  // namespace fishbowl::testing
