#pragma once
// One statement run with its values bound by position: the writes every command makes (its event, a case row,
// a message), where SOCI's per-statement objects and copies cost more than SQLite's own work. On SQLite the
// connection's kept statement is stepped through SQLite's API with the texts bound where they lie (see
// sqlite_statement.h); on PostgreSQL the values go through SOCI. Values are long long, int, std::string or
// std::optional<long long> (NULL when empty). Errors are thrown as soci::soci_error, like SOCI's own.
#include <soci/soci.h>

#include <optional>
#include <string>
#include <tuple>

#include "storage/database.h"
#include "storage/prepared.h"
#include "storage/sqlite_statement.h"

namespace fishbowl {

namespace bound_detail {

// A value as SOCI binds it, with its indicator. soci::use() keeps a reference to its name argument, so it is
// handed to the statement in the same expression.
template <class T>
struct Use {
  explicit Use(const T& v) : value(v) {}
  const T& value;
  void exchange(soci::statement& st) { st.exchange(soci::use(value)); }
};
template <>
struct Use<std::optional<long long>> {
  explicit Use(const std::optional<long long>& v)
      : value(v.value_or(0)), indicator(v ? soci::i_ok : soci::i_null) {}
  long long value;
  soci::indicator indicator;
  void exchange(soci::statement& st) { st.exchange(soci::use(value, indicator)); }
};

// Only these types: anything converted on the way (a const char* to a std::string) would be bound as a
// temporary that is gone before the step.
template <class T>
void bind(SqliteStatement& st, int column, const T& v) = delete;
inline void bind(SqliteStatement& st, int column, long long v) {
  st.bind(column, v);
}
inline void bind(SqliteStatement& st, int column, int v) {
  st.bind(column, static_cast<long long>(v));
}
inline void bind(SqliteStatement& st, int column, const std::string& v) {
  st.bind(column, v);
}
inline void bind(SqliteStatement& st, int column, const std::optional<long long>& v) {
  if (v)
    st.bind(column, *v);
  else
    st.bind_null(column);
}

// Runs `text` through SOCI with the values bound; `id`, when given, receives the first row's first column.
// Returns the rows changed.
template <class... V>
long long run_soci(soci::session& sql, const std::string& text, long long* id, const V&... values) {
  std::tuple<Use<V>...> uses{Use<V>(values)...};
  soci::statement st(sql);
  std::apply([&](auto&... u) { (u.exchange(st), ...); }, uses);
  if (id) st.exchange(soci::into(*id));
  prepare_and_run(st, text, id != nullptr, soci::details::st_one_time_query);
  return st.get_affected_rows();
}

// The same on SQLite: the connection's kept statement, stepped once.
template <class... V>
long long run_sqlite(soci::session& sql, const std::string& text, long long* id, const V&... values) {
  SqliteStatement st(sql, text);
  int column = 0;
  (bind(st, ++column, values), ...);
  if (st.step() && id) *id = st.integer(0);
  st.reset();
  return st.changes();
}

}  // namespace bound_detail

// Runs `text` with `values` bound to its parameters in order; returns how many rows it changed.
template <class... V>
long long execute(soci::session& sql, Backend backend, const std::string& text, const V&... values) {
  return backend == Backend::postgresql ? bound_detail::run_soci(sql, text, nullptr, values...)
                                        : bound_detail::run_sqlite(sql, text, nullptr, values...);
}

// Runs an INSERT that ends in "RETURNING id" and returns the id.
template <class... V>
long long insert_returning_id(soci::session& sql, Backend backend, const std::string& text,
                              const V&... values) {
  long long id = 0;
  if (backend == Backend::postgresql)
    bound_detail::run_soci(sql, text, &id, values...);
  else
    bound_detail::run_sqlite(sql, text, &id, values...);
  return id;
}

}  // namespace fishbowl
