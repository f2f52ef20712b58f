// Reading XLSX: the ZIP container with zlib, the XML parts with expat. Only what a worksheet of text and
// numbers needs: the workbook's first sheet, shared strings, inline strings. The file comes from an uploader,
// so every size is checked before it is trusted (an archive that inflates to gigabytes is refused).
#include <expat.h>
#include <fmt/format.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <optional>

#include "core/sheet.h"
#include "core/text.h"

namespace fishbowl {

namespace {

constexpr std::size_t kMaxPart = 64u << 20;  // the largest XML part read, inflated
constexpr std::size_t kMaxCells = 2'000'000;

Error bad(const std::string& why) {
  return Error::invalid("sheet.invalid", "不是有效的 XLSX 文件：" + why, "file");
}

std::uint32_t le(std::string_view b, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

// The entries of the ZIP's central directory, by name: where the local header is and how the data is stored.
struct Entry {
  std::uint32_t local = 0, compressed = 0, size = 0, crc = 0;
  std::uint16_t method = 0;
};

Result<std::map<std::string, Entry>> directory(std::string_view zip) {
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes; search backwards for its signature.
  if (zip.size() < 22) return bad("文件过短");
  std::size_t start = zip.size() > 65557 ? zip.size() - 65557 : 0;
  std::optional<std::size_t> eocd;
  for (std::size_t i = zip.size() - 22 + 1; i-- > start;)
    if (le(zip, i, 4) == 0x06054b50) {
      eocd = i;
      break;
    }
  if (!eocd) return bad("找不到 ZIP 目录");
  std::uint32_t count = le(zip, *eocd + 10, 2), at = le(zip, *eocd + 16, 4);
  std::map<std::string, Entry> out;
  for (std::uint32_t n = 0; n < count; ++n) {
    if (at + 46ull > zip.size() || le(zip, at, 4) != 0x02014b50) return bad("ZIP 目录损坏");
    Entry e{le(zip, at + 42, 4), le(zip, at + 20, 4), le(zip, at + 24, 4), le(zip, at + 16, 4),
            static_cast<std::uint16_t>(le(zip, at + 10, 2))};
    std::uint32_t name_len = le(zip, at + 28, 2), extra = le(zip, at + 30, 2), comment = le(zip, at + 32, 2);
    if (at + 46ull + name_len > zip.size()) return bad("ZIP 目录损坏");
    out.emplace(std::string(zip.substr(at + 46, name_len)), e);
    at += 46 + name_len + extra + comment;
  }
  return out;
}

Result<std::string> part(std::string_view zip, const std::map<std::string, Entry>& dir,
                         const std::string& name) {
  auto it = dir.find(name);
  if (it == dir.end()) return bad("缺少 " + name);
  const Entry& e = it->second;
  if (e.size > kMaxPart) return bad(name + " 过大");
  if (e.local + 30ull > zip.size() || le(zip, e.local, 4) != 0x04034b50) return bad(name + " 的位置不对");
  std::size_t data = e.local + 30ull + le(zip, e.local + 26, 2) + le(zip, e.local + 28, 2);
  if (data + e.compressed > zip.size()) return bad(name + " 被截断");
  std::string_view raw = zip.substr(data, e.compressed);
  auto checked = [&](std::string out) -> Result<std::string> {
    if (crc32(0, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size())) != e.crc)
      return bad(name + " 已损坏（校验和不符）");
    return out;
  };
  if (e.method == 0) return checked(std::string(raw));
  if (e.method != 8) return bad(name + " 使用了不支持的压缩方式");
  std::string out(e.size, '\0');
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return bad("解压失败");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  z.avail_in = static_cast<uInt>(raw.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&z, Z_FINISH);
  std::size_t produced = out.size() - z.avail_out;
  inflateEnd(&z);
  // The declared size bounds the output, so a lying header cannot make the part grow past it.
  if (rc != Z_STREAM_END || produced != e.size) return bad(name + " 解压后的大小与目录不符");
  return checked(std::move(out));
}

// A small event-driven walk over an XML part: callbacks for element starts and ends, and the text between.
class Xml {
 public:
  using Start = std::function<void(const std::string& name, const char** attrs)>;
  // The text is the character data since the last element start or end: a leaf element's content.
  using End = std::function<void(const std::string& name, const std::string& text)>;
  Xml(Start start, End end) : start_(std::move(start)), end_(std::move(end)) {}

  Status parse(const std::string& doc, const std::string& what) {
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, this);
    XML_SetElementHandler(
        p,
        [](void* self, const XML_Char* name, const XML_Char** attrs) {
          auto* x = static_cast<Xml*>(self);
          x->text_.clear();
          x->start_(local_name(name), attrs);
        },
        [](void* self, const XML_Char* name) {
          auto* x = static_cast<Xml*>(self);
          x->end_(local_name(name), x->text_);
          x->text_.clear();
        });
    XML_SetCharacterDataHandler(p, [](void* self, const XML_Char* s, int len) {
      static_cast<Xml*>(self)->text_.append(s, static_cast<std::size_t>(len));
    });
    bool ok = XML_Parse(p, doc.data(), static_cast<int>(doc.size()), 1) == XML_STATUS_OK;
    XML_ParserFree(p);
    if (!ok) return bad(what + " 不是有效的 XML");
    return ok_status();
  }

  static const char* attr(const char** attrs, const char* name) {
    for (int i = 0; attrs[i]; i += 2)
      if (local_name(attrs[i]) == name) return attrs[i + 1];
    return nullptr;
  }

 private:
  // Prefixes differ between writers ("x:row" or "row"); only the local name counts.
  static std::string local_name(const char* qualified) {
    const char* colon = std::strrchr(qualified, ':');
    return colon ? colon + 1 : qualified;
  }
  Start start_;
  End end_;
  std::string text_;
};

// The worksheet that the workbook lists first, resolved through the workbook's relationships.
Result<std::string> first_sheet_path(std::string_view zip, const std::map<std::string, Entry>& dir) {
  auto workbook = part(zip, dir, "xl/workbook.xml");
  if (!workbook) return workbook.error();
  std::string rel;
  Xml wb(
      [&](const std::string& name, const char** a) {
        if (name == "sheet" && rel.empty())
          if (const char* id = Xml::attr(a, "id")) rel = id;
      },
      [](const std::string&, const std::string&) {});
  if (auto s = wb.parse(*workbook, "xl/workbook.xml"); !s) return s.error();
  if (rel.empty()) return bad("工作簿中没有工作表");
  auto rels = part(zip, dir, "xl/_rels/workbook.xml.rels");
  if (!rels) return rels.error();
  std::string target;
  Xml r(
      [&](const std::string& name, const char** a) {
        const char* id = Xml::attr(a, "Id");
        if (name == "Relationship" && id && rel == id)
          if (const char* t = Xml::attr(a, "Target")) target = t;
      },
      [](const std::string&, const std::string&) {});
  if (auto s = r.parse(*rels, "xl/_rels/workbook.xml.rels"); !s) return s.error();
  if (target.empty()) return bad("找不到第一个工作表");
  return target[0] == '/' ? target.substr(1) : "xl/" + target;
}

// "BC12" -> column 54 (0-based), or nothing when the reference is malformed.
std::optional<std::size_t> column_of(const char* ref) {
  std::size_t col = 0;
  int letters = 0;
  for (; *ref >= 'A' && *ref <= 'Z'; ++ref, ++letters)
    col = col * 26 + static_cast<std::size_t>(*ref - 'A' + 1);
  if (letters == 0 || letters > 3) return std::nullopt;
  return col - 1;
}

}  // namespace

Result<Sheet> read_xlsx(std::string_view bytes) {
  auto dir = directory(bytes);
  if (!dir) return dir.error();

  std::vector<std::string> shared;
  if (dir->count("xl/sharedStrings.xml")) {
    auto strings = part(bytes, *dir, "xl/sharedStrings.xml");
    if (!strings) return strings.error();
    // A shared string is every <t> of its <si>, but not the phonetic guides (<rPh>) over East Asian text.
    std::string current;
    int phonetic = 0;
    Xml x(
        [&](const std::string& name, const char**) {
          if (name == "si") current.clear();
          if (name == "rPh") ++phonetic;
        },
        [&](const std::string& name, const std::string& text) {
          if (name == "t" && !phonetic) current += text;
          if (name == "rPh") --phonetic;
          if (name == "si") shared.push_back(current);
        });
    if (auto s = x.parse(*strings, "xl/sharedStrings.xml"); !s) return s.error();
  }

  auto path = first_sheet_path(bytes, *dir);
  if (!path) return path.error();
  auto xml = part(bytes, *dir, *path);
  if (!xml) return xml.error();
  Sheet sheet;
  SheetRow row;
  std::string type, value, inline_text;
  std::size_t column = 0, cells = 0;
  std::optional<Error> problem;
  Xml x(
      [&](const std::string& name, const char** a) {
        if (name == "row") {
          const char* r = Xml::attr(a, "r");
          row = SheetRow{r ? std::atoi(r) : (sheet.rows.empty() ? 1 : sheet.rows.back().line + 1), {}};
          column = 0;
        } else if (name == "c") {
          const char* t = Xml::attr(a, "t");
          type = t ? t : "n";
          value.clear();
          inline_text.clear();
          if (const char* r = Xml::attr(a, "r")) {
            auto col = column_of(r);
            if (!col && !problem) problem = bad(fmt::format("单元格引用 {} 无效", r));
            if (col) column = *col;
          }
        }
      },
      [&](const std::string& name, const std::string& text) {
        if (name == "v") value = text;
        if (name == "t") inline_text += text;
        if (name == "c") {
          std::string cell = type == "inlineStr" ? inline_text : value;
          if (type == "s") {
            char* end = nullptr;
            unsigned long index = std::strtoul(value.c_str(), &end, 10);
            if (value.empty() || *end || index >= shared.size()) {
              if (!problem) problem = bad(fmt::format("第 {} 行的共享字符串编号无效", row.line));
              return;
            }
            cell = shared[index];
          }
          if (++cells > kMaxCells || column > 16384) {
            if (!problem) problem = bad("单元格过多");
            return;
          }
          if (row.cells.size() <= column) row.cells.resize(column + 1);
          row.cells[column++] = std::move(cell);
        }
        if (name == "row") {
          bool blank = true;
          for (const auto& c : row.cells) blank = blank && c.empty();
          if (!blank) sheet.rows.push_back(std::move(row));
          row = SheetRow{};
        }
      });
  if (auto s = x.parse(*xml, *path); !s) return s.error();
  if (problem) return *problem;
  for (const auto& r : sheet.rows)
    for (const auto& c : r.cells)
      if (!is_valid_utf8(c)) return bad("含有无效字符");
  return sheet;
}

}  // namespace fishbowl
