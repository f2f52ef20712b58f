// SQLite: a query of one frequent term is read off the term's ranked list; any other query, or a page the
// list cannot fill, is ranked by FTS5 with fishbowl_rank. Both give the same order (rank.h), so a reader
// paging through the hits cannot tell where one way hands over to the other.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "search/engines.h"
#include "search/fts5_rank.h"
#include "search/match.h"
#include "search/query_sql.h"
#include "search/rank.h"
#include "search/ranked_lists.h"
#include "storage/row.h"

namespace fishbowl::search {

namespace {

struct Ranked {
  long long id;
  double rank;
};

struct Page {
  std::vector<Ranked> hits;
  long long total = 0;
  bool total_exact = true;
};

// Runs a statement whose rows are (id, rank), after binding what bind() adds.
template <class Bind>
std::vector<Ranked> ranked_rows(soci::session& sql, const std::string& text, Bind&& bind) {
  long long id = 0;
  double rank = 0;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  st.exchange(soci::into(rank));
  bind(st);
  prepare_and_run(st, text, false);
  std::vector<Ranked> out;
  while (st.fetch()) out.push_back({id, rank});
  return out;
}

// The share of the term's documents that pass the filter, estimated from a few runs of its matches spread
// over the whole range of ids. Counting them all would cost what the list saves; the list's own share would
// be skewed, since it holds the most recent documents. Ids follow the order documents were indexed in, so the
// runs sample every period alike.
double filtered_share(soci::session& sql, const std::string& term, Filter& filter) {
  constexpr long long kRuns = 16, kRunLength = 32;
  long long first = 0, last = 0;
  sql << "SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM search_ranking", soci::into(first),
      soci::into(last);
  std::string m = fts5_match(query_terms(term));
  long long from = 0, sampled = 0, passing = 0, seen = 0, passed = 0;
  soci::statement st(sql);
  st.exchange(soci::into(seen));
  st.exchange(soci::into(passed));
  // Placeholders are bound in the order they appear: the filter's, then the match and the start of the run.
  bind_filter(st, filter);
  st.exchange(soci::use(m));
  st.exchange(soci::use(from));
  // The filter is written against d; here d is the sampled run.
  st.alloc();
  st.prepare(
      "SELECT COUNT(*), COALESCE(SUM(1" SEARCH_DOCUMENT_FILTER
      "), 0) FROM (SELECT d.kind, d.level, "
      "d.region_path, d.department_id, d.column_code, d.published_on FROM search_fts CROSS JOIN "
      "search_documents d ON d.id = search_fts.rowid WHERE search_fts MATCH :m AND search_fts.rowid >= "
      ":from ORDER BY search_fts.rowid LIMIT " +
      std::to_string(kRunLength) + ") AS d");
  st.define_and_bind();
  for (long long run = 0; run < kRuns; ++run) {
    from = first + (last - first) * run / kRuns;
    st.execute(true);
    sampled += seen;
    passing += passed;
  }
  return sampled == 0 ? 0.0 : static_cast<double>(passing) / static_cast<double>(sampled);
}

// The page from the term's ranked list, or nothing when the list cannot say: no list, a page beyond it, or a
// filter that leaves too few of its documents.
std::optional<Page> from_list(soci::session& sql, const std::string& term, Filter& filter, long long limit,
                              long long offset) {
  auto listed = ranked_term(sql, term);
  if (!listed) return std::nullopt;
  bool filtered = filter.any();
  // Unfiltered, every listed document is a hit, so whether the page fits is known before reading.
  if (!filtered && !listed->complete() && offset + limit > listed->listed) return std::nullopt;
  std::string t = term;
  Page page;
  page.hits = ranked_rows(
      sql,
      filtered ? "SELECT i.document_id, i.rank FROM search_ranked_lists i JOIN search_documents d ON d.id = "
                 "i.document_id WHERE i.term = :term" SEARCH_DOCUMENT_FILTER
                 " ORDER BY i.rank DESC, i.document_id DESC LIMIT :lim OFFSET :off"
               : "SELECT document_id, rank FROM search_ranked_lists WHERE term = :term ORDER BY rank DESC, "
                 "document_id DESC LIMIT :lim OFFSET :off",
      [&](soci::statement& st) {
        st.exchange(soci::use(t));
        if (filtered) bind_filter(st, filter);
        st.exchange(soci::use(limit));
        st.exchange(soci::use(offset));
      });
  if (!filtered) {
    page.total = listed->documents;
    return page;
  }
  // Documents past the list's end may pass the filter too and rank between these.
  if (static_cast<long long>(page.hits.size()) < limit && !listed->complete()) return std::nullopt;
  if (listed->complete()) {
    soci::statement count(sql);
    count.exchange(soci::into(page.total));
    count.exchange(soci::use(t));
    bind_filter(count, filter);
    prepare_and_run(
        count,
        "SELECT COUNT(*) FROM search_ranked_lists i JOIN search_documents d ON d.id = i.document_id "
        "WHERE i.term = :term" SEARCH_DOCUMENT_FILTER,
        true);
    return page;
  }
  page.total =
      std::max(offset + static_cast<long long>(page.hits.size()),
               std::llround(filtered_share(sql, term, filter) * static_cast<double>(listed->documents)));
  page.total_exact = false;
  return page;
}

// Every match ranked by FTS5. search_ranking is joined rather than search_documents unless a filter needs the
// documents: its rows are small, so a common term's thousands of matches are ranked from the page cache.
Page ranked_by_fts5(soci::session& sql, const GuidedMatch& match, Filter& filter, long long limit,
                    long long offset) {
  ensure_rank_function(sql);
  take_ranked_count(sql);
  bool filtered = filter.any();
  std::string m = match.expression;
  int guides = match.guides;
  Page page;
  page.hits =
      ranked_rows(sql,
                  std::string("SELECT r.id, fishbowl_rank(search_fts, r.day, :g, r.body_length) AS hit_rank "
                              "FROM search_fts CROSS JOIN "
                              "search_ranking r ON r.id = search_fts.rowid") +
                      (filtered ? " CROSS JOIN search_documents d ON d.id = r.id WHERE search_fts MATCH "
                                  ":m" SEARCH_DOCUMENT_FILTER
                                : " WHERE search_fts MATCH :m") +
                      " ORDER BY hit_rank DESC, r.id DESC LIMIT :lim OFFSET :off",
                  [&](soci::statement& st) {
                    st.exchange(soci::use(guides));
                    st.exchange(soci::use(m));
                    if (filtered) bind_filter(st, filter);
                    st.exchange(soci::use(limit));
                    st.exchange(soci::use(offset));
                  });
  // Ordering by the rank ranks every match once, so the matches ranked are the total.
  page.total = take_ranked_count(sql);
  return page;
}

// A single run of three led by its guide, when the guide leaves few rows: those rows are confirmed and ranked
// from their stored text, tokenized as the index was fed it, so that FTS5 never steps the frequent pair's
// long list. The scores are fishbowl_rank's, from the same counts (the phrase's instances per column, the
// body's pairs, the day) through the same functions. Nothing when the guide leaves more rows than are worth
// reading.
std::optional<Page> confirmed_from_text(soci::session& sql, const Term& run, const GuidedMatch& match,
                                        Filter& filter, long long limit, long long offset) {
  constexpr std::size_t kMaxRows = 200;
  std::string leader = match.leader;
  auto cap = static_cast<long long>(kMaxRows + 1);
  auto ids = nlohmann::json::array();
  long long id = 0;
  {
    soci::statement st = (sql.prepare << "SELECT rowid FROM search_fts WHERE search_fts MATCH :m LIMIT :n",
                          soci::use(leader), soci::use(cap), soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
  }
  if (ids.size() > kMaxRows) return std::nullopt;
  Page page;
  if (ids.empty()) return page;
  std::string id_list = ids.dump(), title, body, date;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  st.exchange(soci::into(title));
  st.exchange(soci::into(body));
  st.exchange(soci::into(date));
  st.exchange(soci::use(id_list));
  bind_filter(st, filter);
  prepare_and_run(
      st,
      "SELECT d.id, d.title, d.body, d.published_on FROM search_documents d WHERE d.id IN (SELECT "
      "value FROM json_each(:ids))" SEARCH_DOCUMENT_FILTER,
      false);
  auto pairs = bigrams_of(run);
  std::vector<Ranked> hits;
  while (st.fetch()) {
    auto t = tokenize(title), b = tokenize(body);
    TermHits h{phrase_count(t.bigrams, pairs), phrase_count(b.bigrams, pairs), 0};
    if (h.title + h.body == 0) continue;
    hits.push_back({id, rank_of(term_weight(h, body_length_of(b)), day_number(date))});
  }
  std::sort(hits.begin(), hits.end(), [](const Ranked& a, const Ranked& b) {
    return a.rank != b.rank ? a.rank > b.rank : a.id > b.id;
  });
  page.total = static_cast<long long>(hits.size());
  auto from = std::min(hits.size(), static_cast<std::size_t>(offset));
  auto to = std::min(hits.size(), static_cast<std::size_t>(offset + limit));
  page.hits.assign(hits.begin() + static_cast<std::ptrdiff_t>(from),
                   hits.begin() + static_cast<std::ptrdiff_t>(to));
  return page;
}

}  // namespace

Hits find_in_sqlite(soci::session& sql, const Query& q, const std::vector<Term>& terms, long long today) {
  long long limit = q.page_size, offset = static_cast<long long>(q.page - 1) * q.page_size;
  Filter filter(q);
  std::optional<Page> page;
  if (terms.size() == 1 && may_be_listed(terms[0]))
    page = from_list(sql, terms[0].text, filter, limit, offset);
  if (!page) {
    auto frequent = [&](const std::string& pair) { return ranked_term(sql, pair).has_value(); };
    auto match = fts5_guided_match(terms, frequent);
    if (terms.size() == 1 && match.guides > 0)
      page = confirmed_from_text(sql, terms[0], match, filter, limit, offset);
    if (!page) page = ranked_by_fts5(sql, match, filter, limit, offset);
  }

  Hits hits;
  hits.total = page->total;
  hits.total_exact = page->total_exact;
  if (page->hits.empty()) return hits;
  auto ids = nlohmann::json::array();
  for (const auto& h : page->hits) ids.push_back(h.id);
  std::string id_list = ids.dump();
  std::unordered_map<long long, Document> docs;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT " SEARCH_DOCUMENT_COLUMNS
                                                 " FROM search_documents d WHERE d.id IN (SELECT value "
                                                 "FROM json_each(:ids))",
                                  soci::use(id_list));
  for (const auto& r : rows) docs.emplace(int64_at(r, 0), document_at(r));
  for (const auto& h : page->hits) {
    auto it = docs.find(h.id);
    if (it == docs.end()) continue;
    Hit hit;
    hit.doc = std::move(it->second);
    hit.score = score_of(h.rank, today);
    hits.items.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace fishbowl::search
