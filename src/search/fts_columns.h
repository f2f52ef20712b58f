#pragma once
// A document as SQLite's index is fed it: the text of each search_fts column, from the document's tokens.
// Putting a document, removing it (FTS5's 'delete' is fed the same text again) and a migration that re-feeds
// the index all go through here, so they cannot disagree.
#include <soci/soci.h>

#include <string>

#include "search/search.h"

namespace fishbowl::search {

struct FtsColumns {
  std::string title_bi, body_bi, uni, title_quad, body_quad;
};

FtsColumns fts_columns(const Tokens& title, const Tokens& body);

// Writes a document's row of search_fts, or takes it out: a contentless table knows a row only by its tokens,
// so FTS5's 'delete' command is fed the same columns again.
void add_fts_row(soci::session& sql, long long id, const FtsColumns& cols);
void remove_fts_row(soci::session& sql, long long id, const FtsColumns& cols);

// Registers fishbowl_search_column(column, title, body) on the connection: that column of fts_columns, for
// SQLite migrations that re-feed search_fts from search_documents (see add_migration_functions).
void install_migration_functions(soci::session& sql);

}  // namespace fishbowl::search
