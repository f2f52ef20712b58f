#include "search/refeed.h"

#include <spdlog/spdlog.h>

#include <map>
#include <vector>

#include "search/fts_columns.h"
#include "search/rank.h"
#include "search/ranked_lists.h"
#include "search/tsvector.h"
#include "storage/row.h"

namespace fishbowl::search {

namespace {

struct Stored {
  long long id;
  std::string title, body;
};

// Calls each(document) for every stored document in id order, a thousand at a time, so that a large county's
// bodies are never all in memory and no statement is open while each() writes.
template <class F>
void for_each_document(soci::session& sql, F&& each) {
  long long after = 0, done = 0;
  for (;;) {
    std::vector<Stored> batch;
    {
      soci::rowset<soci::row> rows =
          (sql.prepare
               << "SELECT id, title, body FROM search_documents WHERE id > :after ORDER BY id LIMIT 1000",
           soci::use(after));
      for (const auto& r : rows) batch.push_back({int64_at(r, 0), text_at(r, 1), text_at(r, 2)});
    }
    if (batch.empty()) break;
    for (const auto& d : batch) each(d);
    after = batch.back().id;
    done += static_cast<long long>(batch.size());
    // The server waits for its migrations before it serves: say how far a long one has come.
    if (done % 100000 == 0) spdlog::info("search: {} documents fed again", done);
  }
  spdlog::info("search: every stored document fed again ({})", done);
}

// The script has made search_fts again, empty. Each document is tokenized once for its columns, its body
// length and, when it is in the sample, its terms.
void refeed_sqlite(soci::session& sql) {
  long long id = 0;
  int length = 0;
  soci::statement measure = (sql.prepare << "UPDATE search_ranking SET body_length = :len WHERE id = :id",
                             soci::use(length), soci::use(id));
  std::map<std::string, long long> sampled;
  for_each_document(sql, [&](const Stored& d) {
    auto title = tokenize(d.title), body = tokenize(d.body);
    add_fts_row(sql, d.id, fts_columns(title, body));
    id = d.id;
    length = body_length_of(body);
    measure.execute(true);
    if (d.id % list_limits().sample_every != 0) return;
    for (const auto& [term, hits] : profile_of(title, body, "").terms) ++sampled[term];
  });
  rebuild_lists(sql, sampled);
}

void refeed_postgresql(soci::session& sql) {
  long long id = 0;
  std::string tokens;
  soci::statement write =
      (sql.prepare << "UPDATE search_documents SET tokens = CAST(:v AS tsvector) WHERE id = :id",
       soci::use(tokens), soci::use(id));
  for_each_document(sql, [&](const Stored& d) {
    id = d.id;
    tokens = tsvector_of(d.title, d.body);
    write.execute(true);
  });
}

}  // namespace

void refeed(soci::session& sql, Backend backend) {
  if (backend == Backend::sqlite)
    refeed_sqlite(sql);
  else
    refeed_postgresql(sql);
}

}  // namespace fishbowl::search
