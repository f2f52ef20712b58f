#pragma once
// In-process API tests: a real Api (every route, the whole pipeline) over a fresh database on each backend,
// seeded with a small county whose shape gives every role an inside and an outside:
//
//   county 测试县 ── town1 ── village11, village12     dept_county (county department)
//                └─ town2 ── village21                 dept_t1 on town1, dept_t2 on town2
//
// Accounts (all with kPassword): admin (county), townadmin (town1), supervisor (county), staff (dept_county),
// agent (village11), citizen. Requests can be sent anonymously or as one of them.
#include <map>
#include <memory>
#include <string>

#include "http/api.h"
#include "http/metrics.h"
#include "http/rate_limit.h"
#include "ledger/note.h"
#include "support/test_db.h"

namespace fishbowl::testing {

inline constexpr const char* kPassword = "correct-horse-battery";

struct Fixture {
  long long county = 0, town1 = 0, town2 = 0, village11 = 0, village12 = 0, village21 = 0;
  long long dept_county = 0, dept_t1 = 0, dept_t2 = 0;
  long long point_v11 = 0, point_v21 = 0;     // village rooms
  std::map<std::string, long long> accounts;  // login -> id
};

struct Session {
  std::string token;
  std::string csrf;
};

class ApiTest : public BackendTest {
 protected:
  void SetUp() override;

  // Sends a request. as: "" for anonymous, or a fixture login (a fresh session is opened directly in the
  // database, so tests do not pay for argon2 on every call). The CSRF token is sent unless csrf is false. A
  // body goes as content_type.
  http::Response call(const std::string& method, const std::string& target, const std::string& body = "",
                      const std::string& as = "", bool csrf = true,
                      const std::string& content_type = "application/json");
  http::Response raw(http::Request req);
  Session open_session(long long account_id);
  nlohmann::json json_of(const http::Response& r);
  long long count(const std::string& table);

  Fixture fx;
  ledger::Signer signer = ledger::Signer::generate("fishbowl/test").value();
  http::Metrics metrics;
  http::RateLimiter limiter;
  std::unique_ptr<http::Api> api;
};

}  // namespace fishbowl::testing
