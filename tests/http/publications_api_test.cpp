// Publications over HTTP: drafting, the confidentiality review, publication with an index number, new
// editions, withdrawal, validity, the 20-working-day deadline, and who may do each of these.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "auth/auth.h"
#include "core/crypto.h"

#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

class Publications : public ApiTest {
 protected:
  nlohmann::json draft(const std::string& title = "关于调整城乡低保标准的通知",
                       const std::string& formed_on = format_date(china_today())) {
    return {{"department_id", fx.dept_county},
            {"column", "social_assistance"},
            {"formed_on", formed_on},
            {"title", title},
            {"document_no", "测民发〔2026〕12号"},
            {"body_html", "<p>自 2026 年 1 月起，城乡低保标准提高。</p><script>alert(1)</script>"}};
  }
  long long create(const nlohmann::json& body, const std::string& as = "staff") {
    auto r = call("POST", "/api/v1/publications", body.dump(), as);
    EXPECT_EQ(r.status, 201) << r.body;
    return json_of(r).value("id", 0LL);
  }
  http::Response act(long long id, const std::string& action, const nlohmann::json& body,
                     const std::string& as) {
    return call("POST", fmt::format("/api/v1/publications/{}/{}", id, action), body.dump(), as);
  }
  nlohmann::json publish(long long id) {
    EXPECT_EQ(act(id, "submit", nlohmann::json::object(), "staff").status, 200);
    auto r = act(id, "approve", {{"note", "经审查不涉密"}}, "admin");
    EXPECT_EQ(r.status, 200) << r.body;
    return json_of(r);
  }
  std::string path(long long id) { return fmt::format("/api/v1/publications/{}", id); }
};

TEST_P(Publications, ADraftIsReviewedBySomeoneElseThenPublishedWithAnIndexNumber) {
  long long id = create(draft());
  auto mine = json_of(call("GET", path(id), "", "staff"));
  EXPECT_EQ(mine["state"], "draft");
  EXPECT_EQ(mine["index_no"], "");
  EXPECT_EQ(mine["latest"]["author_id"], fx.accounts["staff"]);
  // The body was cleaned on the way in.
  EXPECT_EQ(mine["latest"]["body_html"], "<p>自 2026 年 1 月起，城乡低保标准提高。</p>");
  // Before publication the public finds nothing, not even by search; a supervisor reads the draft.
  EXPECT_EQ(call("GET", path(id)).status, 404);
  EXPECT_EQ(json_of(call("GET", "/api/v1/search?q=%E4%BD%8E%E4%BF%9D"))["total"], 0);  // 低保
  EXPECT_EQ(call("GET", path(id), "", "supervisor").status, 200);
  EXPECT_EQ(call("GET", path(id), "", "citizen").status, 404);

  EXPECT_EQ(act(id, "approve", nlohmann::json::object(), "admin").status, 409);  // not submitted yet
  ASSERT_EQ(act(id, "submit", nlohmann::json::object(), "staff").status, 200);
  auto self = act(id, "approve", nlohmann::json::object(), "staff");
  EXPECT_EQ(self.status, 409);
  EXPECT_EQ(json_of(self)["error"]["code"], "publication.self_review");
  EXPECT_EQ(act(id, "approve", nlohmann::json::object(), "townadmin").status, 403);  // not over the county
  auto approved = act(id, "approve", {{"note", "经审查不涉密"}}, "admin");
  ASSERT_EQ(approved.status, 200) << approved.body;
  auto p = json_of(approved);
  std::string year = format_date(china_today()).substr(0, 4);
  EXPECT_EQ(p["state"], "published");
  EXPECT_EQ(p["index_no"], fmt::format("D001/{}-00001", year));
  EXPECT_EQ(p["published_on"], format_date(china_today()));
  EXPECT_EQ(p["latest"]["reviewer_id"], fx.accounts["admin"]);
  EXPECT_FALSE(p["late"].get<bool>());

  auto seen = json_of(call("GET", path(id)));
  EXPECT_EQ(seen["title"], "关于调整城乡低保标准的通知");
  EXPECT_EQ(seen["document_no"], "测民发〔2026〕12号");
  EXPECT_EQ(seen["organ"]["name"], "县民政局");
  EXPECT_EQ(seen["column_label"], "社会救助");
  EXPECT_FALSE(seen.contains("latest"));  // reviews stay inside
  auto hits = json_of(call("GET", "/api/v1/search?q=%E4%BD%8E%E4%BF%9D"));
  ASSERT_EQ(hits["total"], 1);
  EXPECT_EQ(hits["items"][0]["url"], fmt::format("/disclosure/publications/{}", id));
  EXPECT_EQ(hits["items"][0]["column"], "social_assistance");
  auto listed = json_of(call("GET", "/api/v1/publications?column=social_assistance"));
  ASSERT_EQ(listed["total"], 1);
  EXPECT_FALSE(listed["items"][0].contains("body_html"));

  // Numbers run per organ and year without gaps: a second publication takes the next one.
  long long second = create(draft("第二份通知"));
  EXPECT_EQ(publish(second)["index_no"], fmt::format("D001/{}-00002", year));

  // The ledger has the published text; before that only a commitment to it.
  auto events = json_of(call("GET", "/api/v1/events?type=publication.created", "", "supervisor"))["items"];
  ASSERT_GE(events.size(), 1u);
  EXPECT_FALSE(events[0]["payload"].contains("title"));
  EXPECT_EQ(events[0]["payload"]["content_sha256"].get<std::string>().size(), 64u);
  auto published =
      json_of(call("GET", "/api/v1/events?type=publication.published", "", "supervisor"))["items"];
  ASSERT_EQ(published.size(), 2u);
  EXPECT_EQ(published[0]["payload"]["title"], "关于调整城乡低保标准的通知");
  // The page names that event, for a printout to point to its ledger entry; a draft has none.
  EXPECT_EQ(seen["event_id"], published[0]["id"]);
  EXPECT_EQ(json_of(call("GET", path(second)))["event_id"], published[1]["id"]);
  EXPECT_TRUE(json_of(call("GET", path(create(draft("未发布"))), "", "staff"))["event_id"].is_null());
}

TEST_P(Publications, AReturnedDraftGoesBackToItsAuthorWithTheReviewersNote) {
  long long id = create(draft());
  ASSERT_EQ(act(id, "submit", nlohmann::json::object(), "staff").status, 200);
  auto no_note = act(id, "return", nlohmann::json::object(), "admin");
  EXPECT_EQ(no_note.status, 422);
  auto returned = json_of(act(id, "return", {{"note", "第二段涉及个人信息，请删除"}}, "admin"));
  EXPECT_EQ(returned["state"], "draft");
  EXPECT_EQ(returned["latest"]["state"], "returned");
  EXPECT_EQ(returned["latest"]["review_note"], "第二段涉及个人信息，请删除");
  auto body = draft();
  body.erase("department_id");
  body.erase("column");
  body.erase("formed_on");
  body["body_html"] = "<p>修改后的正文。</p>";
  auto edited = call("PUT", path(id), body.dump(), "staff");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(json_of(edited)["latest"]["edition"], 1);  // still the first edition: it was never published
  EXPECT_EQ(call("PUT", path(id), body.dump(), "staff").status, 409);  // unchanged
  EXPECT_EQ(publish(id)["state"], "published");
}

TEST_P(Publications, EditingAPublishedOneOpensTheNextEditionWhileTheOldOneStaysUp) {
  long long id = create(draft());
  publish(id);
  auto body = draft("关于调整城乡低保标准的通知（修订）");
  for (const char* k : {"department_id", "column", "formed_on"}) body.erase(k);
  auto edited = json_of(call("PUT", path(id), body.dump(), "staff"));
  EXPECT_EQ(edited["state"], "published");
  EXPECT_EQ(edited["latest"]["edition"], 2);
  EXPECT_EQ(edited["latest"]["state"], "draft");
  EXPECT_EQ(json_of(call("GET", path(id)))["title"], "关于调整城乡低保标准的通知");
  EXPECT_EQ(json_of(call("GET", path(id) + "/editions"))["items"].size(), 1u);  // drafts are not public
  publish(id);
  auto seen = json_of(call("GET", path(id)));
  EXPECT_EQ(seen["title"], "关于调整城乡低保标准的通知（修订）");
  EXPECT_EQ(seen["edition"], 2);
  auto published =
      json_of(call("GET", "/api/v1/events?type=publication.published", "", "supervisor"))["items"];
  ASSERT_EQ(published.size(), 2u);
  EXPECT_EQ(seen["event_id"], published[1]["id"]);  // the event of the live edition
  auto editions = json_of(call("GET", path(id) + "/editions"))["items"];
  ASSERT_EQ(editions.size(), 2u);
  EXPECT_EQ(editions[0]["state"], "superseded");
  EXPECT_EQ(editions[1]["state"], "published");
  EXPECT_FALSE(editions[0].contains("reviewer_id"));
  // The index number and the first publication date stay with the record.
  EXPECT_EQ(seen["index_no"], fmt::format("D001/{}-00001", format_date(china_today()).substr(0, 4)));
}

TEST_P(Publications, AWithdrawnPublicationStaysVisibleAsWithdrawnAndLeavesTheSearch) {
  // Its file, uploaded as the portal uploads a draft's files: the ledger names it only once published.
  nlohmann::json upload{{"department_id", fx.dept_county},
                        {"private", true},
                        {"file_name", "低保标准表.pdf"},
                        {"content_base64", base64(std::string("%PDF-1.4 standards"))}};
  auto stored = call("POST", "/api/v1/attachments", upload.dump(), "staff");
  ASSERT_EQ(stored.status, 201) << stored.body;
  std::string hash = json_of(stored)["sha256"];
  auto with_file = draft();
  for (int i = 0; i < 21; ++i)
    with_file["attachments"].push_back({{"sha256", hash}, {"name", fmt::format("附件{}.pdf", i + 1)}});
  auto too_many = json_of(call("POST", "/api/v1/publications", with_file.dump(), "staff"));
  EXPECT_EQ(too_many["error"]["code"], "field.out_of_range");  // at most 20 files
  EXPECT_EQ(too_many["error"]["field"], "attachments");
  with_file["attachments"] = {{{"sha256", hash}, {"name", "低保标准表.pdf"}}};
  long long id = create(with_file);
  auto uploaded = json_of(call("GET", "/api/v1/events?type=attachment.uploaded", "", "supervisor"))["items"];
  ASSERT_EQ(uploaded.size(), 1u);
  EXPECT_EQ(uploaded[0].dump().find(hash), std::string::npos);
  publish(id);
  EXPECT_EQ(json_of(call("GET", path(id)))["attachments"][0]["sha256"], hash);
  EXPECT_EQ(json_of(call("GET", path(id) + "/editions"))["items"][0]["attachments"].size(), 1u);
  EXPECT_EQ(act(id, "withdraw", nlohmann::json::object(), "admin").status, 422);
  EXPECT_EQ(act(id, "withdraw", {{"reason", "内容有误"}}, "citizen").status, 403);
  auto w = act(id, "withdraw", {{"reason", "内容有误，另行发布"}}, "admin");
  ASSERT_EQ(w.status, 200) << w.body;
  auto seen = json_of(call("GET", path(id)));
  EXPECT_EQ(seen["state"], "withdrawn");
  EXPECT_EQ(seen["withdrawn_reason"], "内容有误，另行发布");
  EXPECT_EQ(seen["body_html"], "");
  EXPECT_TRUE(seen["attachments"].empty());
  auto edition = json_of(call("GET", path(id) + "/editions"))["items"][0];
  EXPECT_EQ(edition["body_html"], "");
  EXPECT_TRUE(edition["attachments"].empty());
  EXPECT_EQ(json_of(call("GET", "/api/v1/search?q=%E4%BD%8E%E4%BF%9D"))["total"], 0);
  EXPECT_EQ(act(id, "withdraw", {{"reason", "再次"}}, "admin").status, 409);
  auto body = draft("撤回后再改");
  for (const char* k : {"department_id", "column", "formed_on"}) body.erase(k);
  EXPECT_EQ(call("PUT", path(id), body.dump(), "staff").status, 409);
}

TEST_P(Publications, AnEditionInReviewWhenTheRecordIsWithdrawnCannotBringItBack) {
  long long id = create(draft());
  publish(id);
  auto body = draft("关于调整城乡低保标准的通知（修订）");
  for (const char* k : {"department_id", "column", "formed_on"}) body.erase(k);
  ASSERT_EQ(call("PUT", path(id), body.dump(), "staff").status, 200);
  ASSERT_EQ(act(id, "submit", nlohmann::json::object(), "staff").status, 200);
  ASSERT_EQ(act(id, "withdraw", {{"reason", "政策已调整"}}, "admin").status, 200);
  for (const char* action : {"approve", "return"}) {
    auto r = act(id, action, {{"note", "同意"}}, "admin");
    EXPECT_EQ(r.status, 409) << action;
    EXPECT_EQ(json_of(r)["error"]["code"], "publication.wrong_state") << action;
  }
  auto seen = json_of(call("GET", path(id)));
  EXPECT_EQ(seen["state"], "withdrawn");
  EXPECT_EQ(seen["edition"], 1);
  EXPECT_EQ(json_of(call("GET", "/api/v1/search?q=%E4%BD%8E%E4%BF%9D"))["total"], 0);
}

TEST_P(Publications, NobodyWhoWroteChangedOrSubmittedAnEditionReviewsIt) {
  fx.accounts["staff2"] =
      run_command(db(), Actor::system(), [&](Command& cmd) {
        return auth::create_account(
            cmd, {"staff2", "staff2", "", auth::GrantInput{"staff", std::nullopt, fx.dept_county},
                  "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA"});
      })->id;
  long long id = create(draft());
  auto body = draft("关于调整城乡低保标准的通知（改稿）");
  for (const char* k : {"department_id", "column", "formed_on"}) body.erase(k);
  ASSERT_EQ(call("PUT", path(id), body.dump(), "staff2").status, 200);
  ASSERT_EQ(act(id, "submit", nlohmann::json::object(), "staff").status, 200);
  for (const char* who : {"staff", "staff2"}) {
    for (const char* action : {"approve", "return"}) {
      auto r = act(id, action, {{"note", "自审"}}, who);
      EXPECT_EQ(r.status, 409) << who << " " << action;
      EXPECT_EQ(json_of(r)["error"]["code"], "publication.self_review") << who << " " << action;
    }
  }
  // The next edition has writers of its own: the first one's submitter may review what another changed.
  ASSERT_EQ(act(id, "approve", {{"note", "不涉密"}}, "admin").status, 200);
  body["title"] = "第三稿";
  ASSERT_EQ(call("PUT", path(id), body.dump(), "staff2").status, 200);
  ASSERT_EQ(act(id, "submit", nlohmann::json::object(), "staff2").status, 200);
  auto approved = act(id, "approve", {{"note", "不涉密"}}, "staff");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(json_of(approved)["latest"]["reviewer_id"], fx.accounts["staff"]);
}

TEST_P(Publications, ValidityChangesOnAPublishedRecordOnly) {
  long long id = create(draft());
  EXPECT_EQ(act(id, "validity", {{"validity", "repealed"}}, "staff").status, 409);
  publish(id);
  EXPECT_EQ(act(id, "validity", {{"validity", "void"}}, "staff").status, 422);
  auto r = act(id, "validity", {{"validity", "repealed"}}, "staff");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json_of(r)["validity"], "repealed");
  EXPECT_EQ(json_of(call("GET", "/api/v1/publications?validity=repealed"))["total"], 1);
  EXPECT_EQ(json_of(call("GET", "/api/v1/publications?validity=valid"))["total"], 0);
}

TEST_P(Publications, InformationIsDueTwentyWorkingDaysAfterItWasFormedAndLateOnesAreFlagged) {
  // 2026-01-05 is a Monday; the twenty working days after it end on Monday 2 February.
  long long late = create(draft("迟发的通知", "2026-01-05"));
  auto p = json_of(call("GET", path(late), "", "staff"));
  EXPECT_EQ(p["due_on"], "2026-02-02");
  EXPECT_TRUE(p["late"].get<bool>());
  long long on_time = create(draft("及时的通知"));
  auto desk =
      json_of(call("GET", fmt::format("/api/v1/publications/desk?department_id={}&late=true", fx.dept_county),
                   "", "staff"));
  ASSERT_EQ(desk["total"], 1);
  EXPECT_EQ(desk["items"][0]["id"], late);
  publish(late);
  publish(on_time);
  EXPECT_TRUE(json_of(call("GET", path(late)))["late"].get<bool>());
  EXPECT_FALSE(json_of(call("GET", path(on_time)))["late"].get<bool>());
  EXPECT_EQ(json_of(call("GET", "/api/v1/publications/desk?late=true", "", "supervisor"))["total"], 1);
}

TEST_P(Publications, TheDeadlineSkipsHolidaysAndCountsTheirMakeUpWorkingDays) {
  // From Friday 26 September 2025: Sunday the 28th is worked, 1–8 October are not, Saturday the 11th is.
  EXPECT_EQ(json_of(call("GET", path(create(draft("国庆前形成", "2025-09-26"))), "", "staff"))["due_on"],
            "2025-10-30");
  // From Friday 6 February 2026 across the Spring Festival (15–23 February; the 14th and 28th are worked).
  EXPECT_EQ(json_of(call("GET", path(create(draft("春节前形成", "2026-02-06"))), "", "staff"))["due_on"],
            "2026-03-12");
}

TEST_P(Publications, OnlyTheOrgansOwnPeopleDraftAndBadInputIsNamed) {
  EXPECT_EQ(call("POST", "/api/v1/publications", draft().dump()).status, 401);
  for (const char* who : {"citizen", "agent", "supervisor", "townadmin"})
    EXPECT_EQ(call("POST", "/api/v1/publications", draft().dump(), who).status, 403) << who;
  auto town = draft();
  town.erase("department_id");
  town["region_id"] = fx.town1;
  EXPECT_EQ(call("POST", "/api/v1/publications", town.dump(), "staff").status, 403);
  auto by_town = call("POST", "/api/v1/publications", town.dump(), "townadmin");
  ASSERT_EQ(by_town.status, 201) << by_town.body;
  EXPECT_EQ(json_of(by_town)["organ"]["name"], "一镇人民政府");
  EXPECT_EQ(
      call("GET", "/api/v1/publications/desk?region_id=" + std::to_string(fx.town1), "", "staff").status,
      403);

  struct Bad {
    std::string field;
    nlohmann::json value;
    std::string code;
  };
  for (const auto& b : std::vector<Bad>{
           {"column", "gossip", "publication.invalid_column"},
           {"column", "rural_policy",
            "publication.invalid_column"},  // towns only; this is a county department
           {"formed_on", "2999-01-01", "publication.invalid_formed_on"},
           {"formed_on", "2026-13-01", "publication.invalid_formed_on"},
           {"body_html", "<script>x</script>", "publication.empty_body"},
           {"body_html", 5, "field.wrong_type"},
           {"attachments", nlohmann::json::array({{{"sha256", std::string(64, 'a')}, {"name", "附件.pdf"}}}),
            "attachment.not_found"},
           {"title", "", "field.required"},
       }) {
    auto body = draft();
    body[b.field] = b.value;
    auto r = call("POST", "/api/v1/publications", body.dump(), "staff");
    EXPECT_EQ(r.status, 422) << b.field << " " << r.body;
    EXPECT_EQ(json_of(r)["error"]["code"], b.code) << b.field;
  }
  auto both = draft();
  both["region_id"] = fx.county;
  EXPECT_EQ(call("POST", "/api/v1/publications", both.dump(), "admin").status, 422);
  EXPECT_EQ(count("publications"), 1);  // the town's, and nothing from the refused ones
}

TEST_P(Publications, ReadersPageOnByCursorAndTakeFeedsAndTheWholeSetAsJsonLines) {
  std::vector<long long> ids;
  for (const char* t : {"一号通知", "二号通知 <A&B>", "三号通知"}) {
    ids.push_back(create(draft(t)));
    publish(ids.back());
  }
  act(ids[0], "withdraw", {{"reason", "重复发布"}}, "admin");
  auto first = json_of(call("GET", "/api/v1/publications?page_size=2"));
  ASSERT_EQ(first["items"].size(), 2u);
  EXPECT_EQ(first["items"][0]["id"], ids[2]);  // newest first
  ASSERT_TRUE(first["next_cursor"].is_string());
  // A publication that appears meanwhile does not shift the next page.
  publish(create(draft("四号通知")));
  auto second = json_of(
      call("GET", "/api/v1/publications?page_size=2&cursor=" + first["next_cursor"].get<std::string>()));
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(second["items"][0]["id"], ids[0]);
  EXPECT_TRUE(second["next_cursor"].is_null());
  for (const char* bad : {"x", "2026-13-01_1", "2026-01-01_", "2026-01-01_1a", "2026-01-01-5"}) {
    auto r = call("GET", std::string("/api/v1/publications?cursor=") + bad);
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(json_of(r)["error"]["code"], "query.invalid_cursor") << bad;
  }

  auto atom = call("GET", fmt::format("/api/v1/publications/feed.atom?department_id={}", fx.dept_county));
  ASSERT_EQ(atom.status, 200) << atom.body;
  EXPECT_EQ(atom.content_type, "application/atom+xml; charset=utf-8");
  EXPECT_NE(atom.body.find("<title>二号通知 &lt;A&amp;B&gt;</title>"), std::string::npos) << atom.body;
  EXPECT_NE(atom.body.find(fmt::format("<id>urn:fishbowl:publication:{}</id>", ids[1])), std::string::npos);
  EXPECT_NE(atom.body.find("<summary>已撤回：重复发布</summary>"), std::string::npos);
  EXPECT_NE(atom.body.find("<content type=\"html\">&lt;p&gt;"), std::string::npos);
  // Each feed is titled by what it holds and links the portal's list with the same filters.
  EXPECT_NE(atom.body.find("<title>政务公开 · 县民政局</title>"), std::string::npos);
  EXPECT_NE(atom.body.find(fmt::format("<link rel=\"alternate\" href=\"/disclosure?department_id={}\"/>",
                                       fx.dept_county)),
            std::string::npos);
  auto column = call("GET", "/api/v1/publications/feed.atom?column=social_assistance&level=county").body;
  EXPECT_NE(column.find("<title>政务公开 · 县级 · 社会救助</title>"), std::string::npos) << column;
  EXPECT_NE(column.find(fmt::format("<id>urn:fishbowl:publication:{}</id>", ids[2])), std::string::npos);
  EXPECT_NE(column.find("href=\"/disclosure?column=social_assistance&amp;level=county\""), std::string::npos);
  EXPECT_EQ(
      call("GET", "/api/v1/publications/feed.atom?column=social_assistance&level=town").body.find("<entry>"),
      std::string::npos);

  auto lines = call("GET", "/api/v1/publications/export.jsonl");
  ASSERT_EQ(lines.status, 200);
  std::vector<nlohmann::json> rows;
  std::size_t at = 0;
  while (at < lines.body.size()) {
    auto end = lines.body.find('\n', at);
    rows.push_back(nlohmann::json::parse(lines.body.substr(at, end - at)));
    at = end + 1;
  }
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[3]["id"], ids[0]);
  EXPECT_EQ(rows[3]["state"], "withdrawn");
  EXPECT_EQ(rows[3]["body_html"], "");
  EXPECT_FALSE(rows[0]["body_html"].get<std::string>().empty());
}

// A region's government publishes too, so it stores its own attachments; a town's admin only for that town.
TEST_P(Publications, AnOrgansGuideCountsWhatTheOrganPublishedItselfByColumn) {
  publish(create(draft("一号通知")));
  publish(create(draft("二号通知")));
  auto plan = draft("年度工作计划");
  plan["column"] = "plans";
  long long withdrawn = create(plan);
  publish(withdrawn);
  act(withdrawn, "withdraw", {{"reason", "重复发布"}}, "admin");  // still listed, as withdrawn
  create(draft("未发布的草稿"));
  auto government = draft("镇政府通知");
  government.erase("department_id");
  government["region_id"] = fx.town1;
  long long town = create(government, "townadmin");
  ASSERT_EQ(act(town, "submit", nlohmann::json::object(), "townadmin").status, 200);
  ASSERT_EQ(act(town, "approve", {{"note", "经审查不涉密"}}, "admin").status, 200);

  auto dept =
      json_of(call("GET", fmt::format("/api/v1/disclosure/columns/counts?department_id={}", fx.dept_county)));
  EXPECT_EQ(dept["total"], 3);
  ASSERT_EQ(dept["items"].size(), 2u);
  EXPECT_EQ(dept["items"][0],
            (nlohmann::json{{"column", "plans"}, {"count", 1}}));  // in the catalogue's order
  EXPECT_EQ(dept["items"][1], (nlohmann::json{{"column", "social_assistance"}, {"count", 2}}));
  // A government alone, without the departments seated with it.
  auto county =
      json_of(call("GET", fmt::format("/api/v1/disclosure/columns/counts?region_id={}", fx.county)));
  EXPECT_EQ(county["total"], 0);
  EXPECT_EQ(county["items"].size(), 0u);
  auto town_counts =
      json_of(call("GET", fmt::format("/api/v1/disclosure/columns/counts?region_id={}", fx.town1)));
  EXPECT_EQ(town_counts["total"], 1);

  for (const std::string& bad :
       {std::string(""), fmt::format("department_id={}&region_id={}", fx.dept_county, fx.county)})
    EXPECT_EQ(json_of(call("GET", "/api/v1/disclosure/columns/counts?" + bad))["error"]["code"],
              "query.required");
  EXPECT_EQ(json_of(call("GET", "/api/v1/disclosure/columns/counts?department_id=999999"))["error"]["code"],
            "department.not_found");
}

TEST_P(Publications, ARegionsGovernmentStoresItsOwnAttachments) {
  auto body = [&](nlohmann::json organ) {
    organ["file_name"] = "公告.pdf";
    organ["content_base64"] = base64(std::string("%PDF-1.4 town notice"));
    return organ.dump();
  };
  auto stored = call("POST", "/api/v1/attachments", body({{"region_id", fx.town1}}), "townadmin");
  ASSERT_EQ(stored.status, 201) << stored.body;
  EXPECT_EQ(call("POST", "/api/v1/attachments", body({{"region_id", fx.town2}}), "townadmin").status, 403);
  auto neither = call("POST", "/api/v1/attachments", body(nlohmann::json::object()), "admin");
  EXPECT_EQ(neither.status, 422);
  EXPECT_EQ(json_of(neither)["error"]["field"], "department_id");
  auto both = call("POST", "/api/v1/attachments",
                   body({{"region_id", fx.town1}, {"department_id", fx.dept_t1}}), "admin");
  EXPECT_EQ(both.status, 422);
  EXPECT_EQ(
      json_of(call("POST", "/api/v1/attachments", body({{"region_id", 999999}}), "admin"))["error"]["code"],
      "region.not_found");
}

FISHBOWL_BACKEND_SUITE(Publications);

}  // namespace
}  // namespace fishbowl::testing
