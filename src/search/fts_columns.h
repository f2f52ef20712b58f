#pragma once
// A document as SQLite's index is fed it: the text of each search_fts column, and what ranking needs of it,
// from one tokenization. Putting a document, removing it (FTS5's 'delete' is fed the same text again) and a
// migration that re-feeds the index all go through here, so they cannot disagree.
#include <string>

#include "search/rank.h"

namespace fishbowl::search {

struct FtsColumns {
  std::string title_bi, body_bi, uni, title_quad, body_quad;
  Profile profile;
};

FtsColumns fts_columns(const std::string& title, const std::string& body, const std::string& date);

}  // namespace fishbowl::search
