#pragma once
// `fishbowl export service-items FILE` and `fishbowl import service-items FILE`: the service catalogue as a
// CSV or XLSX spreadsheet (by the file's extension).
#include <CLI/CLI.hpp>

#include <string>

namespace fishbowl {

void add_item_sheet_commands(CLI::App& app, const std::string& db_url, int& exit_code);

}  // namespace fishbowl
