#pragma once
// Bringing a stored index up to a changed token stream. Migration 0005 (letters and digits became
// characters, search.h) runs this after its script. On SQLite the script has made search_fts again, empty:
// this feeds it every stored document, writes each body's length in search_ranking, counts the term sample
// and builds the ranked lists again, since they are keyed by terms that changed. On PostgreSQL, which cannot
// tokenize in SQL, this writes every document's tsvector again.
#include <soci/soci.h>

#include "storage/database.h"

namespace fishbowl::search {

void refeed(soci::session& sql, Backend backend);

}  // namespace fishbowl::search
