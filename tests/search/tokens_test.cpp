// The token stream and the snippets: what both engines are fed, and what a hit shows.
#include <gtest/gtest.h>

#include "search/search.h"

namespace fishbowl::search {
namespace {

using V = std::vector<std::string>;

TEST(SearchTokens, IdeographicRunsGiveEveryCharacterAndEveryAdjacentPair) {
  auto t = tokenize("城乡低保");
  EXPECT_EQ(t.unigrams, (V{"城", "乡", "低", "保"}));
  EXPECT_EQ(t.bigrams, (V{"城乡", "乡低", "低保"}));
}

TEST(SearchTokens, PunctuationAndSpacesBreakRunsSoNoPairSpansThem) {
  auto t = tokenize("医保，社保 年");
  EXPECT_EQ(t.unigrams, (V{"医", "保", "社", "保", "年"}));
  // "" marks each break, so the last pair of one run never stands next to the first of the next.
  EXPECT_EQ(t.bigrams, (V{"医保", "", "社保"}));
  EXPECT_TRUE(t.quads.empty());
}

TEST(SearchTokens, LettersAndDigitsAreCharactersOfTheRunAroundThem) {
  auto t = tokenize("第13号，A级");
  EXPECT_EQ(t.unigrams, (V{"第", "1", "3", "号", "a", "级"}));
  EXPECT_EQ(t.bigrams, (V{"第1", "13", "3号", "", "a级"}));
  EXPECT_EQ(t.quads, (V{"第13号"}));
  EXPECT_EQ(tokenize("Fishbowl").bigrams, (V{"fi", "is", "sh", "hb", "bo", "ow", "wl"}));
}

TEST(SearchTokens, RunsOfFourOrMoreGiveEveryFourAdjacentCharactersWithBreaksBetweenRuns) {
  auto t = tokenize("城乡低保标准，医保。农村社保");
  EXPECT_EQ(t.quads, (V{"城乡低保", "乡低保标", "低保标准", "", "农村社保"}));
  EXPECT_EQ(tokenize("城乡低保").quads, (V{"城乡低保"}));
  EXPECT_TRUE(tokenize("城乡低").quads.empty());
}

TEST(SearchTokens, FullWidthLettersAndDigitsFoldToAsciiAndCapitalsToSmall) {
  EXPECT_EQ(fold("ＡＢＣ１２３ Abc"), "abc123 abc");
  auto t = tokenize("２０２６年ＰＤＦ");
  EXPECT_EQ(t.unigrams, (V{"2", "0", "2", "6", "年", "p", "d", "f"}));
  EXPECT_EQ(t.quads, (V{"2026", "026年", "26年p", "6年pd", "年pdf"}));
}

TEST(SearchTokens, QueryTermsAreTheQuerysRunsEachOnce) {
  auto terms = query_terms("  低保 申请，低保 ２０２６年 ");
  ASSERT_EQ(terms.size(), 3u);
  EXPECT_EQ(terms[0].text, "低保");
  EXPECT_EQ(terms[0].length, 2u);
  EXPECT_EQ(terms[1].text, "申请");
  EXPECT_EQ(terms[2].text, "2026年");
  EXPECT_EQ(terms[2].length, 5u);
  EXPECT_TRUE(query_terms("，。！？ ...").empty());
}

TEST(SearchSnippet, MarksEveryMatchInTheWindowAndEscapesTheRest) {
  auto terms = query_terms("低保");
  EXPECT_EQ(snippet("申请<低保>须知：低保标准", terms, 100),
            "申请&lt;<mark>低保</mark>&gt;须知：<mark>低保</mark>标准");
}

TEST(SearchSnippet, StartsShortlyBeforeTheFirstMatchAndSaysWhereItWasCut) {
  std::string text =
      "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸医保结算说明到此为止还有很多字";
  auto s = snippet(text, query_terms("医保"), 10);
  EXPECT_EQ(s, "…甲乙丙丁戊己庚辛壬癸…");  // 20 characters of lead-in do not fit in 10: the match is cut off
  s = snippet(text, query_terms("医保"), 26);
  EXPECT_EQ(s, "…甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸<mark>医保</mark>结算说明…");
  EXPECT_EQ(snippet("没有匹配的文字", query_terms("医保"), 4), "没有匹配…");
}

TEST(SearchSnippet, FindsFoldedMatchesAndMarksTheOriginalCharacters) {
  EXPECT_EQ(snippet("文件ＰＤＦ版", query_terms("pdf"), 50), "文件<mark>ＰＤＦ</mark>版");
}

}  // namespace
}  // namespace fishbowl::search
