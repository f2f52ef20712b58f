#include "services/item_sheet.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <optional>

#include "org/org.h"
#include "storage/row.h"

namespace fishbowl::services {

namespace {

enum Col {
  kCode,
  kName,
  kKind,
  kLevel,
  kRegion,
  kDepartment,
  kLegalBasis,
  kConditions,
  kMaterials,
  kSteps,
  kLegalDays,
  kPromisedDays,
  kFees,
  kPlace,
  kWindow,
  kHours,
  kPhone,
  kComplaintPhone,
  kVisits,
  kOnline,
  kByAgent,
  kLifeEvents,
  kColumns
};

const std::vector<std::pair<std::string, std::string>>& level_names() {
  static const std::vector<std::pair<std::string, std::string>> names{
      {"county", "县级"}, {"town", "乡镇级"}, {"village", "村级"}};
  return names;
}

// Which column a field of the guide's JSON comes from ("materials[2].copies" -> 申请材料).
int column_of_field(const std::string& field) {
  static const std::vector<std::pair<std::string, int>> by_field{{"name", kName},
                                                                 {"kind", kKind},
                                                                 {"legal_basis", kLegalBasis},
                                                                 {"conditions", kConditions},
                                                                 {"materials", kMaterials},
                                                                 {"steps", kSteps},
                                                                 {"legal_days", kLegalDays},
                                                                 {"promised_days", kPromisedDays},
                                                                 {"fees", kFees},
                                                                 {"free", kFees},
                                                                 {"place", kPlace},
                                                                 {"window", kWindow},
                                                                 {"hours", kHours},
                                                                 {"phone", kPhone},
                                                                 {"complaint_phone", kComplaintPhone},
                                                                 {"visits", kVisits},
                                                                 {"online", kOnline},
                                                                 {"by_agent", kByAgent},
                                                                 {"life_events", kLifeEvents},
                                                                 {"item_code", kCode},
                                                                 {"region_id", kRegion},
                                                                 {"department_id", kDepartment}};
  std::string head = field.substr(0, field.find_first_of("[."));
  for (const auto& [name, col] : by_field)
    if (name == head) return col;
  return -1;
}

// A whole number of 1 to max_digits digits, optionally written with zero decimals ("20.0"), as some
// spreadsheet programs write numbers.
std::optional<int> whole_number(const std::string& text, std::size_t max_digits) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > max_digits) return std::nullopt;
  if (digits < text.size()) {
    if (text[digits] != '.' || digits + 1 == text.size()) return std::nullopt;
    for (std::size_t i = digits + 1; i < text.size(); ++i)
      if (text[i] != '0') return std::nullopt;
  }
  return std::stoi(text.substr(0, digits));
}

// What a person fixing the sheet needs to read: the list entry ("第 3 项") and the reason, without the
// JSON field names of the API's messages.
std::string explain(const Error& e) {
  std::string where;
  // The first list index in the field's path: "materials[2].copies" is the third entry.
  auto open = e.field.find('['), close = e.field.find(']');
  if (open != std::string::npos && close != std::string::npos && close > open + 1)
    if (auto index = whole_number(e.field.substr(open + 1, close - open - 1), 3))
      where = fmt::format("第 {} 项：", *index + 1);
  if (e.code == "field.required") return where + "不能为空";
  if (e.code == "field.too_long") return where + "内容过长";
  if (e.code == "field.wrong_type" || e.code == "field.invalid_choice") return where + "取值不在允许范围内";
  return where + e.message;
}

std::vector<std::string> split(const std::string& text, const std::string& by) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto at = text.find(by, start);
    out.push_back(text.substr(start, at - start));
    if (at == std::string::npos) return out;
    start = at + by.size();
  }
}

std::string trim(const std::string& s) {
  auto a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

// The entries of a list cell: one per line, blank lines ignored.
std::vector<std::string> lines_of(const std::string& cell) {
  std::vector<std::string> out;
  for (auto& line : split(cell, "\n"))
    if (auto t = trim(line); !t.empty()) out.push_back(t);
  return out;
}

// The parts of one entry, split at "|" (or the full-width "｜" of a Chinese keyboard); the last part keeps
// whatever follows, so a note may itself contain the separator.
std::vector<std::string> parts_of(std::string entry, std::size_t max_parts) {
  for (std::size_t at; (at = entry.find("｜")) != std::string::npos;) entry.replace(at, 3, "|");
  std::vector<std::string> out;
  std::size_t start = 0;
  while (out.size() + 1 < max_parts) {
    auto at = entry.find('|', start);
    if (at == std::string::npos) break;
    out.push_back(trim(entry.substr(start, at - start)));
    start = at + 1;
  }
  out.push_back(trim(entry.substr(start)));
  return out;
}

std::string join(const std::vector<std::string>& parts, const std::string& by) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : by) + p;
  return out;
}

// ---- export
// -------------------------------------------------------------------------------------------------

std::vector<std::string> row_of(const ServiceItem& item, const std::string& region_code,
                                const std::string& department_code) {
  const Guide& g = item.guide;
  std::vector<std::string> row(kColumns);
  row[kCode] = item.item_code;
  row[kName] = g.name;
  row[kKind] = g.kind;
  for (const auto& [level, name] : level_names())
    if (level == item.level) row[kLevel] = name;
  row[kRegion] = region_code;
  row[kDepartment] = department_code;
  row[kLegalBasis] = g.legal_basis;
  row[kConditions] = g.conditions;
  std::vector<std::string> materials;
  for (const auto& m : g.materials)
    materials.push_back(join(
        {m.name, m.required ? "必要" : "非必要", m.form, std::to_string(m.copies), m.source, m.note}, "|"));
  row[kMaterials] = join(materials, "\n");
  row[kSteps] = join(g.steps, "\n");
  row[kLegalDays] = std::to_string(g.legal_days);
  row[kPromisedDays] = std::to_string(g.promised_days);
  std::vector<std::string> fees;
  for (const auto& f : g.fees) fees.push_back(join({f.name, f.amount, f.basis}, "|"));
  row[kFees] = fees.empty() ? "免费" : join(fees, "\n");
  row[kPlace] = g.place;
  row[kWindow] = g.window;
  row[kHours] = g.hours;
  row[kPhone] = g.phone;
  row[kComplaintPhone] = g.complaint_phone;
  row[kVisits] = std::to_string(g.visits);
  row[kOnline] = g.online ? "是" : "否";
  row[kByAgent] = g.by_agent ? "是" : "否";
  row[kLifeEvents] = join(g.life_events, "、");
  return row;
}

// ---- import
// -------------------------------------------------------------------------------------------------

// One row as read from the sheet, before the database is asked about its codes.
struct Parsed {
  int line = 0;
  std::string item_code, level, region_code, department_code;
  Guide guide;
};

// A problem in a column (its heading), or in the whole row when col is -1.
RowProblem problem_at(int line, int col, std::string message) {
  return {line, col >= 0 ? sheet_columns()[col] : "", std::move(message)};
}

class RowReader {
 public:
  RowReader(const SheetRow& row, const std::vector<int>& index, std::vector<RowProblem>& problems)
      : row_(row), index_(index), problems_(problems) {}

  std::string cell(int col) const {
    int at = index_[col];
    return at >= 0 && static_cast<std::size_t>(at) < row_.cells.size() ? trim(row_.cells[at]) : "";
  }
  void problem(int col, std::string message) {
    problems_.push_back(problem_at(row_.line, col, std::move(message)));
    ++count_;
  }
  int problems() const { return count_; }

  // A whole number of at most three digits; the JSON gets the text unchanged when it is not one.
  nlohmann::json number(int col) {
    std::string text = cell(col);
    if (auto n = whole_number(text, 3)) return *n;
    problem(col, "应为整数");
    return 0;
  }
  nlohmann::json flag(int col) {
    std::string text = cell(col);
    if (text == "是") return true;
    if (text == "否" || text.empty()) return false;
    problem(col, "应为“是”或“否”");
    return false;
  }

 private:
  const SheetRow& row_;
  const std::vector<int>& index_;
  std::vector<RowProblem>& problems_;
  int count_ = 0;
};

nlohmann::json materials_json(RowReader& r) {
  auto out = nlohmann::json::array();
  int n = 0;
  for (const auto& entry : lines_of(r.cell(kMaterials))) {
    ++n;
    auto p = parts_of(entry, 6);
    p.resize(6);
    nlohmann::json m{
        {"name", p[0]}, {"form", p[2].empty() ? "原件" : p[2]}, {"source", p[4]}, {"note", p[5]}};
    if (p[1] == "必要" || p[1] == "是" || p[1].empty())
      m["required"] = true;
    else if (p[1] == "非必要" || p[1] == "否")
      m["required"] = false;
    else
      r.problem(kMaterials, fmt::format("第 {} 项：第二部分应为“必要”或“非必要”", n));
    std::string copies = p[3];
    if (copies.size() > 3 && copies.substr(copies.size() - 3) == "份") copies.resize(copies.size() - 3);
    if (copies.empty())
      m["copies"] = 1;
    else if (auto count = whole_number(copies, 2))
      m["copies"] = *count;
    else
      r.problem(kMaterials, fmt::format("第 {} 项：份数应为 0 到 99 的整数", n));
    out.push_back(m);
  }
  return out;
}

nlohmann::json fees_json(RowReader& r) {
  auto out = nlohmann::json::array();
  std::string cell = r.cell(kFees);
  if (cell.empty() || cell == "免费" || cell == "不收费") return out;
  int n = 0;
  for (const auto& entry : lines_of(cell)) {
    ++n;
    auto p = parts_of(entry, 3);
    if (p.size() < 3) {
      r.problem(kFees, fmt::format("第 {} 项应写作“收费项目|金额|收费依据”，或整格写“免费”", n));
      continue;
    }
    std::string amount = p[1];
    if (amount.size() > 3 && amount.substr(amount.size() - 3) == "元") amount.resize(amount.size() - 3);
    out.push_back({{"name", p[0]}, {"amount", amount}, {"basis", p[2]}});
  }
  return out;
}

std::optional<Parsed> parse_row(const SheetRow& row, const std::vector<int>& index,
                                std::vector<RowProblem>& problems) {
  RowReader r(row, index, problems);
  Parsed p;
  p.line = row.line;
  p.item_code = r.cell(kCode);
  if (p.item_code.empty() || p.item_code.size() > 64)
    r.problem(kCode, p.item_code.empty() ? "不能为空" : "过长");
  std::string level = r.cell(kLevel);
  for (const auto& [code, name] : level_names())
    if (level == name || level == code) p.level = code;
  if (p.level.empty()) r.problem(kLevel, "应为“县级”“乡镇级”或“村级”");
  p.region_code = r.cell(kRegion);
  if (p.region_code.empty()) r.problem(kRegion, "不能为空");
  p.department_code = r.cell(kDepartment);
  if (p.department_code.empty()) r.problem(kDepartment, "不能为空");

  auto steps = nlohmann::json::array();
  for (const auto& s : lines_of(r.cell(kSteps))) steps.push_back({{"text", s}});
  auto events = nlohmann::json::array();
  std::string event_cell = r.cell(kLifeEvents);
  for (const char* sep : {"，", ",", "\n", "；"})
    for (std::size_t at; (at = event_cell.find(sep)) != std::string::npos;)
      event_cell.replace(at, std::strlen(sep), "、");
  for (const auto& e : split(event_cell, "、"))
    if (auto t = trim(e); !t.empty()) events.push_back(t);
  nlohmann::json guide{{"name", r.cell(kName)},
                       {"kind", r.cell(kKind)},
                       {"legal_basis", r.cell(kLegalBasis)},
                       {"conditions", r.cell(kConditions)},
                       {"materials", materials_json(r)},
                       {"steps", steps},
                       {"legal_days", r.number(kLegalDays)},
                       {"promised_days", r.number(kPromisedDays)},
                       {"fees", fees_json(r)},
                       {"place", r.cell(kPlace)},
                       {"hours", r.cell(kHours)},
                       {"phone", r.cell(kPhone)},
                       {"complaint_phone", r.cell(kComplaintPhone)},
                       {"visits", r.number(kVisits)},
                       {"online", r.flag(kOnline)},
                       {"by_agent", r.flag(kByAgent)},
                       {"life_events", events}};
  if (auto w = r.cell(kWindow); !w.empty()) guide["window"] = w;
  if (r.problems()) return std::nullopt;  // a reason per cell is enough; the guide's own checks come next
  auto parsed = parse_guide(guide);
  if (!parsed) {
    r.problem(column_of_field(parsed.error().field), explain(parsed.error()));
    return std::nullopt;
  }
  p.guide = std::move(parsed).value();
  return p;
}

// The heading row: each known heading's position; every unknown or missing heading is a problem of line 1.
std::vector<int> read_headings(const SheetRow& heading, std::vector<RowProblem>& problems) {
  std::vector<int> index(kColumns, -1);
  const auto& names = sheet_columns();
  for (std::size_t i = 0; i < heading.cells.size(); ++i) {
    std::string h = trim(heading.cells[i]);
    if (h.empty()) continue;
    auto it = std::find(names.begin(), names.end(), h);
    if (it == names.end())
      problems.push_back({heading.line, h, "无法识别的列标题"});
    else if (index[it - names.begin()] >= 0)
      problems.push_back({heading.line, h, "列标题重复"});
    else
      index[it - names.begin()] = static_cast<int>(i);
  }
  for (int c = 0; c < kColumns; ++c)
    if (index[c] < 0 && c != kWindow && c != kLifeEvents)
      problems.push_back({heading.line, names[c], "缺少这一列"});
  return index;
}

std::map<std::string, long long> ids_by_code(soci::session& sql, const char* table) {
  std::map<std::string, long long> out;
  soci::rowset<soci::row> rows = (sql.prepare << fmt::format("SELECT code, id FROM {}", table));
  for (const auto& r : rows) out[text_at(r, 0)] = int64_at(r, 1);
  return out;
}

std::map<long long, std::string> codes_by_id(soci::session& sql, const char* table) {
  std::map<long long, std::string> out;
  for (const auto& [code, id] : ids_by_code(sql, table)) out[id] = code;
  return out;
}

// The sheet has no place for attachments: a material keeps the blank form and sample it had under its name.
void keep_attachments(const Guide& stored, Guide& imported) {
  for (auto& m : imported.materials)
    for (const auto& old : stored.materials)
      if (old.name == m.name) {
        m.blank_form = old.blank_form;
        m.sample = old.sample;
      }
}

// The error a command body returns to roll back a dry run, a sheet with problems, or a sheet that changes
// nothing; it never leaves import_items.
const char* kRollBack = "item_sheet.roll_back";

}  // namespace

const std::vector<std::string>& sheet_columns() {
  static const std::vector<std::string> columns{
      "事项编码",   "事项名称", "事项类型", "层级",     "实施区划代码",       "主管部门编码",
      "设定依据",   "受理条件", "申请材料", "办理流程", "法定时限（工作日）", "承诺时限（工作日）",
      "收费",       "办理地点", "办理窗口", "办理时间", "咨询电话",           "监督投诉电话",
      "到现场次数", "网上办理", "村代办",   "人生事件"};
  return columns;
}

Result<std::vector<std::vector<std::string>>> export_items(Database& db, const ItemQuery& filter) {
  ItemQuery all = filter;
  all.page = 1;
  all.page_size = 1'000'000;
  auto page = list_items(db, all);
  if (!page) return page.error();
  return db.read([&](soci::session& sql) -> Result<std::vector<std::vector<std::string>>> {
    auto regions = codes_by_id(sql, "regions"), departments = codes_by_id(sql, "departments");
    std::vector<std::vector<std::string>> rows{sheet_columns()};
    for (const auto& item : page->items)
      rows.push_back(row_of(item, regions[item.region_id], departments[item.department_id]));
    return rows;
  });
}

Result<ImportResult> import_items(Database& db, const Actor& actor, const Sheet& sheet, bool dry_run,
                                  const ImportProgress& progress) {
  ImportResult result;
  if (sheet.rows.size() < 2) {
    result.problems.push_back({1, "", "文件中没有事项：第一行应为列标题，其后每行一个事项"});
    return result;
  }
  auto index = read_headings(sheet.rows[0], result.problems);
  if (!result.problems.empty()) return result;

  std::vector<Parsed> parsed;
  std::map<std::string, int> line_of_code;
  for (std::size_t i = 1; i < sheet.rows.size(); ++i) {
    auto p = parse_row(sheet.rows[i], index, result.problems);
    if (!p) continue;
    auto [at, fresh] = line_of_code.emplace(p->item_code, p->line);
    if (!fresh) {
      result.problems.push_back(
          {p->line, sheet_columns()[kCode], fmt::format("与第 {} 行的事项编码重复", at->second)});
      continue;
    }
    parsed.push_back(std::move(*p));
  }

  std::size_t total = sheet.rows.size() - 1, done = total - parsed.size();
  auto applied = run_command(db, actor, [&](Command& cmd) -> Status {
    auto& sql = cmd.sql();
    auto regions = ids_by_code(sql, "regions");
    auto departments = ids_by_code(sql, "departments");
    for (const auto& p : parsed) {
      auto problem = [&](int col, std::string message) {
        result.problems.push_back(problem_at(p.line, col, std::move(message)));
      };
      if (progress) progress(++done, total);
      auto region = regions.find(p.region_code);
      auto department = departments.find(p.department_code);
      if (region == regions.end()) problem(kRegion, "没有这个代码的行政区划");
      if (department == departments.end()) problem(kDepartment, "没有这个编码的部门");
      if (region == regions.end() || department == departments.end()) continue;

      long long id = 0;
      sql << "SELECT id FROM service_items WHERE item_code = :c", soci::use(p.item_code), soci::into(id);
      if (!sql.got_data()) {
        auto created = create_item(cmd, {p.item_code, department->second, region->second, p.level, p.guide});
        if (created)
          ++result.created;
        else
          problem(column_of_field(created.error().field), explain(created.error()));
        continue;
      }
      auto item = get_item(sql, id);
      if (!item) return item.error();
      if (item->department_id != department->second || item->region_id != region->second ||
          item->level != p.level) {
        problem(-1, "已有事项的主管部门、实施区划和层级不能通过导入改变");
        continue;
      }
      Guide guide = p.guide;
      keep_attachments(item->guide, guide);
      if (item->guide == guide) {
        ++result.unchanged;
        continue;
      }
      auto revised = revise_item(cmd, id, item->version, guide);
      if (!revised) return revised.error();
      ++result.revised;
    }
    if (!result.problems.empty() || dry_run || cmd.events_recorded() == 0)
      return Error::conflict(kRollBack, "roll back");
    return ok_status();
  });
  if (!applied && applied.error().code != kRollBack) return applied.error();
  result.applied = applied.ok();
  std::sort(result.problems.begin(), result.problems.end(),
            [](const RowProblem& a, const RowProblem& b) { return a.line < b.line; });
  return result;
}

}  // namespace fishbowl::services
