#pragma once
// `fishbowl user add|list|grant|revoke`: account administration from the command line, acting as the system.
#include <CLI/CLI.hpp>

#include <string>

namespace fishbowl {

// Registers the subcommands; db_url is read when one of them runs.
void add_user_commands(CLI::App& app, const std::string& db_url_ref, int& exit_code);

}  // namespace fishbowl
