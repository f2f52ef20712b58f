// The FTS5 expressions a query becomes: a long run with frequent pairs is led by the phrases of its other
// pairs, which narrow the rows its own phrase is tested on.
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

TEST(SearchGuides, StretchesOfRarePairsLeadARunWithFrequentOnes) {
  auto m = guided("项目时个", {"项目"});
  EXPECT_EQ(m.guides, 1);
  EXPECT_EQ(m.expression, phrase("目时 时个") + " AND " + phrase("项目 目时 时个"));

  m = guided("低保公示", {"低保", "公示"});
  EXPECT_EQ(m.guides, 1);
  EXPECT_EQ(m.expression, phrase("保公") + " AND " + phrase("低保 保公 公示"));

  // Each stretch of rare pairs is a guide of its own: a phrase must not join pairs that are not adjacent.
  m = guided("甲乙低保丙丁", {"乙低", "低保", "保丙"});
  EXPECT_EQ(m.guides, 2);
  EXPECT_EQ(m.expression,
            phrase("甲乙") + " AND " + phrase("丙丁") + " AND " + phrase("甲乙 乙低 低保 保丙 丙丁"));
}

TEST(SearchGuides, RunsThatCannotBeNarrowedStayAsTheyAre) {
  for (const auto& [query, frequent] : std::vector<std::pair<std::string, std::set<std::string>>>{
           {"项目时个", {}},                        // no frequent pair: the phrase is quick as it is
           {"低保公示", {"低保", "保公", "公示"}},  // nothing rare to lead with
           {"低保", {"低保"}},                      // one pair is one token
           {"项目 abc 2026", {"项目"}}}) {          // words and pairs
    auto m = guided(query, frequent);
    EXPECT_EQ(m.guides, 0) << query;
    EXPECT_EQ(m.expression, fts5_match(query_terms(query))) << query;
  }
}

TEST(SearchGuides, EveryRunOfAQueryIsGuidedOnItsOwn) {
  auto m = guided("项目时个 低保公示", {"项目", "低保", "公示"});
  EXPECT_EQ(m.guides, 2);
  EXPECT_EQ(m.expression, phrase("目时 时个") + " AND " + phrase("保公") + " AND " +
                              phrase("项目 目时 时个") + " AND " + phrase("低保 保公 公示"));
  EXPECT_EQ(m.leader, phrase("目时 时个") + " AND " + phrase("保公"));
}

TEST(SearchGuides, APhraseCountsEveryPlaceItStartsAtButNotAcrossABreak) {
  auto pairs = bigrams_of(query_terms("低保低")[0]);
  EXPECT_EQ(phrase_count(tokenize("低保低保低，低保低").bigrams, pairs), 3);  // overlapping, as FTS5 counts
  EXPECT_EQ(phrase_count(tokenize("低保，低保").bigrams, pairs), 0);
  EXPECT_EQ(phrase_count(tokenize("低").bigrams, pairs), 0);
}

}  // namespace
}  // namespace fishbowl::search
