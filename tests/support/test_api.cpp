#include "support/test_api.h"

#include "auth/auth.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "ledger/ledger.h"
#include "org/org.h"

namespace fishbowl::testing {

namespace {

const std::string& shared_hash() {
  static const std::string h = auth::hash_password(kPassword);
  return h;
}

template <class T>
T ok(Result<T> r) {
  if (!r) throw std::runtime_error("fixture: " + r.error().code + " " + r.error().message);
  return std::move(r.value());
}

}  // namespace

void ApiTest::SetUp() {
  BackendTest::SetUp();
  http::Config config;
  config.access_log = false;
  config.login_per_minute = 100000;
  config.anonymous_writes_per_minute = 100000;
  config.uploads_per_minute = 100000;
  config.tracking_per_minute = 100000;
  config.ledger_verifier_key = signer.verifier_key();
  api = http::make_api(http::App{db(), config, metrics, limiter});

  ok(run_command(db(), Actor::system(), [&](Command& cmd) -> Status {
    using org::RegionInput;
    fx.county = ok(org::create_region(cmd, RegionInput{std::nullopt, "county", "999901", "测试县"})).id;
    fx.town1 = ok(org::create_region(cmd, RegionInput{fx.county, "town", "999901001", "一镇"})).id;
    fx.town2 = ok(org::create_region(cmd, RegionInput{fx.county, "township", "999901002", "二乡"})).id;
    fx.village11 = ok(org::create_region(cmd, RegionInput{fx.town1, "village", "999901001001", "一村"})).id;
    fx.village12 =
        ok(org::create_region(cmd, RegionInput{fx.town1, "community", "999901001002", "一社区"})).id;
    fx.village21 = ok(org::create_region(cmd, RegionInput{fx.town2, "village", "999901002001", "二村"})).id;
    fx.dept_county = ok(org::create_department(cmd, {fx.county, "D001", "县民政局", "0999-1"})).id;
    fx.dept_t1 = ok(org::create_department(cmd, {fx.town1, "D101", "一镇财政所", ""})).id;
    fx.dept_t2 = ok(org::create_department(cmd, {fx.town2, "D201", "二乡财政所", ""})).id;
    fx.point_v11 =
        ok(org::create_service_point(cmd, {fx.village11, "room", "一村便民服务室", "", "", {}})).id;
    fx.point_v21 =
        ok(org::create_service_point(cmd, {fx.village21, "room", "二村便民服务室", "", "", {}})).id;
    auto add = [&](const std::string& login, std::optional<auth::GrantInput> grant) {
      fx.accounts[login] = ok(auth::create_account(cmd, {login, login, "", grant, shared_hash()})).id;
    };
    add("admin", auth::GrantInput{"admin", fx.county, std::nullopt});
    add("townadmin", auth::GrantInput{"admin", fx.town1, std::nullopt});
    add("supervisor", auth::GrantInput{"supervisor", fx.county, std::nullopt});
    add("staff", auth::GrantInput{"staff", std::nullopt, fx.dept_county});
    add("agent", auth::GrantInput{"agent", fx.village11, std::nullopt});
    add("citizen", auth::GrantInput{"citizen", std::nullopt, std::nullopt});
    return ok_status();
  }));
  ok(ledger::make_checkpoint(db(), signer));
}

Session ApiTest::open_session(long long account_id) {
  Session s{base64url(random_bytes(32)), base64url(random_bytes(32))};
  std::string hash = to_hex(sha256(s.token));
  std::string now = now_utc();
  std::string expires = format_utc(std::chrono::system_clock::now() + std::chrono::hours(1));
  ok(db().write([&](soci::session& sql) -> Status {
    sql << "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at) "
           "VALUES (:h, :a, :c, :t, :e)",
        soci::use(hash), soci::use(account_id), soci::use(s.csrf), soci::use(now), soci::use(expires);
    return ok_status();
  }));
  return s;
}

http::Response ApiTest::call(const std::string& method, const std::string& target, const std::string& body,
                             const std::string& as, bool csrf, const std::string& content_type) {
  http::Request req;
  req.method = method;
  auto q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) req.query = target.substr(q + 1);
  req.body = body;
  req.client_ip = "127.0.0.1";
  if (!body.empty()) req.headers.emplace_back("content-type", content_type);
  if (!as.empty()) {
    auto s = open_session(fx.accounts.at(as));
    req.headers.emplace_back("cookie", "fishbowl_session=" + s.token);
    if (csrf) req.headers.emplace_back("x-csrf-token", s.csrf);
  }
  return api->handle(req);
}

http::Response ApiTest::raw(http::Request req) {
  return api->handle(req);
}

nlohmann::json ApiTest::json_of(const http::Response& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.body;
  return j;
}

long long ApiTest::count(const std::string& table) {
  return db()
      .read([&](soci::session& sql) -> Result<long long> {
        long long n = 0;
        sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
        return n;
      })
      .value();
}

}  // namespace fishbowl::testing
