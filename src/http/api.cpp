#include "http/api.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/text.h"
#include "http/metrics.h"
#include "http/rate_limit.h"
#include "http/response_cache.h"
#include "http/static_files.h"

namespace fishbowl::http {

namespace {

constexpr std::size_t kMaxPath = 2048;
constexpr std::size_t kMaxQueryParams = 50;

bool state_changing(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

// Matches "/api/v1/regions/{id}" against segments; fills params with decoded values.
bool match(const std::string& pattern, const std::vector<std::string>& segments,
           std::map<std::string, std::string>& params) {
  auto parts = split_path(pattern);
  if (parts.size() != segments.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& p = parts[i];
    auto close = p.find('}');
    if (p.size() > 2 && p.front() == '{' && close != std::string::npos) {
      // "{code}.xml": the parameter is what precedes the literal suffix.
      std::string_view suffix = std::string_view(p).substr(close + 1);
      std::string_view segment = segments[i];
      if (segment.size() <= suffix.size() || segment.substr(segment.size() - suffix.size()) != suffix)
        return false;
      segment.remove_suffix(suffix.size());
      std::string decoded;
      if (!percent_decode(segment, decoded, false)) return false;
      found[p.substr(1, close - 1)] = decoded;
    } else if (p != segments[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

Result<std::map<std::string, std::string>> parse_query(const std::string& q) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < q.size()) {
    auto amp = q.find('&', start);
    if (amp == std::string::npos) amp = q.size();
    std::string_view pair(q.data() + start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    std::string key, value;
    if (!percent_decode(pair.substr(0, eq), key, true) ||
        !percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), value, true))
      return Error::bad_request("request.malformed_query", "查询参数的编码不正确");
    if (!is_valid_utf8(key) || !is_valid_utf8(value))
      return Error::bad_request("request.invalid_utf8", "请求含有无效的 UTF-8 字符");
    if (out.size() >= kMaxQueryParams) return Error::bad_request("request.malformed_query", "查询参数过多");
    out[key] = value;
  }
  return out;
}

std::string cookie_value(const std::string& header, std::string_view name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    auto end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view item(header.data() + pos, end - pos);
    auto eq = item.find('=');
    if (eq != std::string_view::npos && item.substr(0, eq) == name) return std::string(item.substr(eq + 1));
    pos = end + 1;
  }
  return {};
}

// Answers If-None-Match with 304 when the ETag matches; HEAD gets the headers only.
Response conditional(const Request& req, Response res) {
  std::string inm = req.header("if-none-match");
  if (!inm.empty()) {
    for (const auto& [k, v] : res.headers)
      if (k == "ETag" && inm.find(v) != std::string::npos) {
        res.status = 304;
        res.body.clear();
        return res;
      }
  }
  if (req.method == "HEAD") res.body.clear();
  return res;
}

}  // namespace

Api::Api(App app) : app_(std::move(app)), cache_(std::make_unique<ResponseCache>()) {}

Api::~Api() = default;

void Api::add(Route route) {
  routes_.push_back(std::move(route));
}

Response Api::handle(const Request& req) {
  auto start = std::chrono::steady_clock::now();
  std::string route_label = "(unmatched)";
  Response res;
  try {
    res = dispatch(req, route_label);
  } catch (const std::exception& e) {
    spdlog::error("unhandled exception on {} {}: {}", req.method, route_label, e.what());
    res = error_response(Error::internal("internal", "服务器内部错误"));
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  app_.metrics.observe(req.method, route_label, res.status, seconds);
  if (!app_.config.access_log) return res;
  // Access log: one JSON line per request; route patterns only (paths and queries may carry personal data),
  // no addresses, no cookies, no bodies.
  nlohmann::json line = {{"t", now_utc()},
                         {"method", req.method},
                         {"route", route_label},
                         {"status", res.status},
                         {"ms", seconds * 1000.0},
                         {"bytes_in", req.body.size()},
                         {"bytes_out", res.body.size()}};
  std::fprintf(stdout, "%s\n", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  return res;
}

Response Api::dispatch(const Request& req, std::string& route_label) {
  if (req.path.empty() || req.path[0] != '/' || req.path.size() > kMaxPath)
    return error_response(Error::bad_request("request.malformed_path", "请求路径不正确"));
  std::string decoded_path;
  if (!percent_decode(req.path, decoded_path, false))
    return error_response(Error::bad_request("request.malformed_path", "请求路径的编码不正确"));
  if (!is_valid_utf8(decoded_path))
    return error_response(Error::bad_request("request.invalid_utf8", "请求含有无效的 UTF-8 字符"));
  // What cannot be read is answered once the route is known, in the route's own error format.
  std::optional<Error> unreadable;
  if (!is_valid_utf8(req.body))
    unreadable = Error::bad_request("request.invalid_utf8", "请求含有无效的 UTF-8 字符");
  for (const auto& [name, value] : req.headers)
    if (!unreadable && !is_valid_utf8(value))
      unreadable = Error::bad_request("request.invalid_utf8", "请求头含有无效的 UTF-8 字符");
  auto query = parse_query(req.query);
  if (!unreadable && !query) unreadable = query.error();

  // Routing. HEAD is answered as GET without the body.
  const std::string method = req.method == "HEAD" ? "GET" : req.method;
  auto segments = split_path(req.path);
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::string allowed;
  for (const auto& r : routes_) {
    std::map<std::string, std::string> p;
    if (!match(r.pattern, segments, p)) continue;
    if (r.method == method) {
      route = &r;
      params = std::move(p);
      break;
    }
    allowed += (allowed.empty() ? "" : ", ") + r.method;
  }
  if (!route) {
    if (unreadable) return error_response(*unreadable);
    if (!allowed.empty()) {
      route_label = "(method not allowed)";
      Response r = error_response(
          Error{ErrorKind::method_not_allowed, "request.method_not_allowed", "该地址不支持此请求方法", ""});
      r.headers.emplace_back("Allow", allowed);
      return r;
    }
    if (method == "GET" && req.path.rfind("/api/", 0) != 0) {
      route_label = "(static)";
      if (auto r = serve_static(app_.config, req, decoded_path)) return *r;
    }
    return error_response(Error::not_found("request.not_found", "请求的地址不存在"));
  }
  route_label = route->pattern;
  auto fail = [route](const Error& e) {
    return route->error_body ? route->error_body(e) : error_response(e);
  };
  if (unreadable) return fail(*unreadable);

  std::size_t limit = route->max_body ? route->max_body : app_.config.default_body_limit;
  if (req.body.size() > limit)
    return fail(Error{ErrorKind::payload_too_large, "request.too_large",
                      fmt::format("请求内容过大（上限 {} 字节）", limit), ""});
  if (!req.body.empty()) {
    std::string type = req.header("content-type");
    const char* wanted = route->form_body ? "application/x-www-form-urlencoded" : "application/json";
    if (type.rfind(wanted, 0) != 0)
      return fail(Error{ErrorKind::unsupported_media_type, "request.unsupported_media_type",
                        fmt::format("请求内容必须是 {}", wanted), ""});
  }

  // Public reads that depend only on the URL are answered from the cache, without a session lookup. The day
  // (in China) is part of the key: lateness, open notices and the like change at midnight without a commit.
  std::string cache_key;
  if (route->cacheable) {
    cache_key = format_date(china_today()) + " " + req.path + "?" + req.query;
    if (auto hit = cache_->get(cache_key, app_.db.commits())) return conditional(req, std::move(*hit));
  }

  std::optional<auth::Principal> principal;
  if (auto token = cookie_value(req.header("cookie"), "fishbowl_session");
      app_.config.sessions && !token.empty())
    principal = auth::authenticate(app_.db, token);

  int retry_after = 0;
  auto too_many = [&](int retry) {
    Response r = fail(Error{ErrorKind::rate_limited, "request.rate_limited", "请求过于频繁，请稍后再试", ""});
    r.headers.emplace_back("Retry-After", std::to_string(retry));
    return r;
  };
  if (route->rate == RateClass::login &&
      !app_.limiter.allow("login", req.client_ip, app_.config.login_per_minute, retry_after))
    return too_many(retry_after);
  if (route->rate == RateClass::upload &&
      !app_.limiter.allow("upload", req.client_ip, app_.config.uploads_per_minute, retry_after))
    return too_many(retry_after);
  if (state_changing(method)) {
    if (principal) {
      // Double check against cross-site requests: SameSite=Strict cookies, and the session's own CSRF token.
      if (!equal_secret(req.header("x-csrf-token"), principal->csrf_token))
        return fail(Error::forbidden("auth.csrf_failed", "缺少或错误的 CSRF 令牌，请刷新页面后重试"));
    } else if (route->rate != RateClass::login &&
               !app_.limiter.allow("anonymous", req.client_ip, app_.config.anonymous_writes_per_minute,
                                   retry_after)) {
      return too_many(retry_after);
    }
  }

  Call call{req, std::move(params), std::move(query.value()), principal ? &*principal : nullptr, app_};
  if (route->permission != auth::Permission::public_read && !call.principal)
    return fail(Error::unauthenticated("auth.required", "请先登录"));
  auth::Target target = auth::Target::everything();
  if (route->target) {
    auto t = route->target(call);
    if (!t) return fail(t.error());
    target = std::move(t.value());
  }
  if (auto allowed_now = auth::authorize(call.principal, route->permission, target); !allowed_now)
    return fail(allowed_now.error());

  unsigned long long commits_before = app_.db.commits();
  auto result = route->handler(call);
  Response res = result ? std::move(result.value()) : fail(result.error());
  if (route->cacheable) {
    cache_->put(cache_key, commits_before, res);
    return conditional(req, std::move(res));
  }
  if (req.method == "HEAD") res.body.clear();
  return res;
}

std::unique_ptr<Api> make_api(App app) {
  auto api = std::make_unique<Api>(std::move(app));
  add_system_routes(*api);
  add_org_routes(*api);
  add_auth_routes(*api);
  add_event_routes(*api);
  add_ledger_routes(*api);
  add_services_routes(*api);
  add_cases_routes(*api);
  add_rating_routes(*api);
  add_search_routes(*api);
  add_disclosure_routes(*api);
  add_info_request_routes(*api);
  add_annual_report_routes(*api);
  add_village_routes(*api);
  add_ticket_figure_routes(*api);
  add_ticket_category_routes(*api);
  add_hotline_routes(*api);
  add_knowledge_routes(*api);
  add_open311_routes(*api);
  return api;
}

}  // namespace fishbowl::http
