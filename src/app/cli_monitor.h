#pragma once
// `fishbowl monitor`: run a monitoring node that follows one server's public ledger.
#include <CLI/CLI.hpp>

namespace fishbowl {

void add_monitor_command(CLI::App& app, int& exit_code);

}  // namespace fishbowl
