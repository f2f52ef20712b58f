#pragma once
// SOCI's SQLite backend, keeping each connection's prepared statements for the next use of the same SQL.
//
// SOCI prepares every statement afresh and finalizes it when the statement object goes, and parsing the SQL
// was the largest single cost of a command (a third of a case's intake). Sessions opened with this factory
// behave exactly like SOCI's own SQLite sessions, except that a statement, when SOCI is done with it, is
// reset, its bindings cleared, and kept by its connection under its SQL text; the next statement with that
// text takes it instead of parsing again. After a change of the schema the kept statements are dropped:
// by this connection's CREATE, ALTER or DROP at once, by another connection's at check_schema().
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>

namespace fishbowl {

// The backend to open SQLite sessions with: session.open(sqlite_backend(), "db=... timeout=30").
const soci::backend_factory& sqlite_backend();

// The SQLite connection under a session opened with sqlite_backend().
sqlite_api::sqlite3* sqlite_connection(soci::session& sql);

// Drops the kept statements when the schema has changed since the last check (Database checks at each lease).
void check_schema(soci::session& sql) noexcept;
// Drops the kept statements (after a script run past SOCI changed the schema).
void forget_statements(soci::session& sql);

// For code that steps statements itself (SqliteStatement): the kept statement for this SQL, or a newly
// prepared one (soci::soci_error when the SQL is wrong), to be handed back with keep_statement when done.
sqlite_api::sqlite3_stmt* take_statement(soci::session& sql, const std::string& text);
void keep_statement(soci::session& sql, std::string text, sqlite_api::sqlite3_stmt* statement);

}  // namespace fishbowl
