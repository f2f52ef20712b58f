// The annual report as a printable page: the format's tables with their merged header cells, on A4.
#include <fmt/format.h>

#include "core/text.h"
#include "disclosure/annual_report.h"

namespace fishbowl::disclosure {

namespace {

using nlohmann::json;

constexpr const char* kStyle = R"(
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; color: #111; max-width: 820px;
       margin: 24px auto; line-height: 1.7; }
h1 { text-align: center; font-size: 22px; }
h2 { font-size: 17px; margin-top: 28px; }
p.text { text-indent: 2em; white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; margin: 12px 0; font-size: 13px; page-break-inside: avoid; }
th, td { border: 1px solid #333; padding: 4px 6px; text-align: center; }
td.label { text-align: left; }
td.level-1 { padding-left: 1.5em; } td.level-2 { padding-left: 3em; }
caption { font-weight: bold; padding: 4px; }
.format { text-align: center; color: #555; font-size: 12px; }
)";

void text(std::string& out, std::string_view s) {
  append_html_escaped(out, s);
}

// Section 1's count of publications by column of the catalogue.
void by_column(std::string& out, const json& rows) {
  if (rows.empty()) return;
  out +=
      "<table data-by-column><caption>主动公开政府信息分类统计</caption><tr><th>公开目录栏目</th>"
      "<th>依据</th><th>本年公开（条）</th></tr>";
  for (const auto& r : rows) {
    out += "<tr><td class=\"label\">";
    text(out, r["label"].get<std::string>());
    out += "</td><td>";
    text(out, r["article"].get<std::string>());
    out += fmt::format("</td><td>{}</td></tr>", r["count"].get<long long>());
  }
  out += "</table>";
}

std::string cell_text(const json& v) {
  std::string out;
  append_html_escaped(out, v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

void section2(std::string& out, const json& s) {
  for (const auto& t : s["tables"]) {
    out += "<table><caption>";
    text(out, t["caption"].get<std::string>());
    out += "</caption><tr>";
    for (const auto& c : t["columns"]) {
      out += "<th>";
      text(out, c.get<std::string>());
      out += "</th>";
    }
    out += "</tr>";
    for (const auto& r : t["rows"]) {
      out += "<tr><td class=\"label\">";
      text(out, r["label"].get<std::string>());
      out += "</td>";
      for (const auto& v : r["cells"]) out += "<td>" + cell_text(v) + "</td>";
      out += "</tr>";
    }
    out += "</table>";
  }
}

// The header of section 3: the corner cell over two header rows, the person column and the total spanning
// both, and the five kinds of organisation under their group.
void section3(std::string& out, const json& s) {
  const auto& columns = s["columns"];
  int grouped = 0;
  for (const auto& c : columns) grouped += c["group"].is_null() ? 0 : 1;
  out += "<table><tr><th rowspan=\"3\" colspan=\"2\">";
  text(out, s["corner_cell"].get<std::string>());
  out += fmt::format("</th><th colspan=\"{}\">申请人情况</th></tr><tr>", columns.size());
  bool group_open = false;
  for (const auto& c : columns) {
    if (c["group"].is_null()) {
      out += "<th rowspan=\"2\">";
      text(out, c["label"].get<std::string>());
      out += "</th>";
    } else if (!group_open) {
      group_open = true;
      out += fmt::format("<th colspan=\"{}\">", grouped);
      text(out, c["group"].get<std::string>());
      out += "</th>";
    }
  }
  out += "</tr><tr>";
  for (const auto& c : columns)
    if (!c["group"].is_null()) {
      out += "<th>";
      text(out, c["label"].get<std::string>());
      out += "</th>";
    }
  out += "</tr>";
  for (const auto& r : s["rows"]) {
    out += fmt::format("<tr data-row=\"{}\"><td class=\"label level-{}\" colspan=\"2\">",
                       r["key"].get<std::string>(), r["level"].get<int>());
    text(out, r["label"].get<std::string>());
    out += "</td>";
    for (const auto& c : columns)
      out += r["cells"].is_null() ? "<td></td>"
                                  : "<td>" + r["cells"][c["key"].get<std::string>()].dump() + "</td>";
    out += "</tr>";
  }
  out += "</table>";
}

void section4(std::string& out, const json& s) {
  out +=
      "<table><tr><th colspan=\"5\" rowspan=\"2\">行政复议</th><th colspan=\"10\">行政诉讼</th></tr>"
      "<tr><th colspan=\"5\">未经复议直接起诉</th><th colspan=\"5\">复议后起诉</th></tr><tr>";
  for (int g = 0; g < 3; ++g)
    for (const auto& c : s["columns"]) {
      out += "<th>";
      text(out, c.get<std::string>());
      out += "</th>";
    }
  out += "</tr><tr>";
  for (const auto& g : s["groups"])
    for (const auto& v : g["cells"]) out += "<td>" + v.dump() + "</td>";
  out += "</tr></table>";
}

}  // namespace

std::string annual_report_html(const nlohmann::json& report) {
  std::string out = "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>";
  text(out, report["title"].get<std::string>());
  out += "</title><style>";
  out += kStyle;
  out += "</style></head><body><h1>";
  text(out, report["title"].get<std::string>());
  out += "</h1><p class=\"format\">按";
  text(out, report["format"].get<std::string>());
  out += "编制</p>";
  for (const auto& s : report["sections"]) {
    out += fmt::format("<section data-section=\"{}\"><h2>", s["no"].get<int>());
    text(out, s["title"].get<std::string>());
    out += "</h2>";
    int no = s["no"].get<int>();
    if (s.contains("summary")) {
      out += "<p class=\"text\" data-summary>";
      text(out, s["summary"].get<std::string>());
      out += "</p>";
      by_column(out, s["figures"]["by_column"]);
    }
    if (s.contains("text")) {
      out += "<p class=\"text\">";
      text(out, s["text"].get<std::string>().empty() ? "（未填写）" : s["text"].get<std::string>());
      out += "</p>";
    } else if (no == 2) {
      section2(out, s);
    } else if (no == 3) {
      section3(out, s);
    } else if (no == 4) {
      section4(out, s);
    }
    out += "</section>";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace fishbowl::disclosure
