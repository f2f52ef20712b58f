// Reading and writing spreadsheets: CSV as spreadsheet programs write it, XLSX from libxlsxwriter and from a
// hand-made archive with the cell forms other programs use (inline strings, rich text, skipped columns).
#include <gtest/gtest.h>
#include <zlib.h>

#include "core/sheet.h"

namespace fishbowl {
namespace {

std::vector<std::vector<std::string>> cells_of(const Sheet& s) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : s.rows) out.push_back(r.cells);
  return out;
}

TEST(Csv, ReadsQuotedFieldsAndNumbersRecordsAsASpreadsheetShowsThem) {
  auto s = read_csv(
      "\xEF\xBB\xBF编码,名称\r\nA1,\"身份证,户口簿\"\r\n\r\nA2,\"第一步\n第二步\"\nA3,\"说\"\"明\"\"\"\n");
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(s->rows.size(), 4u);
  EXPECT_EQ(s->rows[1].cells, (std::vector<std::string>{"A1", "身份证,户口簿"}));
  EXPECT_EQ(s->rows[2].cells, (std::vector<std::string>{"A2", "第一步\n第二步"}));
  EXPECT_EQ(s->rows[3].cells, (std::vector<std::string>{"A3", "说\"明\""}));
  EXPECT_EQ(s->rows[0].line, 1);
  EXPECT_EQ(s->rows[1].line, 2);
  EXPECT_EQ(s->rows[2].line, 4);  // the blank row 3 is skipped
  EXPECT_EQ(s->rows[3].line, 5);  // the record before spans two lines of text but is one row
}

TEST(Csv, WhatItWritesReadsBackTheSame) {
  std::vector<std::vector<std::string>> rows{{"a", "b,c", "d\"e"}, {"第一行\n第二行", "", "x"}};
  auto s = read_csv(write_csv(rows));
  ASSERT_TRUE(s);
  EXPECT_EQ(cells_of(*s), rows);
}

TEST(Csv, RefusesUnclosedQuotesAndTextThatIsNotUtf8) {
  auto open = read_csv("a,b\nc,\"never closed\n");
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().code, "sheet.invalid");
  EXPECT_NE(open.error().message.find("第 2 行"), std::string::npos) << open.error().message;
  auto junk = read_csv("a,\"b\"c\n");
  ASSERT_FALSE(junk);
  EXPECT_EQ(junk.error().code, "sheet.invalid");
  auto gbk = read_csv("\xC9\xED\xB7\xDD\xD6\xA4,1\n");  // 身份证 in GBK
  ASSERT_FALSE(gbk);
  EXPECT_EQ(gbk.error().code, "sheet.not_utf8");
}

TEST(Xlsx, WhatItWritesReadsBackTheSame) {
  std::vector<std::vector<std::string>> rows{{"事项编码", "名称", "材料"},
                                             {"001", "居民身份证申领", "身份证|必要\n户口簿|必要"},
                                             {"002", "", "12.50"}};
  auto bytes = write_xlsx(rows, "政务服务事项");
  ASSERT_TRUE(bytes) << bytes.error().message;
  EXPECT_EQ(*write_xlsx(rows, "政务服务事项"), *bytes);  // the same rows, the same bytes
  auto s = read_sheet(*bytes);
  ASSERT_TRUE(s) << s.error().message;
  // The empty cell at the end of a row is not written; the rest are, leading zeros included.
  EXPECT_EQ(cells_of(*s), (std::vector<std::vector<std::string>>{rows[0], rows[1], {"002", "", "12.50"}}));
  EXPECT_EQ(s->rows[2].line, 3);
}

// A ZIP archive with stored (uncompressed) entries, enough for the reader.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& files) {
  auto u16 = [](std::string& s, unsigned v) { s += char(v & 0xff), s += char(v >> 8 & 0xff); };
  auto u32 = [&](std::string& s, unsigned long v) { u16(s, v & 0xffff), u16(s, v >> 16 & 0xffff); };
  std::string body, dir;
  for (const auto& [name, data] : files) {
    unsigned long crc = crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
    unsigned long offset = body.size();
    u32(body, 0x04034b50), u16(body, 20), u16(body, 0), u16(body, 0), u16(body, 0), u16(body, 0);
    u32(body, crc), u32(body, data.size()), u32(body, data.size()), u16(body, name.size()), u16(body, 0);
    body += name + data;
    u32(dir, 0x02014b50), u16(dir, 20), u16(dir, 20), u16(dir, 0), u16(dir, 0), u16(dir, 0), u16(dir, 0);
    u32(dir, crc), u32(dir, data.size()), u32(dir, data.size()), u16(dir, name.size()), u16(dir, 0);
    u16(dir, 0), u16(dir, 0), u16(dir, 0), u32(dir, 0), u32(dir, offset);
    dir += name;
  }
  std::string end;
  u32(end, 0x06054b50), u16(end, 0), u16(end, 0), u16(end, files.size()), u16(end, files.size());
  u32(end, dir.size()), u32(end, body.size()), u16(end, 0);
  return body + dir + end;
}

TEST(Xlsx, ReadsInlineStringsRichTextAndSkippedColumns) {
  std::string workbook = R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
                         R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
                         R"(<sheets><sheet name="表" sheetId="1" r:id="rId7"/></sheets></workbook>)";
  std::string rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId7" Type="worksheet" Target="worksheets/data.xml"/></Relationships>)";
  std::string strings = R"(<sst><si><t>编码</t></si><si><r><t>居民</t></r><r><t>身份证</t></r>)"
                        R"(<rPh><t>じゅうみん</t></rPh></si></sst>)";
  std::string sheet =
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)"
      R"(<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>备注</x:t></x:is></x:c></x:row>)"
      R"(<x:row r="4"><x:c r="B4" t="s"><x:v>1</x:v></x:c><x:c r="C4"><x:v>20</x:v></x:c></x:row>)"
      R"(</x:sheetData></x:worksheet>)";
  auto s = read_xlsx(stored_zip({{"xl/workbook.xml", workbook},
                                 {"xl/_rels/workbook.xml.rels", rels},
                                 {"xl/sharedStrings.xml", strings},
                                 {"xl/worksheets/data.xml", sheet}}));
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(s->rows.size(), 2u);
  EXPECT_EQ(s->rows[0].cells, (std::vector<std::string>{"编码", "", "备注"}));
  EXPECT_EQ(s->rows[1].cells, (std::vector<std::string>{"", "居民身份证", "20"}));
  EXPECT_EQ(s->rows[1].line, 4);

  // A shared string index past the table is refused rather than read out of bounds.
  std::string bad_index = sheet;
  bad_index.replace(bad_index.find("<x:v>1<"), 7, "<x:v>9<");
  auto refused = read_xlsx(stored_zip({{"xl/workbook.xml", workbook},
                                       {"xl/_rels/workbook.xml.rels", rels},
                                       {"xl/sharedStrings.xml", strings},
                                       {"xl/worksheets/data.xml", bad_index}}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "sheet.invalid");
}

TEST(Xlsx, RefusesWhatIsNotAWorkbook) {
  auto written = write_xlsx({{"a"}}, "s");
  ASSERT_TRUE(written);
  for (std::string bytes :
       {std::string("PK\x03\x04 not really"), written->substr(0, written->size() / 2),
        stored_zip({{"xl/workbook.xml", "<workbook><sheets>"}}), stored_zip({{"readme.txt", "hello"}})}) {
    auto s = read_sheet(bytes);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, "sheet.invalid") << s.error().message;
  }
}

// Uploads come from anyone: damaged archives must give an answer, never a crash or a read out of bounds (the
// sanitized build checks the second).
TEST(Xlsx, DamagedFilesAreAnsweredNotCrashedOn) {
  auto bytes = write_xlsx({{"编码", "名称"}, {"001", "居民身份证申领"}}, "表");
  ASSERT_TRUE(bytes);
  const std::string& good = *bytes;
  int refused = 0;
  for (std::size_t at = 0; at < good.size(); at += 7) {
    std::string damaged = good;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
    refused += !read_xlsx(damaged).ok();
    refused += !read_xlsx(std::string_view(good).substr(0, at)).ok();
  }
  EXPECT_GT(refused, static_cast<int>(good.size() / 7));
}

}  // namespace
}  // namespace fishbowl
