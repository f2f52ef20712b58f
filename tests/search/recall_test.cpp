// The index finds exactly what a plain substring scan finds, on both engines, and ranks and filters hits.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "search/search.h"
#include "support/test_db.h"

namespace fishbowl::testing {
namespace {

using search::Document;

class Search : public BackendTest {
 protected:
  void put(const Document& d) {
    auto done = db().write([&](soci::session& sql) -> Status {
      Command cmd(sql, db().backend(), Actor::system(), "2026-11-27T00:00:00Z",
                  db().batch<ledger::Appender>());
      search::put(cmd, d);
      return ok_status();
    });
    ASSERT_TRUE(done.ok()) << done.error().message;
  }

  // Every hit of a query, over all pages.
  std::set<long long> all_hits(search::Query q) {
    std::set<long long> out;
    q.page_size = 50;
    for (q.page = 1;; ++q.page) {
      auto hits = search::find(db(), q, *parse_date("2026-11-27"));
      EXPECT_TRUE(hits.ok()) << (hits.ok() ? "" : hits.error().message);
      if (!hits) return out;
      for (const auto& h : hits->items) out.insert(h.doc.ref_id);
      if (hits->items.empty() || static_cast<long long>(out.size()) >= hits->total) return out;
    }
  }
};

Document doc(long long id, std::string title, std::string text, std::string date = "2026-01-01") {
  Document d;
  d.kind = "publication";
  d.ref_id = id;
  d.title = std::move(title);
  d.text = std::move(text);
  d.level = "county";
  d.region_path = "/1/";
  d.organ_name = "测试县民政局";
  d.date = std::move(date);
  d.url = "/disclosure/publications/" + std::to_string(id);
  return d;
}

// A small alphabet makes every pair common and many absent, which is where false hits would show. Digits and
// letters are characters of the runs they stand in, as in 第13号 or A级.
const std::vector<std::string> kChars = {"低", "保", "医", "社", "城", "乡", "民", "政",
                                         "救", "助", "养", "老", "农", "村", "补", "贴",
                                         "户", "籍", "号", "年", "0",  "1",  "3",  "a"};
const std::vector<std::string> kBreaks = {"，", "。", " ", "、", "（", "）", "-", "/"};

// The text as a sequence of kChars and breaks, one code point each.
std::vector<std::string> code_points(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < text.size();) {
    auto c = static_cast<unsigned char>(text[at]);
    std::size_t width = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.push_back(text.substr(at, width));
    at += width;
  }
  return out;
}

std::string random_text(std::mt19937& rng, int chars) {
  std::string out;
  for (int i = 0; i < chars; ++i) {
    out += rng() % 9 == 0 ? kBreaks[rng() % kBreaks.size()] : kChars[rng() % kChars.size()];
  }
  return out;
}

// len adjacent characters of kChars from a random body, or "" when the body has no run that long.
std::string run_in(std::mt19937& rng, const std::vector<Document>& corpus, int len) {
  auto text = code_points(corpus[rng() % corpus.size()].text);
  auto n = static_cast<std::size_t>(len);
  for (std::size_t at = 0; at + n <= text.size(); ++at) {
    std::string run;
    std::size_t k = 0;
    for (; k < n && std::find(kChars.begin(), kChars.end(), text[at + k]) != kChars.end(); ++k)
      run += text[at + k];
    if (k == n) return run;
  }
  return "";
}

TEST_P(Search, EveryQueryFindsExactlyTheDocumentsThatContainIt) {
  std::mt19937 rng(20261127);
  std::vector<Document> corpus;
  for (long long id = 1; id <= 300; ++id) {
    corpus.push_back(doc(id, random_text(rng, 6), random_text(rng, 20 + static_cast<int>(rng() % 60))));
    put(corpus.back());
  }
  int queries = 0, found_some = 0, found_mixed = 0;
  for (int len : {1, 2, 2, 2, 3, 4, 4, 5, 6}) {
    for (int k = 0; k < 12; ++k) {
      // Random runs of five or more characters are seldom in the corpus: every other one is taken from it.
      std::string q = len >= 5 && k % 2 ? run_in(rng, corpus, len) : "";
      if (q.empty())
        for (int i = 0; i < len; ++i) q += kChars[rng() % kChars.size()];
      std::set<long long> expected;
      for (const auto& d : corpus)
        if (d.title.find(q) != std::string::npos || d.text.find(q) != std::string::npos)
          expected.insert(d.ref_id);
      search::Query query;
      query.q = q;
      EXPECT_EQ(all_hits(query), expected) << "query " << q;
      // A short first page, so that the total is counted rather than seen on the last page.
      query.page_size = 5;
      auto first = search::find(db(), query, *parse_date("2026-11-27"));
      ASSERT_TRUE(first.ok());
      EXPECT_EQ(first->total, static_cast<long long>(expected.size())) << "query " << q;
      ++queries;
      found_some += expected.empty() ? 0 : 1;
      bool ascii = std::any_of(q.begin(), q.end(), [](char c) { return (c & 0x80) == 0; });
      bool chinese = std::any_of(q.begin(), q.end(), [](char c) { return (c & 0x80) != 0; });
      found_mixed += ascii && chinese && !expected.empty() ? 1 : 0;
    }
  }
  // The corpus must exercise both sides: queries with hits and queries without, and runs that mix digits or
  // letters with Chinese.
  EXPECT_GT(found_some, queries / 3);
  EXPECT_LT(found_some, queries);
  EXPECT_GE(found_mixed, 5);
}

TEST_P(Search, DigitsAndLettersAreFoundWhereverTheyStandInARun) {
  put(doc(1, "公告", "第13号"));
  put(doc(2, "公告", "3号楼"));
  put(doc(3, "公告", "13"));
  put(doc(4, "公告", "A级景区"));
  put(doc(5, "公告", "a3 号"));
  put(doc(6, "公告", "城乡。低保，医保"));  // breaks between runs of pairs
  search::Query q;
  q.q = "3号";
  EXPECT_EQ(all_hits(q), (std::set<long long>{1, 2}));  // not 5, where a space parts them
  q.q = "13";
  EXPECT_EQ(all_hits(q), (std::set<long long>{1, 3}));
  q.q = "第１３号";  // full-width digits fold to ASCII
  EXPECT_EQ(all_hits(q), (std::set<long long>{1}));
  q.q = "a级";
  EXPECT_EQ(all_hits(q), (std::set<long long>{4}));
  q.q = "3";
  EXPECT_EQ(all_hits(q), (std::set<long long>{1, 2, 3, 5}));
  q.q = "0";  // the character, never the breaks between runs
  EXPECT_TRUE(all_hits(q).empty());
}

// PostgreSQL refuses a lexeme over 2046 bytes; no token is longer than four characters.
TEST_P(Search, ALongUnbrokenStringOfLettersIsIndexedAndFoundInside) {
  std::string key;
  for (int i = 0; i < 3000; ++i) key += static_cast<char>('a' + i % 26);
  put(doc(1, "密钥", "附：" + key + "。"));
  search::Query q;
  q.q = "xyzab";
  EXPECT_EQ(all_hits(q), (std::set<long long>{1}));
  q.q = "xzy";
  EXPECT_TRUE(all_hits(q).empty());
}

TEST_P(Search, APairAcrossPunctuationIsNotAMatch) {
  put(doc(1, "通知", "城乡。低保"));
  put(doc(2, "通知", "城乡低保"));
  search::Query q;
  q.q = "乡低";
  EXPECT_EQ(all_hits(q), (std::set<long long>{2}));
  q.q = "城乡低保";
  EXPECT_EQ(all_hits(q), (std::set<long long>{2}));
  q.q = "城乡 低保";  // two runs: both must occur, anywhere
  EXPECT_EQ(all_hits(q), (std::set<long long>{1, 2}));
  // 城乡低保 and 乡低保标 are 4-grams of the text, but of two runs: they must not make a phrase.
  put(doc(3, "通知", "城乡低保，乡低保标准"));
  q.q = "城乡低保标准";
  EXPECT_TRUE(all_hits(q).empty());
  q.q = "乡低保标准";
  EXPECT_EQ(all_hits(q), (std::set<long long>{3}));
}

TEST_P(Search, ATitleMatchAndARecentDocumentRankFirstAndHitsShowWhereTheyMatched) {
  put(doc(1, "关于农村道路的通知", "本次也涉及低保资金。", "2026-11-01"));
  put(doc(2, "关于调整低保标准的通知", "详见附件。", "2026-11-01"));
  put(doc(3, "关于调整低保标准的通知", "详见附件。", "2021-11-01"));
  search::Query q;
  q.q = "低保";
  auto hits = search::find(db(), q, *parse_date("2026-11-27"));
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->total, 3);
  EXPECT_EQ(hits->items[0].doc.ref_id, 2);  // in the title, and recent
  EXPECT_EQ(hits->items[1].doc.ref_id, 3);  // in the title, but five years old
  EXPECT_EQ(hits->items[2].doc.ref_id, 1);  // only in the body
  EXPECT_GT(hits->items[0].score, hits->items[1].score);
  EXPECT_EQ(hits->items[0].title_html, "关于调整<mark>低保</mark>标准的通知");
  EXPECT_EQ(hits->items[2].snippet_html, "本次也涉及<mark>低保</mark>资金。");
}

TEST_P(Search, FiltersNarrowTheHitsAndAReplacedDocumentIsFoundByItsNewTextOnly) {
  auto a = doc(1, "医保报销", "县里的", "2026-03-01");
  auto b = doc(2, "医保报销", "镇里的", "2026-09-01");
  b.level = "town";
  b.region_path = "/1/2/";
  b.department_id = 7;
  b.column = "social_security";
  auto c = doc(3, "医保报销", "事项", "2026-09-01");
  c.kind = "service_item";
  for (const auto& d : {a, b, c}) put(d);
  search::Query q;
  q.q = "医保";
  EXPECT_EQ(all_hits(q).size(), 3u);
  q.level = "town";
  EXPECT_EQ(all_hits(q), (std::set<long long>{2}));
  q = {};
  q.q = "医保";
  q.region_path = "/1/2/";
  EXPECT_EQ(all_hits(q), (std::set<long long>{2}));
  q.region_path.reset();
  q.department_id = 7;
  EXPECT_EQ(all_hits(q), (std::set<long long>{2}));
  q.department_id.reset();
  q.column = "social_security";
  EXPECT_EQ(all_hits(q), (std::set<long long>{2}));
  q.column.reset();
  q.kind = "service_item";
  EXPECT_EQ(all_hits(q), (std::set<long long>{3}));
  q.kind.reset();
  q.from = "2026-06-01";
  EXPECT_EQ(all_hits(q), (std::set<long long>{2, 3}));
  q.to = "2026-08-31";
  EXPECT_TRUE(all_hits(q).empty());

  a.title = "养老保险";
  put(a);
  q = {};
  q.q = "医保";
  EXPECT_EQ(all_hits(q), (std::set<long long>{2, 3}));
  q.q = "医保报销";
  EXPECT_EQ(all_hits(q), (std::set<long long>{2, 3}));
  q.q = "养老保险";
  EXPECT_EQ(all_hits(q), (std::set<long long>{1}));
  q.q = "养老";
  EXPECT_EQ(all_hits(q), (std::set<long long>{1}));
  auto removed = db().write([&](soci::session& sql) -> Status {
    Command cmd(sql, db().backend(), Actor::system(), "2026-11-27T00:00:00Z", db().batch<ledger::Appender>());
    search::remove(cmd, "publication", 1);
    return ok_status();
  });
  ASSERT_TRUE(removed.ok());
  EXPECT_TRUE(all_hits(q).empty());
}

TEST_P(Search, AQueryWithoutLettersOrDigitsIsRefused) {
  search::Query q;
  q.q = "，。！";
  auto hits = search::find(db(), q, *parse_date("2026-11-27"));
  ASSERT_FALSE(hits.ok());
  EXPECT_EQ(hits.error().code, "search.empty_query");
  q.q = "一 二 三 四 五 六 七 八 九";
  hits = search::find(db(), q, *parse_date("2026-11-27"));
  ASSERT_FALSE(hits.ok());
  EXPECT_EQ(hits.error().code, "search.too_many_terms");
}

FISHBOWL_BACKEND_SUITE(Search);

}  // namespace
}  // namespace fishbowl::testing
