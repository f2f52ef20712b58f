// The annual report's figures: counted from publications, cases and information requests, joined with what
// staff entered, laid out as the 2021 format's sections and tables, and cross-checked.
#include "disclosure/annual_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "core/embedded.h"
#include "core/json_input.h"
#include "disclosure/internal.h"
#include "disclosure/requests.h"
#include "storage/row.h"

namespace fishbowl::disclosure {

namespace {

using nlohmann::json;

const json& report_format() {
  static const json f = json::parse(embedded_file("src/disclosure/report/format_2021.json"));
  return f;
}

const json& section_of(int no) {
  for (const auto& s : report_format().at("sections"))
    if (s.at("no") == no) return s;
  throw std::runtime_error("annual report format has no section " + std::to_string(no));
}

const std::vector<std::string> kResultKeys{"upheld", "corrected", "other", "pending", "total"};
const std::vector<std::string> kSection4Groups{"review", "lawsuit_direct", "lawsuit_after_review"};

struct OrganFacts {
  ReportOrgan organ;
  std::string name, code;
  long long region_id = 0;
  std::string key;  // "department:<id>" or "region:<id>", as the inputs are stored
};

Result<OrganFacts> organ_facts(soci::session& sql, const ReportOrgan& o) {
  auto organ = detail::organ_of(sql, o.department_id, o.region_id);
  if (!organ) return Error::not_found("organ.not_found", "找不到该机关");
  OrganFacts f;
  f.organ = o;
  f.code = organ->code;
  f.region_id = organ->region.id;
  if (organ->department_id) {
    auto d = org::get_department(sql, *organ->department_id);
    if (!d) return d.error();
    f.name = d->name;
    f.key = "department:" + std::to_string(d->id);
  } else {
    f.name = detail::government_of(organ->region.name, organ->region.kind);
    f.key = "region:" + std::to_string(organ->region.id);
  }
  return f;
}

// The organ's own records: a department's, or the region government's (no department).
#define OWN_ORGAN \
  " ((:hd = 1 AND department_id = :d) OR (:hd2 = 0 AND department_id IS NULL AND region_id = :r)) "

struct OrganBind {
  int has_department;
  long long department, region;
};
OrganBind bind_of(const OrganFacts& f) {
  return {f.organ.department_id ? 1 : 0, f.organ.department_id.value_or(0), f.region_id};
}

// Section 2's first table: rules and normative documents made this year, repealed this year, and in force at
// its end (valid then: still valid, or repealed or expired only after the year).
json documents_table(soci::session& sql, const OrganFacts& f, const std::string& year) {
  std::string end = year + "-12-31";
  auto b = bind_of(f);
  std::map<std::string, std::array<long long, 3>> counts{{"rules", {}}, {"normative", {}}};
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT column_code, "
              "SUM(CASE WHEN state = 'published' AND substr(published_on, 1, 4) = :y THEN 1 ELSE 0 END), "
              "SUM(CASE WHEN validity = 'repealed' AND substr(validity_changed_on, 1, 4) = :y2 THEN 1 "
              "ELSE 0 END), "
              "SUM(CASE WHEN state = 'published' AND published_on <> '' AND published_on <= :e AND "
              "(validity = 'valid' OR validity_changed_on > :e2) THEN 1 ELSE 0 END) "
              "FROM publications WHERE column_code IN ('rules', 'normative') AND" OWN_ORGAN
              "GROUP BY column_code",
       soci::use(year), soci::use(year), soci::use(end), soci::use(end), soci::use(b.has_department),
       soci::use(b.department), soci::use(b.has_department), soci::use(b.region));
  for (const auto& r : rows)
    counts[text_at(r, 0)] = {static_cast<long long>(double_at(r, 1)), static_cast<long long>(double_at(r, 2)),
                             static_cast<long long>(double_at(r, 3))};
  return {{"rules", counts["rules"]}, {"normative", counts["normative"]}};
}

// Section 1's figures: what the organ published this year (first published in it, withdrawn later or not),
// in all, as notices, and by column of the catalogue in the catalogue's order; and a sentence saying so,
// which leads the organ's own overview.
json publication_figures(soci::session& sql, const OrganFacts& f, const std::string& year) {
  auto b = bind_of(f);
  std::string year_like = year + "-%";
  std::map<std::string, long long> by_code;
  long long total = 0, notices = 0;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT column_code, kind FROM publications WHERE published_on LIKE :y AND" OWN_ORGAN,
       soci::use(year_like), soci::use(b.has_department), soci::use(b.department),
       soci::use(b.has_department), soci::use(b.region));
  for (const auto& r : rows) {
    ++by_code[text_at(r, 0)];
    ++total;
    if (text_at(r, 1) == "notice") ++notices;
  }
  json by_column = json::array();
  for (const auto& c : columns())
    if (auto it = by_code.find(c.code); it != by_code.end())
      by_column.push_back(
          {{"column", c.code}, {"label", c.label}, {"article", c.article}, {"count", it->second}});
  // The columns' labels hold enumeration commas of their own, so they go in a table, not in the sentence.
  std::string summary =
      total == 0
          ? "本年度未在本平台主动公开政府信息。"
          : fmt::format("本年度在本平台主动公开政府信息 {} 条，其中公示 {} 件，按公开目录栏目分类如下表。",
                        total, notices);
  return {{"published", total}, {"notices", notices}, {"by_column", by_column}, {"summary", summary}};
}

// Licensing decisions this year on the department's cases (China days: the year starts at 16:00 UTC on
// 31 December before it).
long long licensing_decisions(soci::session& sql, const OrganFacts& f, int year) {
  if (!f.organ.department_id) return 0;
  std::string from = fmt::format("{}-12-31T16:00:00.000Z", year - 1),
              to = fmt::format("{}-12-31T16:00:00.000Z", year);
  long long n = 0, dept = *f.organ.department_id;
  sql << "SELECT COUNT(*) FROM events e JOIN cases c ON e.subject = 'case:' || c.id JOIN service_items i ON "
         "i.id "
         "= c.item_id WHERE e.type = 'case.decided' AND e.occurred_at >= :f AND e.occurred_at < :t AND "
         "c.department_id = :d AND i.kind = '行政许可'",
      soci::use(from), soci::use(to), soci::use(dept), soci::into(n);
  return n;
}

// Section 3: every request the organ held during the year, by applicant type (the columns) and by what became
// of it (the rows).
std::map<std::string, std::map<std::string, long long>> request_counts(soci::session& sql,
                                                                       const OrganFacts& f, int year) {
  std::string first = fmt::format("{}-01-01", year), last = fmt::format("{}-12-31", year);
  auto b = bind_of(f);
  std::map<std::string, std::map<std::string, long long>> cells;  // row key -> column key -> count
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT applicant_type, received_on, replied_on, result, reason FROM info_requests WHERE "
              "received_on <= :l AND (replied_on = '' OR replied_on >= :f) AND" OWN_ORGAN,
       soci::use(last), soci::use(first), soci::use(b.has_department), soci::use(b.department),
       soci::use(b.has_department), soci::use(b.region));
  for (const auto& r : rows) {
    std::string type = text_at(r, 0), received = text_at(r, 1), replied = text_at(r, 2);
    std::string result = text_at(r, 3), reason = text_at(r, 4);
    if (received >= first)
      ++cells["new_received"][type];
    else
      ++cells["carried_over"][type];
    if (!replied.empty() && replied <= last) {
      ++cells[reason.empty() ? result : reason][type];
      ++cells["results_total"][type];
    } else {
      ++cells["carry_forward"][type];
    }
  }
  return cells;
}

std::string decimal_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return fmt::format("{:.2f}", v.get<double>());
  return "0";
}

long long figure(const json& inputs, const char* key) {
  return inputs.contains(key) ? inputs[key].get<long long>() : 0;
}

}  // namespace

Result<ReportOrgan> organ_by_code(Database& db, const std::string& code) {
  return db.read([&](soci::session& sql) -> Result<ReportOrgan> {
    long long id = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT id FROM departments WHERE code = :c", soci::use(code), soci::into(id, ind);
    if (ind == soci::i_ok) return ReportOrgan{id, std::nullopt};
    sql << "SELECT id FROM regions WHERE code = :c", soci::use(code), soci::into(id, ind);
    if (ind == soci::i_ok) return ReportOrgan{std::nullopt, id};
    return Error::not_found("organ.not_found", "找不到代码为 " + code + " 的机关");
  });
}

Status save_report_inputs(Command& cmd, const ReportOrgan& organ, int year, const nlohmann::json& inputs) {
  auto f = organ_facts(cmd.sql(), organ);
  if (!f) return f.error();
  JsonInput in(inputs);
  json clean = json::object();
  for (const char* key : {"overview", "problems", "other_matters"})
    if (auto text = in.optional_text(key, 20000)) clean[key] = *text;
  for (const char* key : {"penalties", "enforcement"})
    if (in.has(key)) clean[key] = in.integer(key, 0, 10'000'000);
  if (auto fees = in.optional_text("fees_wan", 16)) {
    bool ok = !fees->empty() && fees->find_first_not_of("0123456789.") == std::string::npos &&
              std::count(fees->begin(), fees->end(), '.') <= 1 && fees->front() != '.' && fees->back() != '.';
    auto dot = fees->find('.');
    if (!ok || (dot != std::string::npos && fees->size() - dot - 1 > 4))
      in.fail(Error::invalid("field.invalid", "收费金额应为以万元计的数字，最多四位小数", "fees_wan"));
    else
      clean["fees_wan"] = *fees;
  }
  for (const auto& group : kSection4Groups) {
    const auto* raw = in.raw(group.c_str());
    if (!raw) continue;
    if (!raw->is_object()) {
      in.fail(Error::invalid("field.wrong_type", "字段 " + group + " 应为对象", group));
      continue;
    }
    JsonInput g(*raw);
    json counts = json::object();
    for (const auto& key : kResultKeys)
      counts[key] = g.has(key.c_str()) ? g.integer(key.c_str(), 0, 1'000'000) : 0;
    if (auto e = g.error()) {
      e->field = group + "." + e->field;
      in.fail(*e);
      continue;
    }
    long long sum = 0;
    for (std::size_t i = 0; i < 4; ++i) sum += counts[kResultKeys[i]].get<long long>();
    if (sum != counts["total"].get<long long>())
      in.fail(Error::invalid("annual_report.check_failed",
                             fmt::format("总计应等于结果维持、结果纠正、其他结果、尚未审结之和（{}）", sum),
                             group + ".total"));
    clean[group] = counts;
  }
  if (auto e = in.error()) return *e;
  std::string text = clean.dump(), key = f->key;
  auto& sql = cmd.sql();
  sql << "DELETE FROM annual_report_inputs WHERE organ = :o AND year = :y", soci::use(key), soci::use(year);
  sql << "INSERT INTO annual_report_inputs (organ, year, inputs, updated_at) VALUES (:o, :y, :i, :u)",
      soci::use(key), soci::use(year), soci::use(text), soci::use(cmd.now());
  cmd.record("annual_report.inputs_saved", key, fmt::format("annual_report:{}:{}", key, year),
             {{"organ", f->name}, {"year", year}, {"inputs", clean}});
  return ok_status();
}

Result<nlohmann::json> report_inputs(Database& db, const ReportOrgan& organ, int year) {
  return db.read([&](soci::session& sql) -> Result<json> {
    auto f = organ_facts(sql, organ);
    if (!f) return f.error();
    std::string text;
    soci::indicator ind = soci::i_null;
    sql << "SELECT inputs FROM annual_report_inputs WHERE organ = :o AND year = :y", soci::use(f->key),
        soci::use(year), soci::into(text, ind);
    return ind == soci::i_ok ? json::parse(text) : json::object();
  });
}

Result<nlohmann::json> annual_report(Database& db, const ReportOrgan& organ, int year) {
  auto inputs = report_inputs(db, organ, year);
  if (!inputs) return inputs.error();
  return db.snapshot([&](soci::session& sql) -> Result<json> {
    auto f = organ_facts(sql, organ);
    if (!f) return f.error();
    std::string y = std::to_string(year);
    const json& in = *inputs;
    json checks = json::array();
    auto check = [&](std::string rule, bool ok) {
      checks.push_back({{"rule", std::move(rule)}, {"ok", ok}});
    };

    json sections = json::array();
    auto text_section = [&](int no, const char* key) {
      sections.push_back({{"no", no}, {"title", section_of(no)["title"]}, {"text", in.value(key, "")}});
    };
    text_section(1, "overview");
    json published = publication_figures(sql, *f, y);
    sections.back()["summary"] = published["summary"];
    published.erase("summary");
    sections.back()["figures"] = published;

    // Section 2: the format's four tables, the first from publications, the second from cases.
    json docs = documents_table(sql, *f, y);
    json tables = json::array();
    for (const auto& t : section_of(2)["tables"]) {
      json out{{"caption", t["caption"]}, {"columns", t["columns"]}, {"rows", json::array()}};
      for (const auto& label : t["rows"]) {
        json cells;
        if (label == "规章")
          cells = docs["rules"];
        else if (label == "行政规范性文件")
          cells = docs["normative"];
        else if (label == "行政许可")
          cells = json::array({licensing_decisions(sql, *f, year)});
        else if (label == "行政处罚")
          cells = json::array({figure(in, "penalties")});
        else if (label == "行政强制")
          cells = json::array({figure(in, "enforcement")});
        else if (label == "行政事业性收费")
          cells = json::array({decimal_text(in.value("fees_wan", json("0.00")))});
        out["rows"].push_back({{"label", label}, {"cells", cells}});
      }
      tables.push_back(std::move(out));
    }
    sections.push_back({{"no", 2}, {"title", section_of(2)["title"]}, {"tables", tables}});

    // Section 3: requests by applicant type and result, with the format's three cross-checks.
    const json& s3 = section_of(3);
    auto counts = request_counts(sql, *f, year);
    json columns = s3["columns"], rows = json::array();
    std::map<std::string, std::map<std::string, long long>> grid;  // data rows, with the total column
    for (const auto& row : s3["rows"]) {
      std::string key = row["key"];
      json out{{"key", key}, {"label", row["label"]}, {"level", row["level"]}, {"cells", nullptr}};
      if (row["data_row"].get<bool>()) {
        json cells = json::object();
        long long total = 0;
        for (const auto& col : columns) {
          std::string c = col["key"];
          if (c == "total") continue;
          long long n = counts[key][c];
          cells[c] = n;
          grid[key][c] = n;
          total += n;
        }
        cells["total"] = total;
        grid[key]["total"] = total;
        out["cells"] = cells;
      }
      rows.push_back(std::move(out));
    }
    for (const auto& col : columns) {
      std::string c = col["key"];
      long long sum = 0;
      for (const auto& row : s3["rows"])
        if (row["data_row"].get<bool>() && row.contains("parent") && row["key"] != "results_total")
          sum += grid[row["key"]][c];
      check(fmt::format("三、{}：（七）总计 = （一）至（六）各项之和", col["label"].get<std::string>()),
            grid["results_total"][c] == sum);
      check(fmt::format("三、{}：一 + 二 = 三（七）+ 四", col["label"].get<std::string>()),
            grid["new_received"][c] + grid["carried_over"][c] ==
                grid["results_total"][c] + grid["carry_forward"][c]);
    }
    for (const auto& row : s3["rows"]) {
      if (!row["data_row"].get<bool>()) continue;
      const auto& cells = grid[row["key"]];
      long long sum = 0;
      for (const auto& [c, n] : cells)
        if (c != "total") sum += n;
      check(fmt::format("三、{}：总计 = 各类申请人之和", row["label"].get<std::string>()),
            cells.at("total") == sum);
    }
    sections.push_back({{"no", 3},
                        {"title", s3["title"]},
                        {"corner_cell", s3["corner_cell"]},
                        {"columns", columns},
                        {"rows", rows}});

    // Section 4: the review and lawsuit figures as entered.
    json groups = json::array();
    const std::vector<std::pair<std::string, std::string>> labels{
        {"review", "行政复议"},
        {"lawsuit_direct", "行政诉讼·未经复议直接起诉"},
        {"lawsuit_after_review", "行政诉讼·复议后起诉"}};
    for (const auto& [key, label] : labels) {
      json g = in.value(key, json::object());
      json cells = json::array();
      long long sum = 0;
      for (std::size_t i = 0; i < kResultKeys.size(); ++i) {
        long long n = g.value(kResultKeys[i], 0LL);
        cells.push_back(n);
        if (i < 4) sum += n;
      }
      check(fmt::format("四、{}：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结", label), sum == cells[4]);
      groups.push_back({{"key", key}, {"label", label}, {"cells", cells}});
    }
    sections.push_back({{"no", 4},
                        {"title", section_of(4)["title"]},
                        {"columns", {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}},
                        {"groups", groups}});
    text_section(5, "problems");
    text_section(6, "other_matters");

    for (const auto& c : checks)
      if (!c["ok"].get<bool>())
        return Error::internal("annual_report.check_failed",
                               "年度报告数据未通过勾稽校验：" + c["rule"].get<std::string>());
    return json{{"year", year},
                {"organ", {{"name", f->name}, {"code", f->code}}},
                {"title", fmt::format("{}{}年政府信息公开工作年度报告", f->name, year)},
                {"format", report_format()["document"]},
                {"sections", sections},
                {"checks", checks}};
  });
}

}  // namespace fishbowl::disclosure
