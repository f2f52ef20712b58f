// The FTS5 auxiliary function behind fishbowl_rank. FTS5's own bm25() cannot be used: it damps length against
// the corpus's average, which moves with every document added, so a weight stored at index time would drift
// away from the one a query computes.
#include "search/fts5_rank.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include <cmath>
#include <memory>
#include <vector>

#include "search/rank.h"
#include "storage/sqlite_backend.h"

namespace fishbowl::search {

namespace {

using namespace sqlite_api;

// search_fts's columns, in their order in the table.
enum Column { title_bi = 0, body_bi = 1, uni = 2, title_quad = 3, body_quad = 4 };

// Inverse document frequency of each phrase of the query from `first` on, counted once per query.
std::vector<double>* idf_of(const Fts5ExtensionApi* api, Fts5Context* fts, int first, int phrases) {
  if (auto* cached = static_cast<std::vector<double>*>(api->xGetAuxdata(fts, 0))) return cached;
  sqlite3_int64 rows = 0;
  if (api->xRowCount(fts, &rows) != SQLITE_OK) return nullptr;
  auto idf = std::make_unique<std::vector<double>>();
  for (int i = first; i < phrases; ++i) {
    sqlite3_int64 matching = 0;
    auto count = [](const Fts5ExtensionApi*, Fts5Context*, void* n) {
      ++*static_cast<sqlite3_int64*>(n);
      return SQLITE_OK;
    };
    if (api->xQueryPhrase(fts, i, &matching, count) != SQLITE_OK) return nullptr;
    auto n = static_cast<double>(matching), all = static_cast<double>(rows);
    idf->push_back(std::log(1 + (all - n + 0.5) / (n + 0.5)));
  }
  auto* out = idf.release();
  if (api->xSetAuxdata(fts, out, [](void* p) { delete static_cast<std::vector<double>*>(p); }) != SQLITE_OK)
    return nullptr;  // FTS5 has freed it
  return out;
}

// How many matches this connection's fishbowl_rank has ranked since fishbowl_rank_count() last read it.
struct Ranked {
  long long matches = 0;
};

void rank_function(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* out, int argc,
                   sqlite3_value** argv) {
  ++static_cast<Ranked*>(api->xUserData(fts))->matches;
  if (argc < 1 || argc > 3) {
    sqlite3_result_error(out, "fishbowl_rank(search_fts, day[, guides[, body_length]])", -1);
    return;
  }
  int phrases = api->xPhraseCount(fts), instances = 0, body_length = 0;
  int guides = argc >= 2 ? sqlite3_value_int(argv[1]) : 0;
  if (guides < 0 || guides >= phrases) {
    sqlite3_result_error(out, "fishbowl_rank: guides must leave a phrase to rank", -1);
    return;
  }
  bool stored_length = argc == 3 && sqlite3_value_type(argv[2]) != SQLITE_NULL;
  if (stored_length) body_length = sqlite3_value_int(argv[2]);
  if (api->xInstCount(fts, &instances) != SQLITE_OK ||
      (!stored_length && api->xColumnSize(fts, body_bi, &body_length) != SQLITE_OK)) {
    sqlite3_result_error_code(out, SQLITE_ERROR);
    return;
  }
  std::vector<TermHits> hits(static_cast<std::size_t>(phrases));
  for (int i = 0; i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    if (api->xInst(fts, i, &phrase, &column, &offset) != SQLITE_OK) {
      sqlite3_result_error_code(out, SQLITE_ERROR);
      return;
    }
    auto& h = hits[static_cast<std::size_t>(phrase)];
    // A 4-gram phrase counts where the run of characters occurs, as the bigram phrase would.
    (column == title_bi || column == title_quad ? h.title
     : column == body_bi || column == body_quad ? h.body
                                                : h.uni)++;
  }
  double relevance = 0;
  if (phrases - guides == 1) {
    // Exactly the ranked lists' computation, so that both give the same bits.
    relevance = term_weight(hits[static_cast<std::size_t>(guides)], body_length);
  } else {
    auto* idf = idf_of(api, fts, guides, phrases);
    if (!idf) {
      sqlite3_result_error_code(out, SQLITE_ERROR);
      return;
    }
    double weights = 0;
    for (int i = guides; i < phrases; ++i) {
      double w = (*idf)[static_cast<std::size_t>(i - guides)];
      relevance += w * term_weight(hits[static_cast<std::size_t>(i)], body_length);
      weights += w;
    }
    relevance /= weights;
  }
  sqlite3_result_double(out, rank_of(relevance, sqlite3_value_int64(argv[0])));
}

fts5_api* fts5_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  return api;
}

void ranked_count(sqlite3_context* out, int, sqlite3_value**) {
  auto* ranked = static_cast<Ranked*>(sqlite3_user_data(out));
  sqlite3_result_int64(out, ranked->matches);
  ranked->matches = 0;
}

}  // namespace

void ensure_rank_function(soci::session& sql) {
  auto* db = sqlite_connection(sql);
  // FTS5 cannot say which functions it has, so the plain SQL function that comes with ours marks a connection
  // that has it.
  sqlite3_stmt* probe = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fishbowl_rank_count()", -1, &probe, nullptr) == SQLITE_OK) {
    sqlite3_finalize(probe);
    return;
  }
  fts5_api* api = fts5_of(db);
  auto ranked = std::make_unique<Ranked>();
  if (!api || api->xCreateFunction(api, "fishbowl_rank", ranked.get(), rank_function,
                                   [](void* p) { delete static_cast<Ranked*>(p); }) != SQLITE_OK)
    throw soci::soci_error("SQLite has no FTS5: search cannot rank");
  // FTS5 owns the counter now and frees it with the connection, after which nothing can call either function.
  Ranked* counter = ranked.release();
  if (sqlite3_create_function_v2(db, "fishbowl_rank_count", 0, SQLITE_UTF8, counter, ranked_count, nullptr,
                                 nullptr, nullptr) != SQLITE_OK)
    throw soci::soci_error("cannot register fishbowl_rank_count");
}

long long take_ranked_count(soci::session& sql) {
  long long n = 0;
  sql << "SELECT fishbowl_rank_count()", soci::into(n);
  return n;
}

}  // namespace fishbowl::search
