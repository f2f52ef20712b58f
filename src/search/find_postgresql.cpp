// PostgreSQL: the tsvector's GIN index finds the matches, ts_rank scores them, all in one statement.
#include <fmt/format.h>

#include "search/engines.h"
#include "search/match.h"
#include "search/query_sql.h"
#include "search/rank.h"
#include "storage/row.h"

namespace fishbowl::search {

Hits find_in_postgresql(soci::session& sql, const Query& q, const std::vector<Term>& terms,
                        const std::string& today) {
  long long limit = q.page_size, offset = static_cast<long long>(q.page - 1) * q.page_size;
  std::string confirm;
  std::string match = tsquery_of(terms, confirm);
  Filter filter(q);
  Hits hits;
  // Runs longer than one pair are confirmed against the folded text: the tsvector keeps no reliable
  // adjacency.
  const std::string from_where =
      "FROM search_documents d WHERE d.tokens @@ CAST(:m AS tsquery) AND NOT EXISTS (SELECT 1 FROM "
      "unnest(string_to_array(:rc, ' ')) AS w(term) WHERE strpos(d.folded, w.term) = 0)";
  {
    soci::statement count(sql);
    count.exchange(soci::into(hits.total));
    count.exchange(soci::use(match));
    count.exchange(soci::use(confirm));
    bind_filter(count, filter);
    prepare_and_run(count, "SELECT COUNT(*) " + from_where + SEARCH_DOCUMENT_FILTER, true);
  }
  // The same recency as SQLite's (rank.h): relevance × exp(-age / kDecayDays).
  const std::string score = fmt::format(
      "exp(CAST(CAST(d.published_on AS date) - CAST(:today AS date) AS double precision) / {:.1f}) * "
      "ts_rank(d.tokens, CAST(:m2 AS tsquery))",
      kDecayDays);
  std::string text = "SELECT " SEARCH_DOCUMENT_COLUMNS ", " + score + " AS score " + from_where +
                     SEARCH_DOCUMENT_FILTER
                     " ORDER BY score DESC, d.published_on DESC, d.id DESC LIMIT :lim OFFSET :off";
  // Placeholders are bound in the order they appear: the day and the match in the score, then the match, the
  // filter and the page.
  soci::row row;
  soci::statement st(sql);
  st.exchange(soci::into(row));
  st.exchange(soci::use(today));
  st.exchange(soci::use(match));
  st.exchange(soci::use(match));
  st.exchange(soci::use(confirm));
  bind_filter(st, filter);
  st.exchange(soci::use(limit));
  st.exchange(soci::use(offset));
  prepare_and_run(st, text, false);
  while (st.fetch()) {
    Hit h;
    h.doc = document_at(row);
    h.score = double_at(row, 12);
    hits.items.push_back(std::move(h));
  }
  return hits;
}

}  // namespace fishbowl::search
