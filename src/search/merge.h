#pragma once
// Keeping the SQLite index in one segment. Every commit that indexes documents adds a segment to FTS5's
// index, and FTS5 merges them only four at a time: an index of 1,000,000 documents built in 500 commits held
// 21. A query reads each of its pairs from every segment, and that seeking was most of a 4-character query's
// time. merge_index() merges them into one, a bounded number of pages per write, so other writes wait for one
// step at most. `serve` runs it at start and then once a day; PostgreSQL's GIN index needs no such step.
#include <functional>

#include "storage/database.h"

namespace fishbowl::search {

// Merges until one segment is left or `stop` returns true; returns the steps that merged something.
Result<int> merge_index(
    Database& db, const std::function<bool()>& stop = [] { return false; });

}  // namespace fishbowl::search
