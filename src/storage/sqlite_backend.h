#pragma once
// SOCI's SQLite backend, keeping each connection's prepared statements for the next use of the same SQL.
//
// SOCI prepares every statement afresh and finalizes it when the statement object goes, and parsing the SQL
// was the largest single cost of a command (a third of a case's intake). Sessions opened with this factory
// behave exactly like SOCI's own SQLite sessions, except that a statement, when SOCI is done with it, is
// reset, its bindings cleared, and kept by its connection under its SQL text; the next statement with that
// text takes it instead of parsing again. Schema changes are handled by SQLite itself (a kept statement is
// prepared again at its next step when the schema has changed since).
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>

namespace fishbowl {

// The backend to open SQLite sessions with: session.open(sqlite_backend(), "db=... timeout=30").
const soci::backend_factory& sqlite_backend();

// The SQLite connection under a session opened with sqlite_backend().
sqlite_api::sqlite3* sqlite_connection(soci::session& sql);

// For code that steps statements itself (SqliteStatement): the kept statement for this SQL, or a newly
// prepared one (soci::soci_error when the SQL is wrong), to be handed back with keep_statement when done.
sqlite_api::sqlite3_stmt* take_statement(soci::session& sql, const std::string& text);
void keep_statement(soci::session& sql, std::string text, sqlite_api::sqlite3_stmt* statement);

}  // namespace fishbowl
