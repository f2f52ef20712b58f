#pragma once
// The service catalogue as a spreadsheet, for the people who keep it in one: one row per item with Chinese
// column headings, lists (materials, steps, fees) one entry per line inside their cell. Export writes the
// current version of every item; import creates the items whose code is new and revises those whose guide
// changed, all in one command. Every row is checked first and every problem is listed with its line, its
// column and the reason; when there is any, nothing is imported.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/sheet.h"
#include "services/services.h"

namespace fishbowl::services {

// The heading row, in column order.
const std::vector<std::string>& sheet_columns();

// The heading row and one row per item in item-code order; the filter's paging fields are ignored.
Result<std::vector<std::vector<std::string>>> export_items(Database& db, const ItemQuery& filter);

struct RowProblem {
  int line = 0;         // the row as a spreadsheet program shows it; 1 is the heading row
  std::string column;   // its heading, or empty for the whole row
  std::string message;  // in Chinese, for the person fixing the file
};

struct ImportResult {
  int created = 0, revised = 0, unchanged = 0;
  std::vector<RowProblem> problems;  // non-empty: nothing was imported
  bool applied = false;              // false also for a dry run and when nothing changed
};

// Called after each row with (rows done, rows in all), for a progress display.
using ImportProgress = std::function<void(std::size_t, std::size_t)>;

// A dry run checks everything, against the stored catalogue too, and rolls back. An error is returned only
// when the database fails; problems with the file are in the result.
Result<ImportResult> import_items(Database& db, const Actor& actor, const Sheet& sheet, bool dry_run,
                                  const ImportProgress& progress = {});

}  // namespace fishbowl::services
