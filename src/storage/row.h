#pragma once
// Reading columns from a soci::row the same way on both backends. SOCI reports an integer column as int, long
// long or unsigned long long depending on the backend and the declared type; these helpers accept any of
// them.
#include <soci/soci.h>

#include <optional>
#include <string>

namespace fishbowl {

long long int64_at(const soci::row& r, std::size_t i);
// A computed column may come back as text or an integer on SQLite, which declares no type for it.
double double_at(const soci::row& r, std::size_t i);
std::optional<long long> optional_int64_at(const soci::row& r, std::size_t i);
std::string text_at(const soci::row& r, std::size_t i);  // NULL reads as ""

}  // namespace fishbowl
