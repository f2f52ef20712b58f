#pragma once
// `fishbowl report annual --year Y --organ X`: an organ's yearly disclosure report, as printable HTML or
// JSON.
#include <CLI/CLI.hpp>

#include <string>

namespace fishbowl {

void add_report_commands(CLI::App& app, const std::string& db_url, int& exit_code);

}  // namespace fishbowl
