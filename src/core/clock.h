#pragma once
// Time as the system stores it: UTC, as fixed-width RFC 3339 text with milliseconds
// ("2026-11-27T23:24:20.123Z"), which sorts correctly as text on every backend. Pages show Asia/Shanghai;
// storage never does.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace fishbowl {

using TimePoint = std::chrono::system_clock::time_point;

std::string format_utc(TimePoint t);
std::string now_utc();
// Parses the stored form (and any RFC 3339 time with Z or an offset); nullopt when malformed.
std::optional<TimePoint> parse_utc(std::string_view text);

}  // namespace fishbowl
