// Answering a query on either engine: the same terms, the same filters; the engines in find_*.cpp.
#include <fmt/format.h>

#include "search/engines.h"
#include "search/rank.h"
#include "search/search.h"

namespace fishbowl::search {

namespace {

constexpr std::size_t kMaxTerms = 8;

}  // namespace

Result<Hits> find(Database& db, const Query& q, Date today) {
  auto terms = query_terms(q.q);
  if (terms.empty()) return Error::invalid("search.empty_query", "请输入要查找的字词", "q");
  if (terms.size() > kMaxTerms)
    return Error::invalid("search.too_many_terms", fmt::format("查询最多 {} 个词", kMaxTerms), "q");
  std::string day = format_date(today);
  bool sqlite = db.backend() == Backend::sqlite;
  return db.snapshot([&](soci::session& sql) -> Result<Hits> {
    Hits hits =
        sqlite ? find_in_sqlite(sql, q, terms, day_number(day)) : find_in_postgresql(sql, q, terms, day);
    for (auto& h : hits.items) {
      h.title_html = snippet(h.doc.title, terms, 200);
      h.snippet_html = snippet(h.doc.text, terms, 120);
    }
    return hits;
  });
}

}  // namespace fishbowl::search
