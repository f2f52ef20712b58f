#pragma once
// Reading a JSON request body field by field. The first problem met becomes one 422 Error that names the
// field, with a stable code: field.required, field.wrong_type, field.too_long, field.out_of_range,
// field.invalid, field.unknown (a key the reader never asked for: catches typos instead of silently ignoring
// them).
#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace fishbowl {

// Parses a request body that must be one JSON object. 400 request.malformed_json otherwise.
Result<nlohmann::json> parse_json_object(std::string_view body);

class JsonInput {
 public:
  explicit JsonInput(const nlohmann::json& object) : obj_(object) {}

  // A single line of text, trimmed, 1..max_chars code points, no control characters.
  std::string text(const char* field, std::size_t max_chars);
  std::optional<std::string> optional_text(const char* field, std::size_t max_chars);
  // One of the allowed values.
  std::string choice(const char* field, const std::vector<std::string>& allowed);
  std::optional<std::string> optional_choice(const char* field, const std::vector<std::string>& allowed);
  // A positive integer id.
  long long id(const char* field);
  std::optional<long long> optional_id(const char* field);
  long long integer(const char* field, long long min, long long max);
  // true or false; the fallback when the field is absent.
  bool flag(const char* field, bool fallback);
  bool has(const char* field) const { return obj_.contains(field) && !obj_[field].is_null(); }
  // The raw value, for nested structures the caller validates itself (counted as read).
  const nlohmann::json* raw(const char* field);

  // Records a problem found by the caller's own checks (the first one wins).
  void fail(Error e);
  // The first problem, checking also for keys nobody read. Call after reading every field.
  std::optional<Error> error();

 private:
  const nlohmann::json* get(const char* field, bool required);
  const nlohmann::json& obj_;
  std::set<std::string, std::less<>> seen_;
  std::optional<Error> error_;
};

}  // namespace fishbowl
