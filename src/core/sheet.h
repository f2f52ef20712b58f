#pragma once
// Tables exchanged with spreadsheet users: CSV (RFC 4180, UTF-8) and XLSX (Office Open XML, first worksheet).
// A sheet is rows of text cells; each row keeps the row number a spreadsheet program shows it under (for CSV,
// one row per record, whatever line breaks its cells hold), so that a problem can be reported where it is.
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace fishbowl {

struct SheetRow {
  int line = 0;
  std::vector<std::string> cells;
};

struct Sheet {
  std::vector<SheetRow> rows;  // empty rows are left out
};

// A CSV file in UTF-8 (a leading byte-order mark is skipped); quoted fields may hold commas, quotes and line
// breaks. sheet.invalid names the row of a malformed record; sheet.not_utf8 when the text is not UTF-8 (a
// file saved as GBK, say).
Result<Sheet> read_csv(std::string_view text);
// With a byte-order mark and CRLF line ends, as spreadsheet programs expect of UTF-8 CSV.
std::string write_csv(const std::vector<std::vector<std::string>>& rows);

// The first worksheet of an XLSX file, as the values its cells show (numbers as written, booleans as 1/0).
// sheet.invalid when the bytes are not such a file.
Result<Sheet> read_xlsx(std::string_view bytes);
// One worksheet named `sheet_name`; the first row is a bold header, frozen, and cells wrap their text.
Result<std::string> write_xlsx(const std::vector<std::vector<std::string>>& rows,
                               const std::string& sheet_name);

// Which reader fits the bytes: XLSX files are ZIP archives and start with "PK".
Result<Sheet> read_sheet(std::string_view bytes);

}  // namespace fishbowl
