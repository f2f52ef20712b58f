// Open311 GeoReport v2 under /open311/v2/, every method in .xml and .json, and the county admins' routes
// that issue and revoke the clients' API keys. Beyond the spec: page/page_size, and extensions=true adding
// each request's public history as notes.
#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>

#include "core/json_input.h"
#include "hotline/open311.h"
#include "http/api.h"
#include "http/form.h"
#include "http/open311_format.h"

namespace fishbowl::http {

namespace {

using auth::Permission;
using open311::Doc;
using open311::Format;

constexpr const char* kChangeset = "2026-12-04T00:00:00+08:00";  // when this interface last changed
constexpr std::size_t kMaxIds = 200;

// The first value of a field, "" when absent (the spec treats empty and absent alike).
std::string field(const FormFields& f, std::string_view name) {
  for (const auto& [k, v] : f)
    if (k == name) return v;
  return {};
}

// Every value of a field that may be repeated and comma delimited.
std::vector<std::string> list_field(const FormFields& f, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : f) {
    if (k != name) continue;
    std::size_t start = 0;
    while (start <= v.size()) {
      auto comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      auto item = v.substr(start, comma - start);
      auto first = item.find_first_not_of(' '), last = item.find_last_not_of(' ');
      if (first != std::string::npos) out.push_back(item.substr(first, last - first + 1));
      start = comma + 1;
    }
  }
  return out;
}

Result<hotline::Jurisdiction> jurisdiction(Call& c, const FormFields& f) {
  return hotline::find_jurisdiction(c.app.db, field(f, "jurisdiction_id"));
}

Error bad(std::string message) {
  return Error::bad_request("open311.bad_request", std::move(message));
}

Result<long long> whole_number(const FormFields& f, const char* name, long long fallback, long long max) {
  std::string v = field(f, name);
  if (v.empty()) return fallback;
  long long n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n < 1 || n > max)
    return bad(fmt::format("{} 应为 1 至 {} 的整数", name, max));
  return n;
}

Result<bool> extensions(const FormFields& f) {
  std::string v = field(f, "extensions");
  if (v.empty() || v == "false") return false;
  if (v == "true") return true;
  return bad("extensions 应为 true 或 false");
}

Doc request_doc(const hotline::ServiceRequest& s, bool with_notes) {
  Doc d{{"service_request_id", s.service_request_id},
        {"status", s.status},
        {"status_notes", open311::text_or_null(s.status_notes)},
        {"service_name", s.service_name},
        {"service_code", open311::text_or_null(s.service_code)},
        {"description", open311::text_or_null(s.description)},
        {"agency_responsible", open311::text_or_null(s.agency_responsible)},
        {"service_notice", open311::text_or_null(s.service_notice)},
        {"requested_datetime", open311::local_datetime(s.requested_at)},
        {"updated_datetime", open311::local_datetime(s.updated_at)},
        {"expected_datetime", open311::text_or_null(open311::local_datetime(s.expected_at))},
        {"address", open311::text_or_null(s.address)},
        {"address_id", open311::text_or_null(s.address_id)},
        {"zipcode", nullptr},
        {"lat", s.lat ? Doc(*s.lat) : Doc(nullptr)},
        {"long", s.lon ? Doc(*s.lon) : Doc(nullptr)},
        {"media_url", open311::text_or_null(s.media_url)}};
  if (with_notes) {
    Doc notes = Doc::array();
    for (const auto& n : s.notes)
      notes.push_back({{"datetime", open311::local_datetime(n.at)},
                       {"summary", n.summary},
                       {"type", n.type},
                       {"description", open311::text_or_null(n.description)}});
    d["notes"] = std::move(notes);
  }
  return d;
}

// The base URL for discovery, from the Host header when it is a plain host[:port].
std::string base_url(Call& c) {
  std::string host = c.req.header("host");
  bool plain = !host.empty() && host.size() <= 255;
  for (char ch : host)
    plain = plain && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == ':' ||
                      ch == '[' || ch == ']');
  if (!plain) return "/open311/v2";
  return (c.app.config.secure_cookies ? "https://" : "http://") + host + "/open311/v2";
}

Result<Response> discovery(Call& c, Format f) {
  Doc endpoint{{"specification", "http://wiki.open311.org/GeoReport_v2"},
               {"url", base_url(c)},
               {"changeset", kChangeset},
               {"type", "production"},
               {"formats", Doc::array({"text/xml", "application/json"})}};
  Doc d{
      {"changeset", kChangeset},
      {"contact", "12345 政务服务便民热线（非紧急救助联动平台）"},
      {"key_service", "提交诉求需要 API 密钥（api_key），请向县政务服务和数据管理局申请，由县级管理员签发。"},
      {"endpoints", Doc::array({endpoint})}};
  return open311::document(f, 200, "discovery", d);
}

Result<Response> services(Call& c, Format f) {
  auto q = parse_form(c.req.query);
  if (!q) return q.error();
  if (auto j = jurisdiction(c, *q); !j) return j.error();
  auto all = hotline::list_categories(c.app.db);
  if (!all) return all.error();
  Doc list = Doc::array();
  for (const auto& cat : *all)
    list.push_back({{"service_code", cat.code},
                    {"service_name", cat.name},
                    {"description", open311::text_or_null(cat.description)},
                    {"metadata", !cat.attributes.empty()},
                    {"type", "realtime"},
                    {"keywords", open311::text_or_null(cat.keywords)},
                    {"group", open311::text_or_null(cat.group)}});
  return open311::document(f, 200, "services", list);
}

Result<Response> definition(Call& c, Format f) {
  auto q = parse_form(c.req.query);
  if (!q) return q.error();
  if (auto j = jurisdiction(c, *q); !j) return j.error();
  auto cat = hotline::get_category(c.app.db, c.params["service_code"]);
  if (!cat) return cat.error();
  Doc attributes = Doc::array();
  for (const auto& a : cat->attributes) {
    Doc attr{{"variable", a.variable},
             {"code", a.code},
             {"datatype", a.datatype},
             {"required", a.required},
             {"datatype_description", open311::text_or_null(a.datatype_description)},
             {"order", a.order},
             {"description", a.description}};
    if (a.datatype == "singlevaluelist" || a.datatype == "multivaluelist") {
      Doc values = Doc::array();
      for (const auto& v : a.values) values.push_back({{"key", v.key}, {"name", v.name}});
      attr["values"] = std::move(values);
    }
    attributes.push_back(std::move(attr));
  }
  return open311::document(f, 200, "service_definition",
                           Doc{{"service_code", cat->code}, {"attributes", std::move(attributes)}});
}

Result<std::optional<double>> coordinate(const FormFields& f, const char* name) {
  std::string v = field(f, name);
  if (v.empty()) return std::optional<double>{};
  double x = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(x))
    return Error::invalid("open311.invalid_location", fmt::format("{} 应为 WGS84 坐标数值", name), name);
  return std::optional<double>{x};
}

Result<Response> post_request(Call& c, Format f) {
  auto body = parse_form(c.req.body);
  if (!body) return body.error();
  auto query = parse_form(c.req.query);
  if (!query) return query.error();
  // The key may come in the body (as the spec's example sends it) or in the query.
  std::string secret = field(*body, "api_key");
  if (secret.empty()) secret = field(*query, "api_key");
  auto key = hotline::find_api_key(c.app.db, secret);
  if (!key)
    return Error::forbidden("open311.invalid_api_key", secret.empty()
                                                           ? "缺少 api_key，无法提交诉求"
                                                           : "api_key 无效或已被吊销，无法提交诉求");
  auto j = jurisdiction(c, *body);
  if (!j) return j.error();

  hotline::RequestInput in;
  in.key_id = *key;
  in.region_id = j->region_id;
  in.service_code = field(*body, "service_code");
  if (in.service_code.empty()) return bad("缺少 service_code");
  auto lat = coordinate(*body, "lat");
  if (!lat) return lat.error();
  auto lon = coordinate(*body, "long");
  if (!lon) return lon.error();
  in.lat = *lat;
  in.lon = *lon;
  for (auto [name, target] : {std::pair{"address_string", &in.address_string},
                              {"address_id", &in.address_id},
                              {"email", &in.email},
                              {"device_id", &in.device_id},
                              {"account_id", &in.account_id},
                              {"first_name", &in.first_name},
                              {"last_name", &in.last_name},
                              {"phone", &in.phone},
                              {"description", &in.description},
                              {"media_url", &in.media_url}})
    *target = field(*body, name);
  // attribute[code]=value, and attribute[code][]=value for each value of a multivaluelist.
  for (const auto& [k, v] : *body) {
    if (k.rfind("attribute[", 0) != 0) continue;
    std::string code = k.substr(10);
    if (code.size() >= 3 && code.compare(code.size() - 3, 3, "][]") == 0)
      code.resize(code.size() - 3);
    else if (!code.empty() && code.back() == ']')
      code.pop_back();
    else
      return bad("attribute 参数应写作 attribute[code]=value 或 attribute[code][]=value");
    in.attributes.emplace(code, v);
  }
  auto filed = run_command(c.app.db, c.actor(), [&](Command& cmd) { return hotline::file_request(cmd, in); });
  if (!filed) return filed.error();
  // realtime: the id at once, so no token (the spec returns one or the other); the token still resolves.
  Doc d = Doc::array({Doc{{"service_request_id", filed->service_request_id},
                          {"service_notice", open311::text_or_null(filed->service_notice)},
                          {"account_id", nullptr}}});
  return open311::document(f, 201, "service_requests", d);
}

Result<Response> get_requests(Call& c, Format f) {
  auto q = parse_form(c.req.query);
  if (!q) return q.error();
  auto j = jurisdiction(c, *q);
  if (!j) return j.error();
  hotline::RequestQuery rq;
  rq.region_path = j->path;
  rq.ids = list_field(*q, "service_request_id");
  if (rq.ids.size() > kMaxIds) return bad(fmt::format("service_request_id 一次至多 {} 个", kMaxIds));
  rq.service_codes = list_field(*q, "service_code");
  if (rq.service_codes.size() > kMaxIds) return bad(fmt::format("service_code 一次至多 {} 个", kMaxIds));
  rq.statuses = list_field(*q, "status");
  for (const auto& s : rq.statuses)
    if (s != "open" && s != "closed") return bad("status 只能是 open 或 closed");

  // The window: at most 90 days, the most recent 90 by default, or 90 from whichever end is given.
  constexpr auto kSpan = std::chrono::days(90);
  std::optional<TimePoint> from, to;
  for (auto [name, target] : {std::pair{"start_date", &from}, {"end_date", &to}}) {
    std::string v = field(*q, name);
    if (v.empty()) continue;
    *target = parse_utc(v);
    if (!*target) return bad(fmt::format("{} 应为带时区的 W3C 时间，如 2026-01-01T00:00:00+08:00", name));
  }
  if (!from && !to) to = std::chrono::system_clock::now();
  if (!from) from = *to - kSpan;
  if (!to) to = *from + kSpan;
  if (*to < *from) return bad("end_date 不能早于 start_date");
  if (*to - *from > kSpan) return bad("start_date 与 end_date 相隔不能超过 90 天");
  rq.from = format_utc(*from);
  rq.to = format_utc(*to);

  auto page = whole_number(*q, "page", 1, 100000);
  if (!page) return page.error();
  auto size = whole_number(*q, "page_size", 1000, 1000);
  if (!size) return size.error();
  auto notes = extensions(*q);
  if (!notes) return notes.error();
  rq.page = static_cast<int>(*page);
  rq.page_size = static_cast<int>(*size);
  rq.with_notes = *notes;
  auto found = hotline::find_requests(c.app.db, rq);
  if (!found) return found.error();
  Doc list = Doc::array();
  for (const auto& s : *found) list.push_back(request_doc(s, *notes));
  return open311::document(f, 200, "service_requests", list);
}

Result<Response> get_request(Call& c, Format f) {
  auto q = parse_form(c.req.query);
  if (!q) return q.error();
  auto j = jurisdiction(c, *q);
  if (!j) return j.error();
  auto notes = extensions(*q);
  if (!notes) return notes.error();
  auto s = hotline::get_request(c.app.db, j->path, c.params["service_request_id"], *notes);
  if (!s) return s.error();
  return open311::document(f, 200, "service_requests", Doc::array({request_doc(*s, *notes)}));
}

Result<Response> token(Call& c, Format f) {
  auto q = parse_form(c.req.query);
  if (!q) return q.error();
  if (auto j = jurisdiction(c, *q); !j) return j.error();
  const std::string& token = c.params["token"];
  auto id = hotline::request_of_token(c.app.db, token);
  if (!id) return id.error();
  return open311::document(f, 200, "service_requests",
                           Doc::array({Doc{{"service_request_id", *id}, {"token", token}}}));
}

Route open311_route(const char* method, const std::string& pattern, Format f,
                    Result<Response> (*handle)(Call&, Format)) {
  Route r{method, pattern + "." + open311::extension(f), Permission::public_read, nullptr,
          [f, handle](Call& c) { return handle(c, f); }};
  r.error_body = [f](const Error& e) { return open311::error(f, e); };
  return r;
}

nlohmann::json key_json(const hotline::ApiKey& k) {
  auto opt = [](const std::optional<long long>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"id", k.id},
          {"name", k.name},
          {"prefix", k.prefix},
          {"created_at", k.created_at},
          {"created_by", opt(k.created_by)},
          {"revoked_at", k.revoked_at},
          {"revoked_by", opt(k.revoked_by)},
          {"active", k.revoked_at.empty()}};
}

}  // namespace

void add_open311_routes(Api& api) {
  for (Format f : {Format::xml, Format::json}) {
    const std::string base = "/open311/v2/";
    api.add(open311_route("GET", base + "discovery", f, discovery));
    auto list = open311_route("GET", base + "services", f, services);
    list.cacheable = true;
    api.add(std::move(list));
    auto one = open311_route("GET", base + "services/{service_code}", f, definition);
    one.cacheable = true;
    api.add(std::move(one));
    auto post = open311_route("POST", base + "requests", f, post_request);
    post.form_body = true;
    api.add(std::move(post));
    api.add(open311_route("GET", base + "requests", f, get_requests));
    api.add(open311_route("GET", base + "requests/{service_request_id}", f, get_request));
    api.add(open311_route("GET", base + "tokens/{token}", f, token));
  }

  // Keys: county admins only (the whole deployment is the target).
  api.add({"GET", "/api/v1/open311/keys", Permission::open311_keys, nullptr, [](Call& c) -> Result<Response> {
             auto keys = hotline::list_api_keys(c.app.db);
             if (!keys) return keys.error();
             auto items = nlohmann::json::array();
             for (const auto& k : *keys) items.push_back(key_json(k));
             return Response::json(200, {{"items", items}});
           }});
  api.add(
      {"POST", "/api/v1/open311/keys", Permission::open311_keys, nullptr, [](Call& c) -> Result<Response> {
         auto body = c.json();
         if (!body) return body.error();
         JsonInput in(*body);
         std::string name = in.text("name", 64);
         if (auto e = in.error()) return *e;
         auto issued = run_command(c.app.db, c.actor(),
                                   [&](Command& cmd) { return hotline::issue_api_key(cmd, name); });
         if (!issued) return issued.error();
         auto j = key_json(issued->key);
         j["key"] = issued->secret;  // the only time it is shown
         return Response::json(201, j);
       }});
  api.add({"POST", "/api/v1/open311/keys/{id}/revoke", Permission::open311_keys, nullptr,
           [](Call& c) -> Result<Response> {
             auto id = c.id("id", "open311_key");
             if (!id) return id.error();
             auto revoked = run_command(c.app.db, c.actor(),
                                        [&](Command& cmd) { return hotline::revoke_api_key(cmd, *id); });
             if (!revoked) return revoked.error();
             return Response::json(200, key_json(*revoked));
           }});
}

}  // namespace fishbowl::http
