// CSV as RFC 4180 describes it, and as spreadsheet programs write it: CRLF or LF line ends, fields in double
// quotes when they hold a comma, a quote (doubled) or a line break.
#include <fmt/format.h>

#include "core/sheet.h"
#include "core/text.h"

namespace fishbowl {

namespace {

bool blank(const std::vector<std::string>& cells) {
  for (const auto& c : cells)
    if (!c.empty()) return false;
  return true;
}

}  // namespace

Result<Sheet> read_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!is_valid_utf8(text))
    return Error::invalid("sheet.not_utf8", "CSV 文件不是 UTF-8 编码，请在表格软件中另存为“CSV UTF-8”",
                          "file");
  Sheet sheet;
  SheetRow row{1, {}};
  std::string field;
  // Rows are numbered as a spreadsheet program shows the file, one per record, so that a problem reported on
  // row n is found on row n there, even when cells above hold line breaks.
  int line = 1;
  std::size_t i = 0;
  auto end_record = [&] {
    row.cells.push_back(std::move(field));
    field.clear();
    if (!blank(row.cells)) sheet.rows.push_back(std::move(row));
    row = SheetRow{line, {}};
  };
  while (i < text.size()) {
    char c = text[i];
    if (c == '"' && field.empty()) {
      // A quoted field runs to the next quote that is not doubled.
      int started = line;
      ++i;
      for (;;) {
        if (i >= text.size())
          return Error::invalid("sheet.invalid", fmt::format("第 {} 行的引号没有闭合", started), "file");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
        return Error::invalid("sheet.invalid", fmt::format("第 {} 行：引号后应紧跟逗号或换行", started),
                              "file");
      continue;
    }
    if (c == ',') {
      row.cells.push_back(std::move(field));
      field.clear();
      ++i;
    } else if (c == '\r' || c == '\n') {
      i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
      ++line;
      end_record();
    } else {
      field += c;
      ++i;
    }
  }
  if (!field.empty() || !row.cells.empty()) end_record();
  return sheet;
}

std::string write_csv(const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      const auto& cell = row[i];
      if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        out += cell;
        continue;
      }
      out += '"';
      for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

Result<Sheet> read_sheet(std::string_view bytes) {
  if (bytes.substr(0, 2) == "PK") return read_xlsx(bytes);
  return read_csv(bytes);
}

}  // namespace fishbowl
