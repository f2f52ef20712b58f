#include <gtest/gtest.h>

#include "app/demo.h"
#include "auth/auth.h"
#include "cases/ratings.h"
#include "core/clock.h"
#include "core/sheet.h"
#include "hotline/figures.h"
#include "hotline/knowledge.h"
#include "org/org.h"
#include "services/attachments.h"
#include "services/services.h"
#include "support/test_db.h"

namespace fishbowl::testing {
namespace {

using Demo = BackendTest;

services::ItemQuery items_query(std::optional<std::string> level, std::optional<long long> region, int page) {
  services::ItemQuery q;
  q.level = std::move(level);
  q.region_id = region;
  q.page = page;
  q.page_size = 200;
  return q;
}

std::string fingerprint(Database& db) {
  std::string out;
  for (const auto& r : org::list_regions(db).value()) out += r.code + r.name + "|";
  for (const auto& d : org::list_departments(db, std::nullopt).value()) out += d.code + d.name + "|";
  for (const auto& a : auth::list_accounts(db, "").value()) out += a.login + a.display_name + "|";
  for (int page = 1; page <= 10; ++page)
    for (const auto& i : services::list_items(db, items_query({}, {}, page)).value().items)
      out += i.item_code + services::to_json(i.guide).dump() + "|";
  return out;
}

TEST_P(Demo, HasTheShapeOfACountyAndIsDeterministic) {
  auto r = create_demo_county(db());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->towns, 10);
  EXPECT_EQ(r->villages, 100);
  EXPECT_EQ(r->departments, 36);
  auto regions = org::list_regions(db()).value();
  EXPECT_EQ(regions.size(), 111u);
  auto points = org::list_service_points(db(), std::nullopt).value();
  int halls = 0, centers = 0, rooms = 0;
  for (const auto& p : points) {
    halls += p.kind == "hall";
    centers += p.kind == "center";
    rooms += p.kind == "room";
    EXPECT_FALSE(p.hours.empty()) << p.name;
  }
  EXPECT_EQ(halls, 1);
  EXPECT_EQ(centers, 10);
  EXPECT_EQ(rooms, 100);

  auto accounts = auth::list_accounts(db(), "").value();
  std::map<std::string, int> by_role;
  std::set<long long> villages_with_agent, departments_with_staff;
  for (const auto& a : accounts)
    for (const auto& g : a.roles) {
      by_role[g.role]++;
      if (g.role == "agent") villages_with_agent.insert(*g.region_id);
      if (g.role == "staff" && g.department_id) departments_with_staff.insert(*g.department_id);
    }
  EXPECT_EQ(by_role["supervisor"], 18);
  EXPECT_EQ(villages_with_agent.size(), 100u);
  EXPECT_EQ(departments_with_staff.size(), 36u);
  EXPECT_GE(by_role["admin"], 1);
  EXPECT_NE(r->summary.find("qinghe-admin-2026"), std::string::npos);

  // The catalogue: 745 county items over all 36 departments, 107 at each town center, the agents' errands.
  EXPECT_EQ(r->items.county, 745);
  EXPECT_EQ(r->items.town, 1070);
  EXPECT_GE(r->items.village, 10);
  auto county_items = services::list_items(db(), items_query("county", {}, 1)).value();
  EXPECT_EQ(county_items.total, 745);
  std::set<long long> owners;
  for (int page = 1; page <= 4; ++page)
    for (const auto& i : services::list_items(db(), items_query("county", {}, page)).value().items)
      owners.insert(i.department_id);
  EXPECT_EQ(owners.size(), 36u);
  for (const auto& town : org::list_regions(db(), regions[0].id).value())
    EXPECT_EQ(services::list_items(db(), items_query("town", town.id, 1)).value().total, 107) << town.name;
  auto errands = services::list_items(db(), items_query("village", {}, 1)).value().items;
  ASSERT_EQ(static_cast<int>(errands.size()), r->items.village);
  for (const auto& e : errands) EXPECT_TRUE(e.guide.by_agent) << e.guide.name;

  // Benefit items link the blank application form, readable as a spreadsheet; other kinds link none.
  services::ItemQuery benefits;
  benefits.kind = "行政给付";
  benefits.page_size = 1000;
  auto benefit_items = services::list_items(db(), benefits).value().items;
  ASSERT_FALSE(benefit_items.empty());
  for (const auto& item : benefit_items) {
    const auto& form = item.guide.materials.at(1).blank_form;
    ASSERT_TRUE(form) << item.guide.name;
    auto stored = services::read_attachment(db(), form->sha256);
    ASSERT_TRUE(stored) << item.guide.name;
    auto sheet = read_xlsx(stored->second);
    ASSERT_TRUE(sheet);
    EXPECT_EQ(sheet->rows.at(0).cells.at(0) + ".xlsx", form->file_name);
  }
  for (const auto& item : county_items.items) {
    if (item.guide.kind != "行政给付") {
      EXPECT_FALSE(item.guide.materials.at(1).blank_form) << item.guide.name;
    }
  }

  // The printed password opens the printed account.
  auto s = auth::login(db(), "admin", "qinghe-admin-2026");
  EXPECT_TRUE(s.ok());

  auto again = create_demo_county(db());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "demo.not_empty");

  auto other = fresh_database(GetParam());
  ASSERT_TRUE(create_demo_county(*other->db).ok());
  EXPECT_EQ(fingerprint(db()), fingerprint(*other->db));
}

TEST_P(Demo, HasWeeksOfCasesInEveryStateAndMostlySatisfiedApplicants) {
  auto r = create_demo_county(db());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->cases.cases, 60);
  auto today = china_today();
  std::set<std::string> states;
  int overdue = 0;
  for (int page = 1;; ++page) {
    cases::CaseQuery q;
    q.page = page;
    auto p = cases::list_cases(db(), q, today).value();
    for (const auto& c : p.items) {
      states.insert(c.state);
      overdue += cases::is_overdue(c, today);
      EXPECT_EQ(c.channel, "proxy");
    }
    if (p.items.size() < static_cast<std::size_t>(q.page_size)) break;
  }
  for (const char* s : {"submitted", "awaiting_supplement", "accepted", "in_review", "completed", "refused"})
    EXPECT_TRUE(states.count(s)) << s;
  EXPECT_GT(overdue, 0);  // cases left in a room for weeks
  auto figures = cases::satisfaction_figures(db(), today).value();
  EXPECT_GT(figures["county"]["rated"].get<int>(), 5);
  EXPECT_GE(figures["county"]["satisfied_rate"].get<double>(), 0.85);
  EXPECT_GE(figures["county"]["follow_ups_open"].get<int>(), 1);
  // The hotline's two months: at least 85 % of the callbacks satisfied or basically satisfied.
  hotline::Tally calls;
  std::chrono::year_month month = today.year() / today.month();
  for (int back = 0; back < 3; ++back)
    calls += hotline::month_total(db(), month - std::chrono::months{back}, now_utc()).value();
  long long evaluated = calls.satisfied + calls.basically_satisfied + calls.unsatisfied;
  EXPECT_GT(evaluated, 20);
  EXPECT_GE(static_cast<double>(calls.satisfied + calls.basically_satisfied),
            0.85 * static_cast<double>(evaluated));
  EXPECT_GE(hotline::list_knowledge(db(), std::nullopt, true, today, 1, 50).value().total, 12);
  // The sample in the summary can be tracked with the digits printed beside it.
  ASSERT_FALSE(r->cases.sample_case_no.empty());
  auto sample = cases::track_case(db(), r->cases.sample_case_no, r->cases.sample_last4);
  ASSERT_TRUE(sample.ok());
  EXPECT_EQ(sample->state, "completed");
  EXPECT_NE(r->summary.find(r->cases.sample_case_no), std::string::npos);
}

FISHBOWL_BACKEND_SUITE(Demo);

}  // namespace
}  // namespace fishbowl::testing
