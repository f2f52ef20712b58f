// Bad input anywhere gets a clear error with a stable code and leaves stored data untouched.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

class BadInput : public ApiTest {
 protected:
  // Everything a bad request could have touched.
  std::string snapshot() {
    return db()
        .read([](soci::session& sql) -> Result<std::string> {
          std::string out;
          for (const char* q : {"SELECT COUNT(*) FROM regions", "SELECT COUNT(*) FROM departments",
                                "SELECT COUNT(*) FROM service_points", "SELECT COUNT(*) FROM accounts",
                                "SELECT COUNT(*) FROM account_roles", "SELECT COUNT(*) FROM events",
                                "SELECT COUNT(*) FROM windows"}) {
            long long n = 0;
            sql << q, soci::into(n);
            out += std::to_string(n) + ",";
          }
          std::string names;
          soci::rowset<std::string> rows = (sql.prepare << "SELECT name FROM regions ORDER BY id");
          for (const auto& n : rows) out += n + ";";
          return out;
        })
        .value();
  }

  void expect_error(const http::Response& r, int status, const std::string& code,
                    const std::string& field = "") {
    EXPECT_EQ(r.status, status) << r.body;
    auto j = json_of(r);
    ASSERT_TRUE(j.contains("error")) << r.body;
    EXPECT_EQ(j["error"]["code"], code) << r.body;
    EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
    if (!field.empty()) {
      EXPECT_EQ(j["error"]["field"], field) << r.body;
    }
  }
};

TEST_P(BadInput, MalformedAndTruncatedJson) {
  auto before = snapshot();
  std::string path = fmt::format("/api/v1/regions/{}", fx.village11);
  expect_error(call("PATCH", path, R"({"name":)", "admin"), 400, "request.malformed_json");
  expect_error(call("PATCH", path, R"({"name":"x")", "admin"), 400, "request.malformed_json");
  expect_error(call("PATCH", path, R"([1,2])", "admin"), 400, "request.not_an_object");
  expect_error(call("PATCH", path, "null", "admin"), 400, "request.not_an_object");
  expect_error(call("POST", "/api/v1/regions", "", "admin"), 400, "request.malformed_json");
  EXPECT_EQ(snapshot(), before);
}

TEST_P(BadInput, InvalidUtf8AnywhereIsRefusedAtTheDoor) {
  auto before = snapshot();
  std::string path = fmt::format("/api/v1/regions/{}", fx.village11);
  expect_error(call("PATCH", path, "{\"name\":\"\xe4\xbd\"}", "admin"), 400, "request.invalid_utf8");
  expect_error(call("PATCH", path, "{\"name\":\"\xc0\xaf\"}", "admin"), 400,
               "request.invalid_utf8");  // overlong
  expect_error(call("PATCH", path, "{\"name\":\"\xed\xa0\x80\"}", "admin"), 400, "request.invalid_utf8");
  expect_error(call("GET", "/api/v1/regions?parent_id=%FF"), 400, "request.invalid_utf8");
  expect_error(call("GET", "/api/v1/regions/%E4%BD"), 400, "request.invalid_utf8");
  expect_error(call("GET", "/api/v1/regions?x=%G1"), 400, "request.malformed_query");
  EXPECT_EQ(snapshot(), before);
}

TEST_P(BadInput, WrongTypesMissingAndUnknownFieldsNameTheField) {
  auto before = snapshot();
  auto post = [&](const std::string& body) { return call("POST", "/api/v1/regions", body, "admin"); };
  expect_error(post(fmt::format(R"({{"parent_id":"{}","kind":"village","code":"999901001099","name":"x"}})",
                                fx.town1)),
               422, "field.wrong_type", "parent_id");
  expect_error(post(fmt::format(R"({{"parent_id":{},"kind":"village","code":"999901001099"}})", fx.town1)),
               422, "field.required", "name");
  expect_error(
      post(fmt::format(R"({{"parent_id":{},"kind":"hamlet","code":"999901001099","name":"x"}})", fx.town1)),
      422, "field.invalid", "kind");
  expect_error(
      post(fmt::format(R"({{"parent_id":{},"kind":"village","code":"999901001099","name":"x","nmae":"y"}})",
                       fx.town1)),
      422, "field.unknown", "nmae");
  expect_error(post(fmt::format(R"({{"parent_id":{},"kind":"village","code":"999901001099","name":"{}"}})",
                                fx.town1, std::string(65 * 3, 'a'))),
               422, "field.too_long", "name");
  expect_error(
      post(fmt::format(R"({{"parent_id":{},"kind":"village","code":"999901001099","name":"a\u0000b"}})",
                       fx.town1)),
      422, "field.invalid", "name");
  expect_error(post(fmt::format(R"({{"parent_id":{},"kind":"village","code":"999901001099","name":"   "}})",
                                fx.town1)),
               422, "field.required", "name");
  expect_error(post(R"({"parent_id":1e400,"kind":"village","code":"999901001099","name":"x"})"), 400,
               "request.malformed_json");
  expect_error(
      post(R"({"parent_id":18446744073709551615,"kind":"village","code":"999901001099","name":"x"})"), 422,
      "field.out_of_range", "parent_id");
  EXPECT_EQ(snapshot(), before);
}

TEST_P(BadInput, SqlMetacharactersAreDataNotCode) {
  std::string evil = "'; DROP TABLE events; --";
  auto res = call("PATCH", fmt::format("/api/v1/regions/{}", fx.village11),
                  nlohmann::json{{"name", evil}}.dump(), "admin");
  ASSERT_EQ(res.status, 200) << res.body;
  auto got = call("GET", fmt::format("/api/v1/regions/{}", fx.village11));
  EXPECT_EQ(json_of(got)["name"], evil);
  EXPECT_GT(count("events"), 0);
  expect_error(call("GET", "/api/v1/regions/1%20OR%201=1"), 404, "region.not_found");
  expect_error(call("GET", "/api/v1/departments?region_id=1;DROP"), 422, "query.invalid_id", "region_id");
}

TEST_P(BadInput, UnknownIdsAndRoutes) {
  expect_error(call("GET", "/api/v1/regions/999999"), 404, "region.not_found");
  expect_error(call("GET", "/api/v1/regions/0"), 404, "region.not_found");
  expect_error(call("GET", "/api/v1/regions/-1"), 404, "region.not_found");
  expect_error(call("GET", "/api/v1/regions/99999999999999999999999"), 404, "region.not_found");
  expect_error(call("GET", "/api/v1/departments/abc"), 404, "department.not_found");
  expect_error(call("GET", "/api/v1/service-points/12345"), 404, "service_point.not_found");
  expect_error(call("PATCH", "/api/v1/regions/424242", R"({"name":"x"})", "admin"), 404, "region.not_found");
  expect_error(call("GET", "/api/v1/nothing-here"), 404, "request.not_found");
  auto wrong_method = call("PUT", "/api/v1/regions", R"({})", "admin");
  expect_error(wrong_method, 405, "request.method_not_allowed");
}

TEST_P(BadInput, OversizeBodiesAndWrongContentTypes) {
  auto before = snapshot();
  std::string big = nlohmann::json{{"name", std::string(100 * 1024, 'x')}}.dump();
  expect_error(call("PATCH", fmt::format("/api/v1/regions/{}", fx.village11), big, "admin"), 413,
               "request.too_large");
  auto s = open_session(fx.accounts["admin"]);
  http::Request form;
  form.method = "POST";
  form.path = "/api/v1/regions";
  form.body = "name=x";
  form.headers = {{"content-type", "application/x-www-form-urlencoded"},
                  {"cookie", "fishbowl_session=" + s.token},
                  {"x-csrf-token", s.csrf}};
  expect_error(raw(form), 415, "request.unsupported_media_type");
  EXPECT_EQ(snapshot(), before);
}

TEST_P(BadInput, DomainRulesAreCheckedAndRejectedCommandsLeaveNoTrace) {
  auto before = snapshot();
  auto post = [&](const std::string& body) { return call("POST", "/api/v1/regions", body, "admin"); };
  expect_error(post(fmt::format(R"({{"parent_id":{},"kind":"village","code":"999901001001","name":"重复"}})",
                                fx.town1)),
               409, "region.duplicate_code", "code");
  expect_error(post(fmt::format(R"({{"parent_id":{},"kind":"village","code":"999901001003","name":"太深"}})",
                                fx.village11)),
               422, "region.too_deep", "parent_id");
  expect_error(
      post(fmt::format(R"({{"parent_id":{},"kind":"town","code":"999901001099","name":"错层"}})", fx.town1)),
      422, "region.level_mismatch", "kind");
  expect_error(
      post(fmt::format(R"({{"parent_id":{},"kind":"village","code":"12AB","name":"代码"}})", fx.town1)), 422,
      "region.invalid_code", "code");
  expect_error(post(R"({"parent_id":987654,"kind":"village","code":"999901001099","name":"无上级"})"), 422,
               "region.parent_not_found", "parent_id");
  expect_error(
      call("POST", "/api/v1/service-points",
           fmt::format(R"({{"region_id":{},"kind":"hall","name":"错场所"}})", fx.village11), "admin"),
      422, "service_point.kind_mismatch", "kind");
  expect_error(call("PATCH", fmt::format("/api/v1/service-points/{}", fx.point_v11),
                    R"({"hours":[{"weekday":8,"opens":"08:00","closes":"12:00"}]})", "admin"),
               422, "service_point.invalid_hours", "hours");
  expect_error(call("PATCH", fmt::format("/api/v1/service-points/{}", fx.point_v11),
                    R"({"hours":[{"weekday":1,"opens":"12:00","closes":"08:00"}]})", "admin"),
               422, "service_point.invalid_hours", "hours");
  expect_error(
      call("POST", "/api/v1/accounts",
           R"({"login":"Bad Login","display_name":"x","password":"long-enough-pw","role":"citizen"})",
           "admin"),
      422, "account.invalid_login", "login");
  expect_error(
      call("POST", "/api/v1/accounts",
           R"({"login":"shortpw","display_name":"x","password":"12345678","role":"citizen"})", "admin"),
      422, "auth.weak_password", "password");
  expect_error(
      call("POST", "/api/v1/accounts",
           R"({"login":"admin","display_name":"x","password":"long-enough-pw","role":"citizen"})", "admin"),
      409, "account.duplicate_login", "login");
  EXPECT_EQ(snapshot(), before);
}

FISHBOWL_BACKEND_SUITE(BadInput);

}  // namespace
}  // namespace fishbowl::testing
