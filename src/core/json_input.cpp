#include "core/json_input.h"

#include <fmt/format.h>

#include "core/text.h"

namespace fishbowl {

Result<nlohmann::json> parse_json_object(std::string_view body) {
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Error::bad_request("request.malformed_json", "请求内容不是有效的 JSON");
  if (!j.is_object()) return Error::bad_request("request.not_an_object", "请求内容必须是一个 JSON 对象");
  return j;
}

void JsonInput::fail(Error e) {
  if (!error_) error_ = std::move(e);
}

const nlohmann::json* JsonInput::get(const char* field, bool required) {
  seen_.insert(field);
  auto it = obj_.find(field);
  if (it == obj_.end() || it->is_null()) {
    if (required) fail(Error::invalid("field.required", fmt::format("缺少必填字段 {}", field), field));
    return nullptr;
  }
  return &*it;
}

const nlohmann::json* JsonInput::raw(const char* field) {
  return get(field, false);
}

static std::optional<std::string> read_text(JsonInput& in, const nlohmann::json* v, const char* field,
                                            std::size_t max_chars, bool required) {
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    in.fail(Error::invalid("field.wrong_type", fmt::format("字段 {} 应为文本", field), field));
    return std::nullopt;
  }
  std::string s = v->get<std::string>();
  auto first = s.find_first_not_of(" \t\r\n");
  auto last = s.find_last_not_of(" \t\r\n");
  s = first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
  if (s.empty()) {
    if (required) in.fail(Error::invalid("field.required", fmt::format("字段 {} 不能为空", field), field));
    return std::nullopt;
  }
  if (has_control_chars(s)) {
    in.fail(Error::invalid("field.invalid", fmt::format("字段 {} 含有不允许的控制字符", field), field));
    return std::nullopt;
  }
  if (utf8_length(s) > max_chars) {
    in.fail(
        Error::invalid("field.too_long", fmt::format("字段 {} 不能超过 {} 个字符", field, max_chars), field));
    return std::nullopt;
  }
  return s;
}

std::string JsonInput::text(const char* field, std::size_t max_chars) {
  return read_text(*this, get(field, true), field, max_chars, true).value_or("");
}

std::optional<std::string> JsonInput::optional_text(const char* field, std::size_t max_chars) {
  return read_text(*this, get(field, false), field, max_chars, false);
}

std::optional<std::string> JsonInput::optional_choice(const char* field,
                                                      const std::vector<std::string>& allowed) {
  auto v = read_text(*this, get(field, false), field, 64, false);
  if (!v) return std::nullopt;
  for (const auto& a : allowed)
    if (a == *v) return v;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  fail(Error::invalid("field.invalid", fmt::format("字段 {} 的取值必须是 {} 之一", field, list), field));
  return std::nullopt;
}

std::string JsonInput::choice(const char* field, const std::vector<std::string>& allowed) {
  if (!has(field)) {
    get(field, true);
    return {};
  }
  return optional_choice(field, allowed).value_or("");
}

bool JsonInput::flag(const char* field, bool fallback) {
  const auto* v = get(field, false);
  if (!v) return fallback;
  if (!v->is_boolean()) {
    fail(Error::invalid("field.wrong_type", fmt::format("字段 {} 应为 true 或 false", field), field));
    return fallback;
  }
  return v->get<bool>();
}

long long JsonInput::integer(const char* field, long long min, long long max) {
  const auto* v = get(field, true);
  if (!v) return 0;
  if (!v->is_number_integer()) {
    fail(Error::invalid("field.wrong_type", fmt::format("字段 {} 应为整数", field), field));
    return 0;
  }
  // Read as signed 64-bit; an unsigned value beyond that range is out of range, not a wrapped negative.
  if (v->is_number_unsigned() && v->get<unsigned long long>() > static_cast<unsigned long long>(max)) {
    fail(Error::invalid("field.out_of_range", fmt::format("字段 {} 超出允许范围", field), field));
    return 0;
  }
  long long n = v->get<long long>();
  if (n < min || n > max) {
    fail(Error::invalid("field.out_of_range", fmt::format("字段 {} 超出允许范围", field), field));
    return 0;
  }
  return n;
}

long long JsonInput::id(const char* field) {
  return integer(field, 1, (1LL << 53));
}

std::optional<long long> JsonInput::optional_id(const char* field) {
  if (!has(field)) {
    seen_.insert(field);
    return std::nullopt;
  }
  return id(field);
}

std::optional<Error> JsonInput::error() {
  if (error_) return error_;
  for (auto it = obj_.begin(); it != obj_.end(); ++it) {
    const std::string& key = it.key();
    if (seen_.count(key)) continue;
    // Keys are client input: name them back only when short and clean.
    std::string shown = key.size() <= 64 && is_valid_utf8(key) && !has_control_chars(key) ? key : "?";
    return Error::invalid("field.unknown", fmt::format("不认识的字段 {}", shown), shown);
  }
  return std::nullopt;
}

}  // namespace fishbowl
