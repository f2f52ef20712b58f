#pragma once
// application/x-www-form-urlencoded text (a form body, or a query string) as ordered name/value pairs,
// keeping repeated names (attribute[code][]=a&attribute[code][]=b), as the WHATWG URL standard reads it.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace fishbowl::http {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// '+' is a space and %XX a byte. request.malformed_form (400) for a broken escape or more than max_fields
// fields; request.invalid_utf8 (400) when a decoded name or value is not UTF-8.
Result<FormFields> parse_form(std::string_view text, std::size_t max_fields = 200);

}  // namespace fishbowl::http
