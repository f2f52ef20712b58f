#pragma once
// Text checks applied at the door: every byte that enters from outside is valid UTF-8, and names have sane
// lengths.
#include <cstddef>
#include <string>
#include <string_view>

namespace fishbowl {

// True when s is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Number of Unicode code points in valid UTF-8 (what a person counts as "characters" in Chinese text).
std::size_t utf8_length(std::string_view s);

// True when s contains a control character other than tab, CR or LF.
bool has_control_chars(std::string_view s);

// Appends s with & < > " ' written as character references, for HTML text and attribute values.
void append_html_escaped(std::string& out, std::string_view s);

// Decodes %XX escapes and '+' (as in query strings); false on a broken escape.
bool percent_decode(std::string_view in, std::string& out, bool plus_is_space);

}  // namespace fishbowl
