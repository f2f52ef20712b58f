#pragma once
// What the benchmarks that time the module beside raw SQLite share: unwrapping results, timing, and the raw
// side's error checks and settings.
#include <sqlite3.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "core/error.h"

namespace fishbowl::bench {

using Clock = std::chrono::steady_clock;

template <class T>
T take(Result<T> r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().code + " " + r.error().message);
  return std::move(r).value();
}

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

inline void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(std::string("raw SQLite ") + what + ": " + sqlite3_errmsg(db));
}

// A connection with the server's settings (WAL, synchronous=NORMAL).
inline sqlite3* open_raw(const std::string& path) {
  sqlite3* db = nullptr;
  check(sqlite3_open(path.c_str(), &db), db, "open");
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"})
    check(sqlite3_exec(db, pragma, nullptr, nullptr, nullptr), db, pragma);
  return db;
}

}  // namespace fishbowl::bench
