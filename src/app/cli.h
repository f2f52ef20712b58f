#pragma once
// What every subcommand needs: reporting an error, reading a file named on the command line, and turning
// an id or a code given there into a row id.
#include <string>

#include "core/error.h"
#include "storage/database.h"

namespace fishbowl {

// Prints "error: <code>: <message> (<field>)" to stderr and returns the exit code 1.
int fail(const Error& e);

// The whole file; file.unreadable (naming the file) when it cannot be read.
Result<std::string> read_file(const std::string& path);

// The id of the row of `table` ("regions", "departments") whose code, or id, is `key`; <table>.not_found.
Result<long long> id_by_code(Database& db, const std::string& table, const std::string& key);

}  // namespace fishbowl
