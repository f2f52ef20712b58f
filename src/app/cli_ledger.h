#pragma once
// `fishbowl ledger …`: tools for anyone who verifies the public ledger, and for operators.
#include <CLI/CLI.hpp>

#include <string>

namespace fishbowl {

void add_ledger_commands(CLI::App& app, const std::string& db_url, int& exit_code);

}  // namespace fishbowl
