#pragma once
// Cursor paging of public lists. A cursor names the last row a reader saw by the list's order, so that paging
// on stays right while rows are added ahead of it; an offset would show some twice or skip some.
#include <optional>
#include <string>
#include <utility>

#include "http/api.h"

namespace fishbowl::http {

// A cursor of lists ordered by a day and then an id, both descending: "2026-03-02_17".
std::string day_id_cursor(const std::string& day, long long id);

// The optional "cursor" query parameter of such a list. query.invalid_cursor (422) when it is not one.
Result<std::optional<std::pair<std::string, long long>>> read_day_id_cursor(Call& c);

// The optional "cursor" of a list ordered by a code: the last code seen. query.invalid_cursor (422) past
// `max_chars`.
Result<std::optional<std::string>> read_code_cursor(Call& c, std::size_t max_chars);

}  // namespace fishbowl::http
