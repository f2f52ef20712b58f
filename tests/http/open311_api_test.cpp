// The hotline's Open311 GeoReport v2 interface over HTTP: every method in .xml and .json, the spec's errors
// and their statuses, the filters and limits of GET requests, time zones, and that public reads carry no
// personal data. Keys are issued and revoked by county admins.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "hotline/hotline.h"
#include "hotline/open311.h"
#include "storage/row.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";
const char* const kFormats[] = {"xml", "json"};

class Open311 : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_TRUE(run_command(db(), Actor::system(), [&](Command& cmd) {
      return hotline::set_center_department(cmd, fx.dept_county);
    }));
    auto issued = call("POST", "/api/v1/open311/keys", R"({"name":"随手拍小程序"})", "admin");
    ASSERT_EQ(issued.status, 201) << issued.body;
    key = json_of(issued)["key"];
    key_id = json_of(issued)["id"];
  }

  http::Response post(const std::string& format, const std::string& body) {
    return call("POST", "/open311/v2/requests." + format, body, "", true, kForm);
  }
  std::string light_request(const std::string& extra = "") {
    return "api_key=" + key +
           "&service_code=street_light&lat=34.1234&long=108.5678&address_string=%E4%B8%9C%E5%85%B3%E6%9D%91"
           "%E5%8F%A3&description=%E8%B7%AF%E7%81%AF%E4%B8%8D%E4%BA%AE&attribute[fault]=not_lit" +
           extra;
  }
  // Files a request in JSON and returns its service_request_id.
  std::string filed(const std::string& extra = "") {
    auto r = post("json", light_request(extra));
    EXPECT_EQ(r.status, 201) << r.body;
    return json_of(r)[0].value("service_request_id", "");
  }
  hotline::Ticket ticket(const std::string& no) {
    auto id = db().read([&](soci::session& sql) -> Result<long long> {
      long long id = 0;
      sql << "SELECT id FROM tickets WHERE ticket_no = :n", soci::use(no), soci::into(id);
      return id;
    });
    return *hotline::get_ticket(db(), *id);
  }
  void accept(const std::string& no) {
    auto r = call("POST", fmt::format("/api/v1/tickets/{}/accept", ticket(no).id), "", "staff");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  // The spec's error document: one error whose code is the HTTP status.
  void expect_error(const http::Response& r, const std::string& format, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    if (format == "json") {
      EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
      auto j = json_of(r);
      ASSERT_TRUE(j.is_array()) << r.body;
      ASSERT_EQ(j.size(), 1u);
      EXPECT_EQ(j[0]["code"], status);
      EXPECT_FALSE(j[0]["description"].get<std::string>().empty());
    } else {
      EXPECT_EQ(r.content_type, "text/xml; charset=utf-8");
      EXPECT_EQ(
          r.body.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n  <error>\n    <code>", 0), 0u)
          << r.body;
      EXPECT_NE(r.body.find(fmt::format("<code>{}</code>", status)), std::string::npos) << r.body;
      EXPECT_NE(r.body.find("<description>"), std::string::npos);
    }
  }

  std::string key;
  long long key_id = 0;
};

TEST_P(Open311, DiscoveryNamesTheEndpointAndItsFormats) {
  for (const char* f : kFormats) {
    http::Request req;
    req.method = "GET";
    req.path = fmt::format("/open311/v2/discovery.{}", f);
    req.headers.emplace_back("host", "12345.example.gov.cn");
    auto r = raw(req);
    ASSERT_EQ(r.status, 200) << r.body;
    if (std::string(f) == "json") {
      auto j = json_of(r);
      EXPECT_EQ(j["endpoints"][0]["url"], "http://12345.example.gov.cn/open311/v2");
      EXPECT_EQ(j["endpoints"][0]["specification"], "http://wiki.open311.org/GeoReport_v2");
      EXPECT_EQ(j["endpoints"][0]["formats"], nlohmann::json::array({"text/xml", "application/json"}));
      EXPECT_TRUE(j["changeset"].get<std::string>().ends_with("+08:00"));
    } else {
      EXPECT_EQ(r.content_type, "text/xml; charset=utf-8");
      EXPECT_NE(r.body.find("<formats>\n        <format>text/xml</format>\n        "
                            "<format>application/json</format>\n      </formats>"),
                std::string::npos)
          << r.body;
    }
  }
  // A Host header that is not a plain host name is not echoed.
  http::Request req;
  req.method = "GET";
  req.path = "/open311/v2/discovery.json";
  req.headers.emplace_back("host", "evil.example\"><x");
  EXPECT_EQ(json_of(raw(req))["endpoints"][0]["url"], "/open311/v2");
}

TEST_P(Open311, ServicesAndTheirDefinitionsInBothFormats) {
  auto list = json_of(call("GET", "/open311/v2/services.json"));
  ASSERT_TRUE(list.is_array());
  ASSERT_GE(list.size(), 6u);
  EXPECT_EQ(list[0]["service_code"], "road_damage");
  EXPECT_EQ(list[0]["service_name"], "道路破损");
  EXPECT_EQ(list[0]["metadata"], true);
  EXPECT_EQ(list[0]["type"], "realtime");
  EXPECT_EQ(list[0]["group"], "市政设施");
  bool any_without = false;
  for (const auto& s : list) any_without = any_without || s["metadata"] == false;
  EXPECT_TRUE(any_without) << "a category without attributes says metadata false";

  auto xml = call("GET", "/open311/v2/services.xml");
  ASSERT_EQ(xml.status, 200);
  EXPECT_EQ(xml.content_type, "text/xml; charset=utf-8");
  EXPECT_EQ(xml.body.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<services>\n  <service>\n", 0), 0u);
  EXPECT_NE(xml.body.find("<service_code>road_damage</service_code>"), std::string::npos);
  EXPECT_NE(xml.body.find("<metadata>true</metadata>"), std::string::npos);

  auto def = json_of(call("GET", "/open311/v2/services/noise.json"));
  EXPECT_EQ(def["service_code"], "noise");
  ASSERT_EQ(def["attributes"].size(), 3u);
  EXPECT_EQ(def["attributes"][0]["code"], "source");
  EXPECT_EQ(def["attributes"][0]["datatype"], "singlevaluelist");
  EXPECT_EQ(def["attributes"][0]["required"], true);
  EXPECT_EQ(def["attributes"][0]["order"], 1);
  EXPECT_EQ(def["attributes"][0]["values"][0],
            nlohmann::json({{"key", "construction"}, {"name", "建筑施工"}}));
  EXPECT_EQ(def["attributes"][1]["datatype"], "multivaluelist");
  EXPECT_EQ(def["attributes"][2]["datatype"], "datetime");
  EXPECT_FALSE(def["attributes"][2].contains("values"));

  auto defxml = call("GET", "/open311/v2/services/noise.xml");
  ASSERT_EQ(defxml.status, 200);
  EXPECT_NE(defxml.body.find("<service_definition>\n  <service_code>noise</service_code>\n  <attributes>\n"
                             "    <attribute>\n      <variable>true</variable>"),
            std::string::npos)
      << defxml.body;
  EXPECT_NE(defxml.body.find("<values>\n        <value>\n          <key>construction</key>"),
            std::string::npos);

  for (const char* f : kFormats) {
    expect_error(call("GET", fmt::format("/open311/v2/services/nothing.{}", f)), f, 404);
    expect_error(call("GET", fmt::format("/open311/v2/services.{}?jurisdiction_id=000000", f)), f, 404);
    EXPECT_EQ(call("GET", fmt::format("/open311/v2/services.{}?jurisdiction_id=999901", f)).status, 200);
  }
}

TEST_P(Open311, APostedRequestBecomesAReceivedTicketAndIsReadBackInBothFormats) {
  for (const char* f : kFormats) {
    auto r = post(f, light_request("&first_name=%E4%B8%89&last_name=%E5%BC%A0&phone=13900005555"
                                   "&email=zhang%40example.com&device_id=dev-42&account_id=acc-7"));
    ASSERT_EQ(r.status, 201) << r.body;
    std::string no;
    if (std::string(f) == "json") {
      auto j = json_of(r);
      ASSERT_TRUE(j.is_array());
      no = j[0]["service_request_id"];
      EXPECT_FALSE(j[0].contains("token"));
      EXPECT_TRUE(j[0]["account_id"].is_null());
      EXPECT_NE(j[0]["service_notice"].get<std::string>().find("工作日"), std::string::npos);
    } else {
      EXPECT_EQ(r.content_type, "text/xml; charset=utf-8");
      auto at = r.body.find("<service_request_id>"), end = r.body.find("</service_request_id>");
      ASSERT_NE(at, std::string::npos) << r.body;
      no = r.body.substr(at + 20, end - at - 20);
      EXPECT_NE(r.body.find("<account_id/>"), std::string::npos);
    }
    auto t = ticket(no);
    EXPECT_EQ(t.channel, "open311");
    EXPECT_EQ(t.state, "received");
    EXPECT_EQ(t.kind, "help");
    EXPECT_EQ(t.category, "street_light");
    EXPECT_EQ(t.title, "路灯故障");
    EXPECT_EQ(t.name, "张三");
    EXPECT_EQ(t.phone, "13900005555");

    // Waiting for the center: open, and what was written stays unpublished until it is taken up.
    auto one = json_of(call("GET", fmt::format("/open311/v2/requests/{}.json", no)));
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0]["status"], "open");
    EXPECT_TRUE(one[0]["description"].is_null());
    EXPECT_EQ(one[0]["service_code"], "street_light");
    EXPECT_EQ(one[0]["address"], "东关村口");
    EXPECT_DOUBLE_EQ(one[0]["lat"].get<double>(), 34.1234);
    EXPECT_DOUBLE_EQ(one[0]["long"].get<double>(), 108.5678);
    accept(no);
    one = json_of(call("GET", fmt::format("/open311/v2/requests/{}.json", no)));
    EXPECT_EQ(one[0]["description"], "路灯不亮");
    EXPECT_EQ(one[0]["status_notes"], "热线中心已受理，等待派单");

    auto xml = call("GET", fmt::format("/open311/v2/requests/{}.xml", no));
    ASSERT_EQ(xml.status, 200);
    EXPECT_NE(xml.body.find("<service_requests>\n  <request>\n    <service_request_id>" + no),
              std::string::npos)
        << xml.body;
    EXPECT_NE(xml.body.find("<lat>34.1234</lat>"), std::string::npos);
    EXPECT_NE(xml.body.find("<zipcode/>"), std::string::npos);

    // Nothing personal in any public read.
    for (const auto& body : {xml.body, call("GET", "/open311/v2/requests.json").body,
                             call("GET", "/open311/v2/requests.xml?extensions=true").body}) {
      for (const char* secret : {"张三", "13900005555", "5555", "zhang@example.com", "dev-42", "acc-7"})
        EXPECT_EQ(body.find(secret), std::string::npos) << secret << " in " << body;
    }
  }
  // The ledger holds the contact data only as commitments.
  auto events = json_of(call("GET", "/api/v1/events?type=open311.request_filed", "", "admin"));
  ASSERT_EQ(events["items"].size(), 2u);
  EXPECT_EQ(events["items"][0]["payload"].dump().find("zhang@example.com"), std::string::npos);
  EXPECT_EQ(events["items"][0]["payload"]["service_code"], "street_light");
}

TEST_P(Open311, PostingNeedsALiveKey) {
  for (const char* f : kFormats) {
    expect_error(post(f, "service_code=street_light&lat=34&long=108&attribute[fault]=not_lit"), f, 403);
    expect_error(post(f, "api_key=o311_wrong&service_code=street_light&lat=34&long=108"), f, 403);
    expect_error(post(f, ""), f, 403);
  }
  auto events = count("events");
  EXPECT_EQ(call("POST", fmt::format("/api/v1/open311/keys/{}/revoke", key_id), "", "admin").status, 200);
  EXPECT_EQ(count("events"), events + 1);
  for (const char* f : kFormats) expect_error(post(f, light_request()), f, 403);
  EXPECT_EQ(count("tickets"), 0);
  // The key in the query works as well as in the body.
  auto fresh = json_of(call("POST", "/api/v1/open311/keys", R"({"name":"第二个客户端"})", "admin"));
  auto r = call("POST", "/open311/v2/requests.json?api_key=" + fresh["key"].get<std::string>(),
                "service_code=policy_consult&address_id=A-17&attribute[topic]=medical", "", true, kForm);
  EXPECT_EQ(r.status, 201) << r.body;
}

TEST_P(Open311, BadRequestsAreRefusedInTheSpecsFormat) {
  auto k = "api_key=" + key;
  const std::pair<std::string, int> cases[] = {
      {k + "&lat=34&long=108", 400},                            // no service_code
      {k + "&service_code=nothing&lat=34&long=108", 404},       // unknown service_code
      {k + "&service_code=garbage", 400},                       // no location
      {k + "&service_code=garbage&lat=34", 400},                // lat without long
      {k + "&service_code=garbage&lat=north&long=108", 400},    // not a number
      {k + "&service_code=garbage&lat=95&long=108", 400},       // out of range
      {k + "&service_code=garbage&lat=0&long=0", 400},          // a phone before its fix
      {k + "&service_code=garbage&lat=108&long=34", 400},       // swapped
      {k + "&service_code=street_light&lat=34&long=108", 400},  // a required attribute
      {k + "&service_code=street_light&lat=34&long=108&attribute[fault]=gone", 400},  // not a listed value
      {k + "&service_code=garbage&lat=34&long=108&attribute[colour]=red", 400},       // no such attribute
      {k + "&service_code=garbage&lat=34&long=108&attribute[days]=many", 400},        // number
      {k + "&service_code=noise&lat=34&long=108&attribute[source]=traffic&attribute[since]=yesterday", 400},
      {k + "&service_code=noise&lat=34&long=108&attribute[source]=traffic&attribute[source]=business", 400},
      {k + "&service_code=garbage&lat=34&long=108&attribute[days", 400},  // malformed attribute name
      {k + "&service_code=garbage&lat=34&long=108&phone=12", 400},        // not a phone number
      {k + "&service_code=garbage&lat=34&long=108&media_url=javascript:alert(1)", 400},
      {k + "&service_code=garbage&lat=34&long=108&description=%zz", 400},    // broken escape
      {k + "&service_code=garbage&lat=34&long=108&description=%FF", 400},    // not UTF-8
      {k + "&service_code=garbage&lat=34&long=108&description=a%01b", 400},  // control character
      {k + "&service_code=garbage&lat=34&long=108&description=" + std::string(4001, 'x'), 400},
  };
  for (const char* f : kFormats)
    for (const auto& [body, status] : cases) {
      SCOPED_TRACE(body.substr(0, 120));
      expect_error(post(f, body), f, status);
    }
  EXPECT_EQ(count("tickets"), 0);
  // A JSON body is not what the spec sends.
  for (const char* f : kFormats)
    expect_error(call("POST", fmt::format("/open311/v2/requests.{}", f), R"({"api_key":"x"})"), f, 400);

  // Lists and several values where the spec allows them.
  auto r =
      post("json", k + "&service_code=noise&address_string=%E4%B8%80%E6%9D%91&attribute[source]=construction"
                       "&attribute[period][]=night&attribute[period][]=evening"
                       "&attribute[since]=2026-12-01T22:00:00%2B08:00");
  EXPECT_EQ(r.status, 201) << r.body;
}

TEST_P(Open311, RequestsAreFilteredByIdCodeDateAndStatusWithinNinetyDays) {
  std::string a = filed(), b = filed();
  accept(a);
  auto r =
      post("json", "api_key=" + key + "&service_code=policy_consult&address_id=A1&attribute[topic]=housing");
  ASSERT_EQ(r.status, 201);
  std::string c = json_of(r)[0]["service_request_id"];
  ASSERT_TRUE(run_command(db(), Actor{fx.accounts["staff"], "staff"}, [&](Command& cmd) {
    return hotline::reject_ticket(cmd, ticket(c).id, "重复诉求");
  }));
  // A phone ticket from 100 days ago: outside the default window.
  auto old = run_command_at(
      db(), Actor::system(), format_utc(std::chrono::system_clock::now() - std::chrono::days(100)),
      [&](Command& cmd) {
        hotline::TicketInput in{"complaint",  "phone",      "李四",        "13900006666",
                                std::nullopt, fx.village11, "一村三组7号", std::nullopt,
                                std::nullopt, "噪音",       "夜间施工",    {}};
        return hotline::file_ticket(cmd, in);
      });
  ASSERT_TRUE(old);

  auto ids = [&](const std::string& query) {
    auto res = call("GET", "/open311/v2/requests.json" + query);
    EXPECT_EQ(res.status, 200) << query << ": " << res.body;
    std::vector<std::string> out;
    for (const auto& x : json_of(res)) out.push_back(x["service_request_id"]);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids(""), (V{c, b, a}));  // newest first, the old one outside 90 days
  EXPECT_EQ(ids("?service_code=policy_consult"), (V{c}));
  EXPECT_EQ(ids("?service_code=policy_consult,street_light"), (V{c, b, a}));
  EXPECT_EQ(ids("?status=closed"), (V{c}));
  EXPECT_EQ(ids("?status=open"), (V{b, a}));
  EXPECT_EQ(ids("?status=open,closed"), (V{c, b, a}));
  EXPECT_EQ(ids("?status=open&status=closed"), (V{c, b, a}));
  EXPECT_EQ(ids("?page_size=2"), (V{c, b}));
  EXPECT_EQ(ids("?page_size=2&page=2"), (V{a}));
  // service_request_id overrides every other filter, the old ticket included.
  EXPECT_EQ(ids(fmt::format("?service_request_id={},{}&status=closed", a, old->ticket_no)),
            (V{a, old->ticket_no}));
  auto start = format_utc(std::chrono::system_clock::now() - std::chrono::days(101));
  EXPECT_EQ(ids("?start_date=" + start +
                "&end_date=" + format_utc(std::chrono::system_clock::now() - std::chrono::days(50))),
            (V{old->ticket_no}));
  EXPECT_EQ(ids("?start_date=" + start), (V{old->ticket_no}));  // 90 days from the start
  EXPECT_EQ(ids("?end_date=2020-01-01T00:00:00%2B08:00"), V{});

  // The old phone ticket shows its village, never the street address or the caller.
  auto seen = json_of(call("GET", fmt::format("/open311/v2/requests/{}.json", old->ticket_no)))[0];
  EXPECT_EQ(seen["address"], "一村");
  EXPECT_TRUE(seen["lat"].is_null());
  EXPECT_EQ(seen["service_name"], "投诉");
  EXPECT_TRUE(seen["service_code"].is_null());
  auto rejected = json_of(call("GET", fmt::format("/open311/v2/requests/{}.json", c)))[0];
  EXPECT_EQ(rejected["status"], "closed");
  EXPECT_EQ(rejected["status_notes"], "不予受理：重复诉求");
  EXPECT_EQ(rejected["address_id"], "A1");

  for (const char* f : kFormats) {
    auto base = fmt::format("/open311/v2/requests.{}", f);
    expect_error(call("GET", base + "?start_date=2026-01-01"), f, 400);  // no time zone
    expect_error(call("GET", base + "?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"), f,
                 400);
    expect_error(call("GET", base + "?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z"), f,
                 400);
    expect_error(call("GET", base + "?status=pending"), f, 400);
    expect_error(call("GET", base + "?page_size=1001"), f, 400);
    expect_error(call("GET", base + "?page=0"), f, 400);
    expect_error(call("GET", base + "?extensions=maybe"), f, 400);
    expect_error(call("GET", base + "?jurisdiction_id=123"), f, 404);
    expect_error(call("GET", base + "?q=%FF"), f, 400);
    expect_error(call("GET", fmt::format("/open311/v2/requests/12345-00000000-0000.{}", f)), f, 404);
    expect_error(call("GET", fmt::format("/open311/v2/tokens/nothing.{}", f)), f, 404);
  }
}

TEST_P(Open311, DatetimesCarryTheCountysOffsetAndExtensionsAddNotes) {
  std::string no = filed();
  accept(no);
  auto t = ticket(no);
  auto one = json_of(call("GET", fmt::format("/open311/v2/requests/{}.json?extensions=true", no)))[0];
  std::string requested = one["requested_datetime"];
  ASSERT_TRUE(requested.ends_with("+08:00")) << requested;
  EXPECT_EQ(*parse_utc(requested) - *parse_utc(t.created_at),
            -std::chrono::duration_cast<std::chrono::system_clock::duration>(
                std::chrono::milliseconds(std::stoi(t.created_at.substr(20, 3)))));
  ASSERT_EQ(one["notes"].size(), 2u);
  EXPECT_EQ(one["notes"][0]["type"], "opened");
  EXPECT_EQ(one["notes"][1]["summary"], "热线中心已受理");
  EXPECT_TRUE(one["notes"][1]["datetime"].get<std::string>().ends_with("+08:00"));
  EXPECT_FALSE(json_of(call("GET", fmt::format("/open311/v2/requests/{}.json", no)))[0].contains("notes"));
  auto xml = call("GET", fmt::format("/open311/v2/requests.xml?extensions=true&service_request_id={}", no));
  EXPECT_NE(xml.body.find("<notes>\n      <note>\n        <datetime>"), std::string::npos) << xml.body;
}

TEST_P(Open311, XmlEscapesWhatItCarries) {
  auto r = post("json", "api_key=" + key +
                            "&service_code=garbage&address_string=a%3Cb&description=%3Cb%3E%E8%B7%AF"
                            "%E7%81%AF%3C%2Fb%3E+%26+%22%27%5D%5D%3E");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string no = json_of(r)[0]["service_request_id"];
  accept(no);
  auto xml = call("GET", fmt::format("/open311/v2/requests/{}.xml", no));
  EXPECT_NE(xml.body.find("<description>&lt;b&gt;路灯&lt;/b&gt; &amp; &quot;&apos;]]&gt;</description>"),
            std::string::npos)
      << xml.body;
  EXPECT_NE(xml.body.find("<address>a&lt;b</address>"), std::string::npos);
  auto json = json_of(call("GET", fmt::format("/open311/v2/requests/{}.json", no)));
  EXPECT_EQ(json[0]["description"], "<b>路灯</b> & \"']]>");
}

TEST_P(Open311, ATokenLeadsToItsRequest) {
  std::string no = filed();
  auto token = db().read([&](soci::session& sql) -> Result<std::string> {
    std::string t;
    sql << "SELECT token FROM open311_requests", soci::into(t);
    return t;
  });
  ASSERT_TRUE(token);
  auto j = json_of(call("GET", fmt::format("/open311/v2/tokens/{}.json", *token)));
  EXPECT_EQ(j, nlohmann::json::array({{{"service_request_id", no}, {"token", *token}}}));
  auto xml = call("GET", fmt::format("/open311/v2/tokens/{}.xml", *token));
  EXPECT_NE(xml.body.find("<service_request_id>" + no + "</service_request_id>\n    <token>" + *token),
            std::string::npos)
      << xml.body;
}

TEST_P(Open311, AdminsIssueListAndRevokeKeysShownOnlyOnce) {
  auto list = json_of(call("GET", "/api/v1/open311/keys", "", "admin"));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["name"], "随手拍小程序");
  EXPECT_FALSE(list["items"][0].contains("key"));
  EXPECT_EQ(list["items"][0]["prefix"], key.substr(0, 10));
  EXPECT_EQ(list.dump().find(key), std::string::npos);
  auto stored = db().read([&](soci::session& sql) -> Result<std::string> {
    std::string h;
    sql << "SELECT key_hash FROM open311_keys", soci::into(h);
    return h;
  });
  EXPECT_NE(*stored, key);
  EXPECT_EQ(stored->size(), 64u);

  EXPECT_EQ(call("POST", "/api/v1/open311/keys", R"({"name":""})", "admin").status, 422);
  EXPECT_EQ(call("POST", "/api/v1/open311/keys", R"({"name":"x","scope":"all"})", "admin").status, 422);
  EXPECT_EQ(call("POST", "/api/v1/open311/keys", R"({"name":"x"})", "staff").status, 403);
  auto path = fmt::format("/api/v1/open311/keys/{}/revoke", key_id);
  EXPECT_EQ(call("POST", path, "", "townadmin").status, 403);
  auto revoked = call("POST", path, "", "admin");
  ASSERT_EQ(revoked.status, 200);
  EXPECT_EQ(json_of(revoked)["active"], false);
  EXPECT_EQ(call("POST", path, "", "admin").status, 409);
  EXPECT_EQ(call("POST", "/api/v1/open311/keys/999/revoke", "", "admin").status, 404);
}

FISHBOWL_BACKEND_SUITE(Open311);

}  // namespace
}  // namespace fishbowl::testing
