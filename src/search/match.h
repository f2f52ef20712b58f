#pragma once
// What the runs of a query (query_terms) ask of each engine's index.
#include <functional>
#include <string>
#include <vector>

#include "search/search.h"

namespace fishbowl::search {

// The pairs of a run of characters, in order.
std::vector<std::string> bigrams_of(const Term& t);

// FTS5: a run of four or more characters is the phrase of its 4-grams in either 4-gram column, a run of two
// or three the phrase of its bigrams in either bigram column; anything else is a token of the unigram column.
// All runs must match.
std::string fts5_match(const std::vector<Term>& terms);
// The FTS5 phrase of these space-separated pairs in either bigram column.
std::string fts5_phrase(const std::string& pairs);

// FTS5 tests a phrase on every row that holds all its pairs, stepping each pair's list to it: a pair held by
// half the documents (低保, 项目) makes that slow even when the phrase matches a handful of rows. So a run of
// three characters with one frequent pair is led by a guide: the other pair, which `frequent` says is not,
// ANDed before everything else. It narrows the rows the run's phrase is tested on and, being part of it,
// never changes which rows match. fishbowl_rank is told to skip guides (fts5_rank.h). Longer runs need none:
// they are matched by their 4-grams, each far rarer than its pairs.
struct GuidedMatch {
  std::string expression;
  int guides = 0;      // the expression's first phrases, which only narrow the search
  std::string leader;  // those phrases alone, ANDed: every row the expression matches, and maybe more
};
GuidedMatch fts5_guided_match(const std::vector<Term>& terms,
                              const std::function<bool(const std::string&)>& frequent);

// The instances of a phrase of pairs in a column's bigrams (Tokens::bigrams): what FTS5 counts for the phrase
// in the column that was fed them.
int phrase_count(const std::vector<std::string>& bigrams, const std::vector<std::string>& pairs);

// PostgreSQL: every lexeme of every run, ANDed; confirm receives the runs longer than one bigram, separated
// by spaces, which must also occur in the folded text.
std::string tsquery_of(const std::vector<Term>& terms, std::string& confirm);

// A run that may have a ranked list (ranked_lists.h), so that a query of it alone can be read off the list: a
// character or a pair of characters. A run of four is one token too, a 4-gram, but 4-grams get no
// lists (the term samples count characters and pairs only): FTS5 ranks their matches.
bool may_be_listed(const Term& t);

}  // namespace fishbowl::search
