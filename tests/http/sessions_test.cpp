// Login, sessions, cookies and CSRF, through the whole pipeline.
#include <gtest/gtest.h>

#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

std::string header_of(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return {};
}

http::Request request(const std::string& method, const std::string& path, const std::string& body,
                      const std::string& cookie = "", const std::string& csrf = "") {
  http::Request r;
  r.method = method;
  r.path = path;
  r.body = body;
  r.client_ip = "127.0.0.1";
  if (!body.empty()) r.headers.emplace_back("content-type", "application/json");
  if (!cookie.empty()) r.headers.emplace_back("cookie", "theme=dark; fishbowl_session=" + cookie);
  if (!csrf.empty()) r.headers.emplace_back("x-csrf-token", csrf);
  return r;
}

class Sessions : public ApiTest {
 protected:
  // Logs in through the API (argon2 and all); returns the token from the cookie and the CSRF token.
  Session login_through_api(const std::string& login) {
    auto res = raw(request("POST", "/api/v1/auth/login",
                           R"({"login":")" + login + R"(","password":"correct-horse-battery"})"));
    std::string cookie = header_of(res, "Set-Cookie");
    return {cookie.substr(17, cookie.find(';') - 17), json_of(res)["csrf_token"]};
  }
};

TEST_P(Sessions, LoginSetsAStrictHttpOnlyCookieAndTheTokenIsStoredOnlyHashed) {
  auto res =
      raw(request("POST", "/api/v1/auth/login", R"({"login":"staff","password":"correct-horse-battery"})"));
  ASSERT_EQ(res.status, 200) << res.body;
  std::string cookie = header_of(res, "Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  std::string token = cookie.substr(17, cookie.find(';') - 17);
  EXPECT_EQ(token.size(), 43u);  // 256 bits, base64url
  auto body = json_of(res);
  EXPECT_EQ(body["account"]["login"], "staff");
  EXPECT_EQ(body["account"]["roles"][0]["role"], "staff");
  long long stored_plain = db().read([&](soci::session& sql) -> Result<long long> {
                                 long long n = 0;
                                 sql << "SELECT COUNT(*) FROM sessions WHERE token_hash = :t",
                                     soci::use(token), soci::into(n);
                                 return n;
                               })
                               .value();
  EXPECT_EQ(stored_plain, 0);

  auto me = raw(request("GET", "/api/v1/auth/me", "", token));
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(json_of(me)["csrf_token"], body["csrf_token"]);
}

TEST_P(Sessions, WrongPasswordUnknownLoginAndDisabledAccountAllGetTheSameAnswer) {
  auto wrong = raw(request("POST", "/api/v1/auth/login", R"({"login":"staff","password":"nope-nope-nope"})"));
  auto unknown =
      raw(request("POST", "/api/v1/auth/login", R"({"login":"ghost","password":"nope-nope-nope"})"));
  ASSERT_TRUE(db().write([](soci::session& sql) -> Status {
                    sql << "UPDATE accounts SET disabled = 1 WHERE login = 'agent'";
                    return ok_status();
                  })
                  .ok());
  auto disabled =
      raw(request("POST", "/api/v1/auth/login", R"({"login":"agent","password":"correct-horse-battery"})"));
  for (const auto* r : {&wrong, &unknown, &disabled}) {
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(json_of(*r)["error"]["code"], "auth.invalid_credentials");
    EXPECT_TRUE(header_of(*r, "Set-Cookie").empty());
  }
}

TEST_P(Sessions, StateChangingRequestsNeedTheSessionsCsrfToken) {
  auto [token, csrf] = login_through_api("admin");
  std::string body = R"({"phone":"0999-7"})";
  std::string path = "/api/v1/departments/" + std::to_string(fx.dept_t1);
  long long events = count("events");
  auto missing = raw(request("PATCH", path, body, token));
  std::string forged = csrf;
  forged[0] = forged[0] == 'a' ? 'b' : 'a';  // always differs (a fixed prefix would match 1 token in 64)
  auto wrong = raw(request("PATCH", path, body, token, forged));
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(json_of(missing)["error"]["code"], "auth.csrf_failed");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(count("events"), events);
  auto good = raw(request("PATCH", path, body, token, csrf));
  EXPECT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(count("events"), events + 1);
}

TEST_P(Sessions, LogoutEndsTheSessionAndExpiredSessionsDoNotCount) {
  auto [token, csrf] = login_through_api("citizen");
  auto out = raw(request("POST", "/api/v1/auth/logout", "", token, csrf));
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(header_of(out, "Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(raw(request("GET", "/api/v1/auth/me", "", token)).status, 401);

  auto s = open_session(fx.accounts["supervisor"]);
  ASSERT_TRUE(db().write([](soci::session& sql) -> Status {
                    sql << "UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'";
                    return ok_status();
                  })
                  .ok());
  EXPECT_EQ(raw(request("GET", "/api/v1/auth/me", "", s.token)).status, 401);
}

TEST_P(Sessions, LoginAndLogoutAreEvents) {
  auto login =
      raw(request("POST", "/api/v1/auth/login", R"({"login":"agent","password":"correct-horse-battery"})"));
  ASSERT_EQ(login.status, 200);
  auto events = call("GET", "/api/v1/events?type=session.started", "", "supervisor");
  auto items = json_of(events)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["actor_role"], "agent");
  EXPECT_EQ(items[0]["payload"]["account_id"], fx.accounts["agent"]);
  EXPECT_EQ(events.body.find("csrf"), std::string::npos);
}

FISHBOWL_BACKEND_SUITE(Sessions);

}  // namespace
}  // namespace fishbowl::testing
