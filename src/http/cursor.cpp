#include "http/cursor.h"

#include "core/calendar.h"

namespace fishbowl::http {

namespace {

Error invalid_cursor() {
  return Error::invalid("query.invalid_cursor", "参数 cursor 无效，请使用上一页返回的 next_cursor", "cursor");
}

}  // namespace

std::string day_id_cursor(const std::string& day, long long id) {
  return day + "_" + std::to_string(id);
}

Result<std::optional<std::pair<std::string, long long>>> read_day_id_cursor(Call& c) {
  auto text = c.query_text("cursor", 40);
  if (!text) return invalid_cursor();
  if (!*text) return std::optional<std::pair<std::string, long long>>{};
  const std::string& t = **text;
  if (t.size() < 12 || t[10] != '_' || !parse_date(t.substr(0, 10))) return invalid_cursor();
  long long id = 0;
  for (char ch : t.substr(11)) {
    if (ch < '0' || ch > '9' || id > 1'000'000'000'000LL) return invalid_cursor();
    id = id * 10 + (ch - '0');
  }
  return std::optional{std::make_pair(t.substr(0, 10), id)};
}

Result<std::optional<std::string>> read_code_cursor(Call& c, std::size_t max_chars) {
  auto text = c.query_text("cursor", max_chars);
  if (!text) return invalid_cursor();
  return *text;
}

}  // namespace fishbowl::http
