#include "storage/sqlite_statement.h"

#include "storage/sqlite_backend.h"

namespace fishbowl {

namespace {

sqlite_api::sqlite3* handle(void* conn) {
  return static_cast<sqlite_api::sqlite3*>(conn);
}
sqlite_api::sqlite3_stmt* statement(void* stmt) {
  return static_cast<sqlite_api::sqlite3_stmt*>(stmt);
}

// Thrown as SOCI's SQLite backend does, with SQLite's result code, so that a refused row reads as a conflict.
[[noreturn]] void fail(void* conn) {
  throw soci::sqlite3_soci_error(sqlite_api::sqlite3_errmsg(handle(conn)),
                                 sqlite_api::sqlite3_extended_errcode(handle(conn)));
}

}  // namespace

SqliteStatement::SqliteStatement(soci::session& sql, const std::string& text)
    : sql_(sql), text_(text), conn_(sqlite_connection(sql)), stmt_(take_statement(sql, text)) {}

SqliteStatement::~SqliteStatement() {
  keep_statement(sql_, std::move(text_), statement(stmt_));
}

void SqliteStatement::bind(int column, long long value) {
  if (sqlite_api::sqlite3_bind_int64(statement(stmt_), column, value) != SQLITE_OK) fail(conn_);
}

void SqliteStatement::bind(int column, const std::string& value) {
  if (sqlite_api::sqlite3_bind_text(statement(stmt_), column, value.data(), static_cast<int>(value.size()),
                                    SQLITE_STATIC) != SQLITE_OK)
    fail(conn_);
}

void SqliteStatement::bind_null(int column) {
  if (sqlite_api::sqlite3_bind_null(statement(stmt_), column) != SQLITE_OK) fail(conn_);
}

bool SqliteStatement::step() {
  int rc = sqlite_api::sqlite3_step(statement(stmt_));
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  soci::sqlite3_soci_error error(sqlite_api::sqlite3_errmsg(handle(conn_)),
                                 sqlite_api::sqlite3_extended_errcode(handle(conn_)));
  sqlite_api::sqlite3_reset(statement(stmt_));
  throw error;
}

void SqliteStatement::reset() {
  sqlite_api::sqlite3_reset(statement(stmt_));
}

std::string SqliteStatement::text(int column) const {
  const auto* p = sqlite_api::sqlite3_column_text(statement(stmt_), column);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<std::size_t>(sqlite_api::sqlite3_column_bytes(statement(stmt_), column)))
           : std::string();
}

long long SqliteStatement::integer(int column) const {
  return sqlite_api::sqlite3_column_int64(statement(stmt_), column);
}

long long SqliteStatement::changes() const {
  return sqlite_api::sqlite3_changes64(handle(conn_));
}

}  // namespace fishbowl
