// The catalogue as a spreadsheet: what is exported imports back unchanged, edits become new versions, and a
// sheet with any bad row is refused whole, with every problem listed where it is.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/crypto.h"
#include "services/item_sheet.h"
#include "support/sample_guide.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

class ItemSheet : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    auto guide = sample_guide_json("最低生活保障审批");
    guide["life_events"] = {"困难救助"};
    create("S001", fx.dept_county, fx.county, "county", guide);
    auto paid = sample_guide_json("居民身份证申领");
    paid["fees"] = {{{"name", "工本费"}, {"amount", "20"}, {"basis", "《关于居民身份证收费标准的通知》"}}};
    paid["materials"][1]["note"] = "原件核验|复印件留存";  // the separator inside the last part survives
    create("T001", fx.dept_t1, fx.town1, "town", paid);
  }

  void create(const std::string& code, long long dept, long long region, const std::string& level,
              const nlohmann::json& guide) {
    nlohmann::json body{{"item_code", code},
                        {"department_id", dept},
                        {"region_id", region},
                        {"level", level},
                        {"guide", guide}};
    auto r = call("POST", "/api/v1/service-items", body.dump(), "admin");
    ASSERT_EQ(r.status, 201) << r.body;
  }

  Sheet exported(const std::string& format) {
    auto r = call("GET", "/api/v1/service-items/export?format=" + format);
    EXPECT_EQ(r.status, 200) << r.body;
    auto sheet = read_sheet(r.body);
    EXPECT_TRUE(sheet) << sheet.error().message;
    return sheet ? *sheet : Sheet{};
  }

  services::ImportResult import(const Sheet& sheet, bool dry_run = false) {
    auto r = services::import_items(db(), Actor::system(), sheet, dry_run);
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : services::ImportResult{};
  }

  static std::size_t column(const std::string& heading) {
    const auto& h = services::sheet_columns();
    return static_cast<std::size_t>(std::find(h.begin(), h.end(), heading) - h.begin());
  }
};

TEST_P(ItemSheet, WhatIsExportedImportsBackUnchangedInBothFormats) {
  for (const char* format : {"csv", "xlsx"}) {
    Sheet sheet = exported(format);
    ASSERT_EQ(sheet.rows.size(), 3u) << format;
    EXPECT_EQ(sheet.rows[0].cells, services::sheet_columns());
    const auto& paid = sheet.rows[2].cells;
    EXPECT_EQ(paid[column("事项编码")], "T001");
    EXPECT_EQ(paid[column("层级")], "乡镇级");
    EXPECT_EQ(paid[column("实施区划代码")], "999901001");
    EXPECT_EQ(paid[column("主管部门编码")], "D101");
    EXPECT_EQ(paid[column("收费")], "工本费|20|《关于居民身份证收费标准的通知》");
    EXPECT_EQ(
        paid[column("申请材料")],
        "居民身份证|必要|原件|1|公安机关核发|\n收入证明|非必要|复印件|2|申请人自备|原件核验|复印件留存");
    EXPECT_EQ(sheet.rows[1].cells[column("人生事件")], "困难救助");

    long long events = count("events");
    auto r = import(sheet);
    EXPECT_TRUE(r.problems.empty()) << r.problems[0].message;
    EXPECT_EQ(r.unchanged, 2) << format;
    EXPECT_EQ(r.created + r.revised, 0);
    EXPECT_FALSE(r.applied);
    EXPECT_EQ(count("events"), events);
  }
}

TEST_P(ItemSheet, AnEditedRowIsANewVersionAndANewCodeANewItem) {
  Sheet sheet = exported("csv");
  sheet.rows[1].cells[column("承诺时限（工作日）")] = "10";
  SheetRow added = sheet.rows[1];
  added.line = 4;
  added.cells[column("事项编码")] = "S002";
  added.cells[column("事项名称")] = "临时救助";
  added.cells[column("收费")] = "免费";
  added.cells[column("人生事件")] = "困难救助，就医";
  sheet.rows.push_back(added);

  auto dry = import(sheet, true);
  EXPECT_EQ(dry.created, 1);
  EXPECT_EQ(dry.revised, 1);
  EXPECT_FALSE(dry.applied);
  EXPECT_EQ(count("service_items"), 2);

  int reported = 0;
  auto r =
      services::import_items(db(), Actor::system(), sheet, false, [&](std::size_t done, std::size_t total) {
        EXPECT_LE(done, total);
        reported = static_cast<int>(done);
      });
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->applied);
  EXPECT_EQ(r->created, 1);
  EXPECT_EQ(r->revised, 1);
  EXPECT_EQ(r->unchanged, 1);
  EXPECT_EQ(reported, 3);
  auto page = json_of(call("GET", "/api/v1/service-items?q=S00"))["items"];
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0]["version"], 2);
  EXPECT_EQ(page[0]["guide"]["promised_days"], 10);
  EXPECT_EQ(page[1]["guide"]["name"], "临时救助");
  EXPECT_EQ(page[1]["guide"]["life_events"], nlohmann::json({"困难救助", "就医"}));
  EXPECT_EQ(
      json_of(call("GET", "/api/v1/events?type=service_item.revised", "", "supervisor"))["items"].size(), 1u);
}

TEST_P(ItemSheet, EveryBadRowIsListedAndNothingIsImported) {
  Sheet sheet = exported("csv");
  auto row = [&](int line, const std::string& code, const std::string& heading, const std::string& value) {
    SheetRow r = sheet.rows[1];
    r.line = line;
    r.cells[column("事项编码")] = code;
    if (!heading.empty()) r.cells[column(heading)] = value;
    return r;
  };
  std::vector<SheetRow> rows{
      row(103, "N001", "", ""),  // good, but must not be stored
      row(104, "N002", "实施区划代码", "000000"),
      row(105, "N003", "层级", "省级"),
      row(106, "N004", "法定时限（工作日）", "三十"),
      row(107, "N005", "申请材料", "身份证|必要|原件|很多份"),
      row(108, "N006", "承诺时限（工作日）", "99"),
      row(109, "N001", "", ""),
      row(110, "N007", "网上办理", "可以"),
      row(111, "N008", "人生事件", "登月"),
      row(112, "N009", "事项名称", ""),
      row(113, "N010", "主管部门编码", "D201"),  // a town's department cannot own a county item
  };
  sheet.rows.insert(sheet.rows.end(), rows.begin(), rows.end());
  sheet.rows[2].cells[column("实施区划代码")] = "999901002";  // T001 may not move to another town
  // Rows are numbered as a spreadsheet shows them, though the cells above hold several lines each.
  int moved = sheet.rows[2].line;
  EXPECT_EQ(moved, 3);

  long long items = count("service_items"), events = count("events");
  auto r = import(sheet);
  EXPECT_FALSE(r.applied);
  EXPECT_EQ(count("service_items"), items);
  EXPECT_EQ(count("events"), events);
  std::vector<std::tuple<int, std::string, std::string>> expected{
      {moved, "", "已有事项的主管部门、实施区划和层级不能通过导入改变"},
      {104, "实施区划代码", "没有这个代码的行政区划"},
      {105, "层级", "应为“县级”“乡镇级”或“村级”"},
      {106, "法定时限（工作日）", "应为整数"},
      {107, "申请材料", "第 1 项：份数应为 0 到 99 的整数"},
      {108, "承诺时限（工作日）", "承诺时限不能长于法定时限"},
      {109, "事项编码", "与第 103 行的事项编码重复"},
      {110, "网上办理", "应为“是”或“否”"},
      {111, "人生事件", "life_events 只能取平台列出的人生事件、企业事件"},
      {112, "事项名称", "不能为空"},
      {113, "实施区划代码", "实施区划不在主管部门的辖区内"}};
  std::vector<std::tuple<int, std::string, std::string>> got;
  for (const auto& p : r.problems) got.emplace_back(p.line, p.column, p.message);
  EXPECT_EQ(got, expected);
}

TEST_P(ItemSheet, ASheetWithoutTheRightHeadingsIsRefusedAtLineOne) {
  Sheet sheet = exported("csv");
  sheet.rows[0].cells[column("受理条件")] = "申请条件";
  auto r = import(sheet);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].line, 1);
  EXPECT_EQ(r.problems[0].column, "申请条件");
  EXPECT_EQ(r.problems[1].column, "受理条件");
  EXPECT_EQ(r.problems[1].message, "缺少这一列");
  EXPECT_EQ(import(Sheet{{sheet.rows[0]}}).problems.size(), 1u);  // headings only: no items
}

TEST_P(ItemSheet, TheExportTakesFiltersAndRefusesBadOnes) {
  auto town = call("GET", fmt::format("/api/v1/service-items/export?format=csv&region_id={}", fx.town1));
  ASSERT_EQ(town.status, 200);
  EXPECT_EQ(town.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(read_csv(town.body)->rows.size(), 2u);
  auto xlsx = call("GET", "/api/v1/service-items/export");
  EXPECT_EQ(xlsx.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(call("GET", "/api/v1/service-items/export?format=pdf").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/service-items/export?region_id=x").status, 422);
}

TEST_P(ItemSheet, ACountyAdminImportsThroughTheApi) {
  Sheet sheet = exported("csv");
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : sheet.rows) rows.push_back(r.cells);
  rows[1][column("承诺时限（工作日）")] = "12";
  auto body = [&](const std::string& bytes, bool dry_run) {
    return nlohmann::json{{"file_name", "目录.csv"}, {"content_base64", base64(bytes)}, {"dry_run", dry_run}}
        .dump();
  };
  std::string csv = write_csv(rows);
  auto bytes = write_xlsx(rows, "事项");
  ASSERT_TRUE(bytes);

  EXPECT_EQ(call("POST", "/api/v1/service-items/import", body(csv, false), "staff").status, 403);
  EXPECT_EQ(call("POST", "/api/v1/service-items/import", body(csv, false), "townadmin").status, 403);
  auto dry = call("POST", "/api/v1/service-items/import", body(*bytes, true), "admin");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(json_of(dry)["revised"], 1);
  EXPECT_EQ(json_of(dry)["applied"], false);
  auto done = call("POST", "/api/v1/service-items/import", body(*bytes, false), "admin");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(json_of(done)["applied"], true);
  EXPECT_EQ(json_of(call("GET", "/api/v1/service-items?q=S001"))["items"][0]["guide"]["promised_days"], 12);

  rows[2][column("网上办理")] = "也许";
  auto bad = call("POST", "/api/v1/service-items/import", body(write_csv(rows), false), "admin");
  ASSERT_EQ(bad.status, 422);
  auto j = json_of(bad);
  EXPECT_EQ(j["error"]["code"], "service_item.bad_rows");
  ASSERT_EQ(j["problems"].size(), 1u);
  EXPECT_EQ(j["problems"][0]["column"], "网上办理");
  EXPECT_EQ(json_of(call("GET", "/api/v1/service-items?q=S001"))["items"][0]["version"], 2);

  auto not_base64 = call("POST", "/api/v1/service-items/import", R"({"content_base64":"***"})", "admin");
  EXPECT_EQ(not_base64.status, 422);
  EXPECT_EQ(json_of(not_base64)["error"]["field"], "content_base64");
  auto not_a_sheet = call("POST", "/api/v1/service-items/import", body("PK\x03\x04junk", false), "admin");
  EXPECT_EQ(not_a_sheet.status, 422);
  EXPECT_EQ(json_of(not_a_sheet)["error"]["code"], "sheet.invalid");
}

FISHBOWL_BACKEND_SUITE(ItemSheet);

}  // namespace
}  // namespace fishbowl::testing
