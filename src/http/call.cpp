#include <fmt/format.h>

#include <charconv>

#include "core/json_input.h"
#include "core/text.h"
#include "http/api.h"
#include "http/rate_limit.h"
#include "org/org.h"

namespace fishbowl::http {

namespace {
std::optional<long long> positive_id(const std::string& s) {
  long long v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0 || s.size() > 16) return std::nullopt;
  return v;
}
}  // namespace

std::string Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

Result<long long> Call::id(const char* name, const char* what) const {
  auto it = params.find(name);
  auto v = it == params.end() ? std::nullopt : positive_id(it->second);
  if (!v) return Error::not_found(fmt::format("{}.not_found", what), "找不到该对象");
  return *v;
}

Result<std::optional<long long>> Call::query_id(const char* name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::optional<long long>();
  auto v = positive_id(it->second);
  if (!v) return Error::invalid("query.invalid_id", fmt::format("参数 {} 应为正整数", name), name);
  return std::optional<long long>(*v);
}

Result<long long> Call::query_number(const char* name, long long fallback, long long min,
                                     long long max) const {
  auto it = query.find(name);
  if (it == query.end()) return fallback;
  long long v = 0;
  auto [ptr, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || ptr != it->second.data() + it->second.size() || v < min || v > max)
    return Error::invalid("query.out_of_range",
                          fmt::format("参数 {} 应为 {} 到 {} 之间的整数", name, min, max), name);
  return v;
}

Result<std::optional<std::string>> Call::query_text(const char* name, std::size_t max_chars) const {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return std::optional<std::string>();
  if (!is_valid_utf8(it->second) || has_control_chars(it->second) || utf8_length(it->second) > max_chars)
    return Error::invalid("query.invalid_text",
                          fmt::format("参数 {} 应为不超过 {} 个字符的文本", name, max_chars), name);
  return std::optional<std::string>(it->second);
}

Result<std::optional<std::string>> Call::query_choice(const char* name,
                                                      const std::vector<std::string>& allowed) const {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return std::optional<std::string>();
  for (const auto& a : allowed)
    if (a == it->second) return std::optional<std::string>(a);
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  return Error::invalid("query.invalid_choice", fmt::format("参数 {} 的取值必须是 {} 之一", name, list),
                        name);
}

Result<std::optional<Date>> Call::query_date(const char* name) const {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return std::optional<Date>();
  if (auto d = parse_date(it->second)) return std::optional<Date>(*d);
  return Error::invalid("query.invalid_date", fmt::format("参数 {} 应为日期，格式 YYYY-MM-DD", name), name);
}

Status Call::guard_tracking(const char* kind, const std::string& number) const {
  int retry_after = 0;
  if (app.limiter.allow(std::string("track:") + kind, number, app.config.tracking_per_minute, retry_after))
    return ok_status();
  return Error{ErrorKind::rate_limited, "request.rate_limited",
               fmt::format("该编号查询次数过多，请 {} 秒后再试", retry_after), ""};
}

Result<nlohmann::json> Call::json() const {
  return parse_json_object(req.body);
}

Result<auth::Target> query_scope_target(Call& c) {
  auto department = c.query_id("department_id");
  auto region = c.query_id("region_id");
  if (!department) return department.error();
  if (!region) return region.error();
  if (*department) {
    auto d = org::get_department(c.app.db, **department);
    if (!d) return Error::invalid("department.not_found", "部门不存在", "department_id");
    auto r = org::get_region(c.app.db, d->region_id);
    if (!r) return r.error();
    return auth::Target{r->path, d->id};
  }
  if (*region) {
    auto r = org::get_region(c.app.db, **region);
    if (!r) return Error::invalid("region.not_found", "行政区划不存在", "region_id");
    return auth::Target{r->path, std::nullopt};
  }
  return auth::Target::everything();
}

}  // namespace fishbowl::http
