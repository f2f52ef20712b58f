#include <fmt/format.h>

#include <charconv>

#include "core/json_input.h"
#include "http/api.h"

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

Result<nlohmann::json> Call::json() const {
  return parse_json_object(req.body);
}

}  // namespace fishbowl::http
