#pragma once
// The working-day calendar at run time: the built-in years plus the files an operator gives (a new year's
// notice is a new file, not a rebuild), and `fishbowl calendar …` to check such a file before serving with
// it.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "core/calendar.h"

namespace fishbowl {

// The built-in calendar with each file added in order (a later file's year replaces an earlier one's).
// Errors name the file: calendar.unreadable, or calendar.invalid from the file's content.
Result<WorkCalendar> load_calendar(const std::vector<std::string>& files);

// Adds the repeatable --calendar option (also FISHBOWL_CALENDAR, comma-separated) to a command.
void add_calendar_option(CLI::App& command, std::vector<std::string>& files);

void add_calendar_commands(CLI::App& app, int& exit_code);

}  // namespace fishbowl
