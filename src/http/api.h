#pragma once
// The small request/response interface the routes see. RESTinio stays inside server.cpp; everything here can
// be driven in-process by tests, which call Api::handle() with a Request and read the Response.
#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/auth.h"
#include "core/calendar.h"
#include "core/error.h"
#include "storage/database.h"

namespace fishbowl::monitor {
class Monitor;
}

namespace fishbowl::http {

struct Request {
  std::string method;                                        // upper case
  std::string path;                                          // raw, percent-encoded, without the query
  std::string query;                                         // raw query string, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string client_ip;

  std::string header(std::string_view name) const;  // "" when absent
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(int status, const nlohmann::json& body);
  static Response no_content();
};

class Metrics;
class RateLimiter;
class ResponseCache;

struct Config {
  std::size_t default_body_limit = 64 * 1024;
  bool secure_cookies = false;  // add Secure to cookies (behind TLS)
  int session_hours = 12;
  std::string web_root;  // built front end; empty: none
  double login_per_minute = 10;
  double anonymous_writes_per_minute = 30;
  double uploads_per_minute = 12;   // files anyone may upload (for tickets), per address
  double tracking_per_minute = 6;   // attempts at one tracking number, from any address
  bool access_log = true;           // one JSON line per request on stdout
  std::string ledger_verifier_key;  // published at /api/v1/ledger/key
  bool sessions = true;             // look up session cookies (a monitoring node has no accounts)
  int follow_up_days = 5;           // working days to answer a rating of 1 or 2
};

// What a route handler gets.
struct App {
  Database& db;
  Config config;
  Metrics& metrics;
  RateLimiter& limiter;
  // Every deadline in working days counts through this one calendar.
  const WorkCalendar& calendar = WorkCalendar::builtin();
};

struct Call {
  const Request& req;
  std::map<std::string, std::string> params;  // path parameters, decoded
  std::map<std::string, std::string> query;   // query parameters, decoded
  const auth::Principal* principal = nullptr;
  App& app;

  // A path parameter that must be a positive id; 404 <what>.not_found when it is not one.
  Result<long long> id(const char* name, const char* what) const;
  // A query parameter that, when present, must be a positive id; 422 naming it otherwise.
  Result<std::optional<long long>> query_id(const char* name) const;
  // A query parameter that, when present, must be an integer in [min, max]; fallback when absent.
  Result<long long> query_number(const char* name, long long fallback, long long min, long long max) const;
  // A query parameter that, when present, must be text of at most max_chars code points, or one of `allowed`.
  Result<std::optional<std::string>> query_text(const char* name, std::size_t max_chars) const;
  Result<std::optional<std::string>> query_choice(const char* name,
                                                  const std::vector<std::string>& allowed) const;
  // A query parameter that, when present, must be a date "YYYY-MM-DD".
  Result<std::optional<Date>> query_date(const char* name) const;
  // The body as a JSON object (400 on malformed JSON).
  Result<nlohmann::json> json() const;
  Actor actor() const { return principal ? principal->actor() : Actor{std::nullopt, "anonymous"}; }
  // A number tracked with the last four digits of a phone beside it takes only a few attempts a minute, from
  // whatever addresses, so that guessing the digits of one takes days. request.rate_limited (429) beyond.
  Status guard_tracking(const char* kind, const std::string& number) const;
};

// login: attempts at a secret (logins, tracking numbers); upload: files anyone may send, counted for every
// caller since each may be megabytes.
enum class RateClass { none, login, upload };

using Handler = std::function<Result<Response>(Call&)>;
using TargetOf = std::function<Result<auth::Target>(Call&)>;

// The target of a list narrowed by the query: one department (department_id), one region's subtree
// (region_id), or without either the whole deployment. 422 department.not_found / region.not_found.
Result<auth::Target> query_scope_target(Call& c);

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/regions/{id}"; a parameter may end its segment with a suffix: "{code}.xml"
  auth::Permission permission = auth::Permission::public_read;
  TargetOf target;  // where the action lands, for the scope check; empty: the whole deployment
  Handler handler;
  std::size_t max_body = 0;  // 0: the configured default
  RateClass rate = RateClass::none;
  bool cacheable = false;  // a public GET whose answer depends only on the URL and stored data
  bool form_body = false;  // the body is application/x-www-form-urlencoded instead of JSON
  // Renders every error of a matched route in the route's own format (an open standard's); empty: the
  // platform's JSON error.
  std::function<Response(const Error&)> error_body = nullptr;

  // A public GET whose answer depends only on the URL and stored data, so that it is cached.
  static Route public_cached(const char* pattern, Handler handler) {
    Route r{"GET", pattern, auth::Permission::public_read, nullptr, std::move(handler)};
    r.cacheable = true;
    return r;
  }
};

class Api {
 public:
  explicit Api(App app);
  ~Api();
  void add(Route route);
  const std::vector<Route>& routes() const { return routes_; }
  // The whole pipeline: input checks, routing, session, CSRF, rate limits, authorization, handler, errors,
  // metrics and the access log. Never throws.
  Response handle(const Request& req);
  App& app() { return app_; }

 private:
  Response dispatch(const Request& req, std::string& route_label);
  App app_;
  std::vector<Route> routes_;
  std::unique_ptr<ResponseCache> cache_;
};

// Maps an Error to its HTTP status and standard body {"error":{"code","message","field"}}: the one table.
int status_of(ErrorKind kind);
Response error_response(const Error& e);

// Registration of each module's routes (one routes file per module).
void add_system_routes(Api& api);
void add_org_routes(Api& api);
void add_auth_routes(Api& api);
void add_event_routes(Api& api);
void add_ledger_routes(Api& api);
void add_services_routes(Api& api);
void add_cases_routes(Api& api);
void add_rating_routes(Api& api);
void add_search_routes(Api& api);
void add_disclosure_routes(Api& api);
void add_info_request_routes(Api& api);
void add_annual_report_routes(Api& api);
void add_village_routes(Api& api);
void add_ticket_figure_routes(Api& api);    // before the hotline's, whose /tickets/{id} would take them
void add_ticket_category_routes(Api& api);  // the same
void add_hotline_routes(Api& api);
void add_knowledge_routes(Api& api);
void add_open311_routes(Api& api);

// An Api with every route of the platform registered.
std::unique_ptr<Api> make_api(App app);

// The small API of a monitoring node (status, verified checkpoint, alerts).
std::unique_ptr<Api> make_monitor_api(App app, monitor::Monitor& node);

}  // namespace fishbowl::http
