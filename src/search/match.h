#pragma once
// What the runs of a query (query_terms) ask of each engine's index.
#include <string>
#include <vector>

#include "search/search.h"

namespace fishbowl::search {

// The pairs of a run of ideographs, in order.
std::vector<std::string> bigrams_of(const Term& t);

// FTS5: a run of two or more characters is the phrase of its bigrams in either bigram column; anything else
// is a token of the unigram column. All runs must match.
std::string fts5_match(const std::vector<Term>& terms);

// PostgreSQL: every lexeme of every run, ANDed; confirm receives the runs longer than one bigram, separated
// by spaces, which must also occur in the folded text.
std::string tsquery_of(const std::vector<Term>& terms, std::string& confirm);

// A run the index holds as one token (a character, a word, or a pair of characters): a query of it alone can
// be read off that token's ranked list.
bool is_one_token(const Term& t);

}  // namespace fishbowl::search
