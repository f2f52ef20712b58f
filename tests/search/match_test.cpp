// The FTS5 expressions a query becomes: a run of three with a frequent pair is led by its other pair, which
// narrows the rows its own phrase is tested on; longer runs are phrases of 4-grams.
#include "search/match.h"

#include <gtest/gtest.h>

#include <set>

namespace fishbowl::search {
namespace {

GuidedMatch guided(const std::string& query, const std::set<std::string>& frequent) {
  return fts5_guided_match(query_terms(query), [&](const std::string& p) { return frequent.count(p) > 0; });
}

std::string phrase(const std::string& pairs) {
  return "{title_bi body_bi} : \"" + pairs + "\"";
}

TEST(SearchGuides, ARunOfThreeWithOneFrequentPairIsLedByTheOther) {
  auto m = guided("项目时", {"项目"});
  EXPECT_EQ(m.guides, 1);
  EXPECT_EQ(m.expression, phrase("目时") + " AND " + phrase("项目 目时"));
  EXPECT_EQ(m.leader, phrase("目时"));

  m = guided("保公示", {"公示"});
  EXPECT_EQ(m.guides, 1);
  EXPECT_EQ(m.expression, phrase("保公") + " AND " + phrase("保公 公示"));
}

TEST(SearchGuides, RunsThatCannotBeNarrowedStayAsTheyAre) {
  for (const auto& [query, frequent] : std::vector<std::pair<std::string, std::set<std::string>>>{
           {"项目时", {}},                  // no frequent pair: the phrase is quick as it is
           {"低保公", {"低保", "保公"}},    // nothing rare to lead with
           {"低保", {"低保"}},              // one pair is one token
           {"低保公示", {"低保", "公示"}},  // matched by its 4-gram
           {"项目 abc 2026", {"项目"}}}) {  // letters and digits, none of their pairs frequent
    auto m = guided(query, frequent);
    EXPECT_EQ(m.guides, 0) << query;
    EXPECT_EQ(m.expression, fts5_match(query_terms(query))) << query;
  }
}

TEST(SearchGuides, EveryRunOfAQueryIsGuidedOnItsOwn) {
  auto m = guided("项目时 保公示", {"项目", "公示"});
  EXPECT_EQ(m.guides, 2);
  EXPECT_EQ(m.expression, phrase("目时") + " AND " + phrase("保公") + " AND " + phrase("项目 目时") +
                              " AND " + phrase("保公 公示"));
  EXPECT_EQ(m.leader, phrase("目时") + " AND " + phrase("保公"));
}

TEST(SearchMatch, RunsOfFourOrMoreArePhrasesOfTheir4Grams) {
  EXPECT_EQ(fts5_match(query_terms("农村社保")), "{title_quad body_quad} : \"农村社保\"");
  EXPECT_EQ(fts5_match(query_terms("城乡低保标准")),
            "{title_quad body_quad} : \"城乡低保 乡低保标 低保标准\"");
  EXPECT_EQ(fts5_match(query_terms("低保 社保局")),
            "{title_bi body_bi} : \"低保\" AND {title_bi body_bi} : \"社保 保局\"");
}

TEST(SearchMatch, LettersAndDigitsMatchAsCharactersOfTheirRun) {
  EXPECT_EQ(fts5_match(query_terms("3号")), "{title_bi body_bi} : \"3号\"");
  EXPECT_EQ(fts5_match(query_terms("第１３号")), "{title_quad body_quad} : \"第13号\"");
  // The one-character token "0" also marks breaks, but only in the pair and 4-gram columns.
  EXPECT_EQ(fts5_match(query_terms("0")), "uni : \"0\"");
}

TEST(SearchGuides, APhraseCountsEveryPlaceItStartsAtButNotAcrossABreak) {
  auto pairs = bigrams_of(query_terms("低保低")[0]);
  EXPECT_EQ(phrase_count(tokenize("低保低保低，低保低").bigrams, pairs), 3);  // overlapping, as FTS5 counts
  EXPECT_EQ(phrase_count(tokenize("低保，低保").bigrams, pairs), 0);
  EXPECT_EQ(phrase_count(tokenize("低").bigrams, pairs), 0);
}

}  // namespace
}  // namespace fishbowl::search
