#include "app/cli_items.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>

#include "app/cli.h"
#include "app/open_db.h"
#include "services/item_sheet.h"

namespace fishbowl {

namespace {

bool is_xlsx(const std::string& file) {
  return file.size() > 5 && file.substr(file.size() - 5) == ".xlsx";
}

// A bar on the terminal, redrawn at most ten times a second; nothing when stderr is not a terminal (a log
// file would fill with carriage returns).
class ProgressBar {
 public:
  explicit ProgressBar(std::string label) : label_(std::move(label)), shown_(isatty(STDERR_FILENO)) {}
  void operator()(std::size_t done, std::size_t total) {
    if (!shown_) return;
    auto now = std::chrono::steady_clock::now();
    if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    constexpr int kWidth = 30;
    int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
    std::cerr << fmt::format("\r{} [{}{}] {}/{} ({}%)", label_, std::string(filled, '#'),
                             std::string(kWidth - filled, '.'), done, total, total ? 100 * done / total : 100)
              << std::flush;
    if (done == total) std::cerr << "\n";
  }

 private:
  std::string label_;
  bool shown_;
  std::chrono::steady_clock::time_point last_{};
};

struct SheetArgs {
  std::string file;
  std::string region;
  bool dry_run = false;
};

int export_items(const std::string& db_url, const SheetArgs& a) {
  auto db = open_migrated(db_url);
  if (!db) return fail(db.error());
  services::ItemQuery filter;
  if (!a.region.empty()) {
    auto id = id_by_code(**db, "regions", a.region);
    if (!id) return fail(id.error());
    filter.region_id = *id;
  }
  auto rows = services::export_items(**db, filter);
  if (!rows) return fail(rows.error());
  std::string bytes;
  if (is_xlsx(a.file)) {
    auto x = write_xlsx(*rows, "政务服务事项");
    if (!x) return fail(x.error());
    bytes = std::move(*x);
  } else {
    bytes = write_csv(*rows);
  }
  std::ofstream out(a.file, std::ios::binary);
  out << bytes;
  out.close();
  if (!out) return fail(Error::internal("file.unwritable", "无法写入 " + a.file));
  std::cout << fmt::format("已导出 {} 个事项到 {}\n", rows->size() - 1, a.file);
  return 0;
}

int import_items(const std::string& db_url, const SheetArgs& a) {
  auto text = read_file(a.file);
  if (!text) return fail(text.error());
  auto sheet = read_sheet(*text);
  if (!sheet) return fail(sheet.error());
  auto db = open_migrated(db_url);
  if (!db) return fail(db.error());
  ProgressBar bar(a.dry_run ? "检查" : "导入");
  auto r = services::import_items(**db, Actor::system(), *sheet, a.dry_run, std::ref(bar));
  if (!r) return fail(r.error());
  if (!r->problems.empty()) {
    std::cerr << fmt::format("{} 有 {} 处问题，未导入任何事项：\n", a.file, r->problems.size());
    for (const auto& p : r->problems)
      std::cerr << fmt::format("  第 {} 行{}：{}\n", p.line, p.column.empty() ? "" : "「" + p.column + "」",
                               p.message);
    return 1;
  }
  std::cout << fmt::format("{}新建 {} 个事项，修订 {} 个，未变 {} 个\n",
                           a.dry_run ? "检查通过，将" : "已导入：", r->created, r->revised, r->unchanged);
  return 0;
}

}  // namespace

void add_item_sheet_commands(CLI::App& app, const std::string& db_url, int& exit_code) {
  auto args = std::make_shared<SheetArgs>();
  auto* exp = app.add_subcommand("export", "Write data out as a spreadsheet");
  exp->require_subcommand(1);
  auto* exp_items =
      exp->add_subcommand("service-items", "The service catalogue as CSV or XLSX (by extension)");
  exp_items->add_option("file", args->file, "the file to write, .csv or .xlsx")->required();
  exp_items->add_option("--region", args->region, "only the items this region lists (division code)");
  exp_items->callback([&db_url, &exit_code, args] { exit_code = export_items(db_url, *args); });

  auto* imp = app.add_subcommand("import", "Read data in from a spreadsheet");
  imp->require_subcommand(1);
  auto* imp_items = imp->add_subcommand(
      "service-items",
      "Create and revise service items from CSV or XLSX; nothing is imported if any row is bad");
  imp_items->add_option("file", args->file, "the file to read, .csv or .xlsx")
      ->required()
      ->check(CLI::ExistingFile);
  imp_items->add_flag("--dry-run", args->dry_run, "check every row and report, but change nothing");
  imp_items->callback([&db_url, &exit_code, args] { exit_code = import_items(db_url, *args); });
}

}  // namespace fishbowl
