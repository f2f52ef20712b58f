#pragma once
// SQLite's own API where SOCI's per-call overhead is most of the cost: many rows inserted with one statement,
// and many point lookups through one statement.
//
// insert_rows runs one INSERT for many rows, the columns given as vectors of equal length (long long, int or
// std::string). On SQLite the values are bound where they lie: SOCI first copies every string of a bound
// vector into a buffer of its own, and for the ledger's appends those copies cost as much as the inserts. On
// PostgreSQL the vectors go through SOCI. Errors are thrown as soci::soci_error, like SOCI's own.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "storage/database.h"

namespace fishbowl {

// A statement prepared on the session's SQLite connection, run again and again with new values. The session
// must be a SQLite one; the statement is the connection's kept one for this SQL when it has one, and is kept
// for the next use when this object goes.
class SqliteStatement {
 public:
  SqliteStatement(soci::session& sql, const std::string& text);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  void bind(int column, long long value);
  void bind(int column, const std::string& value);  // not copied: value must outlive the next step
  void bind_null(int column);
  // Runs the statement for the values bound: true with a row to read, false when done. Call reset() before
  // binding again.
  bool step();
  void reset();
  std::string text(int column) const;  // of the current row, from 0
  long long integer(int column) const;
  // Rows the last step of an INSERT, UPDATE or DELETE changed.
  long long changes() const;

 private:
  soci::session& sql_;
  std::string text_;
  void* conn_;
  void* stmt_ = nullptr;
};

template <class... Columns>
void insert_rows(soci::session& sql, Backend backend, const std::string& text,
                 std::vector<Columns>&... columns) {
  const std::size_t sizes[] = {columns.size()...};
  std::size_t rows = sizes[0];
  if (rows == 0) return;
  if (backend == Backend::postgresql) {
    ((sql << text), ..., soci::use(columns));
    return;
  }
  SqliteStatement insert(sql, text);
  for (std::size_t r = 0; r < rows; ++r) {
    int column = 0;
    (insert.bind(++column, columns[r]), ...);
    insert.step();
    insert.reset();
  }
}

}  // namespace fishbowl
