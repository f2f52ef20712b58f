// Writing XLSX with libxlsxwriter. It writes to a file only, so the workbook goes through a temporary file
// that is read back and removed.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/sheet.h"

namespace fishbowl {

Result<std::string> write_xlsx(const std::vector<std::vector<std::string>>& rows,
                               const std::string& sheet_name) {
  std::string path = (std::filesystem::temp_directory_path() / "fishbowl-sheet-XXXXXX.xlsx").string();
  int fd = mkstemps(path.data(), 5);
  if (fd < 0) return Error::internal("sheet.write_failed", "无法创建临时文件");
  close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{path};

  lxw_workbook* book = workbook_new(path.c_str());
  if (!book) return Error::internal("sheet.write_failed", "无法创建 XLSX 文件");
  // A fixed creation time instead of the clock's: the same rows give the same bytes, so a file's hash
  // depends on its content only.
  lxw_doc_properties properties{};
  properties.created = 946684800;  // 2000-01-01T00:00:00Z
  workbook_set_properties(book, &properties);
  lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name.c_str());
  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_text_wrap(header);
  lxw_format* wrapped = workbook_add_format(book);
  format_set_text_wrap(wrapped);
  format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);
  // Every cell is text: item codes such as "001" and phone numbers must not turn into numbers.
  for (std::size_t r = 0; sheet && r < rows.size(); ++r)
    for (std::size_t c = 0; c < rows[r].size(); ++c)
      worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), rows[r][c].c_str(),
                             r == 0 ? header : wrapped);
  if (sheet && !rows.empty()) {
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_set_column(sheet, 0, static_cast<lxw_col_t>(rows[0].size() - 1), 18, nullptr);
  }
  if (workbook_close(book) != LXW_NO_ERROR || !sheet)
    return Error::internal("sheet.write_failed", "写入 XLSX 文件失败");

  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  if (!in) return Error::internal("sheet.write_failed", "读取生成的 XLSX 文件失败");
  return bytes.str();
}

}  // namespace fishbowl
