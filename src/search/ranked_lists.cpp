#include "search/ranked_lists.h"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <set>
#include <tuple>
#include <vector>

#include "search/fts5_rank.h"
#include "search/match.h"
#include "storage/row.h"

namespace fishbowl::search {

namespace {

ListLimits limits_;

// Whether a term held by this many of the sampled documents gets a list.
bool frequent_in_sample(long long sampled) {
  return sampled * limits_.sample_every >= limits_.frequent_at;
}

// The document's terms as a JSON array, so that one statement can visit all of them (json_each) instead of
// one statement per term: most of a document's couple of hundred terms have no list.
std::string json_terms(const Profile& p) {
  auto a = nlohmann::json::array();
  for (const auto& [term, hits] : p.terms) a.push_back(term);
  return a.dump();
}

// A listed term of the document, with its list's lowest entry (floor_id 0 when the list is empty).
struct Held {
  std::string term;
  long long documents, listed;
  double floor_rank;
  long long floor_id;
};

// Moves the count of documents of every listed term of the document by `by`, and returns those terms. One
// statement for all of them: a document holds a hundred listed terms or more, and most lists do not change.
std::vector<Held> count_listed(soci::session& sql, const std::string& terms, int by) {
  std::vector<Held> out;
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "UPDATE search_ranked_terms SET documents = documents + :by WHERE term IN (SELECT value "
              "FROM json_each(:terms)) RETURNING term, documents, listed, (SELECT rank FROM "
              "search_ranked_lists l WHERE l.term = search_ranked_terms.term ORDER BY rank, document_id "
              "LIMIT 1), (SELECT document_id FROM search_ranked_lists l WHERE l.term = "
              "search_ranked_terms.term ORDER BY rank, document_id LIMIT 1)",
       soci::use(by), soci::use(terms));
  for (const auto& r : rows)
    out.push_back({text_at(r, 0), int64_at(r, 1), int64_at(r, 2),
                   r.get_indicator(3) == soci::i_null ? 0.0 : double_at(r, 3),
                   r.get_indicator(4) == soci::i_null ? 0 : int64_at(r, 4)});
  return out;
}

void set_listed(soci::session& sql, const std::string& term, long long listed) {
  sql << "UPDATE search_ranked_terms SET listed = :l WHERE term = :t", soci::use(listed), soci::use(term);
}

}  // namespace

const ListLimits& list_limits() {
  return limits_;
}
void set_list_limits(const ListLimits& limits) {
  limits_ = limits;
}

std::optional<RankedTerm> ranked_term(soci::session& sql, const std::string& term) {
  RankedTerm t;
  sql << "SELECT documents, listed FROM search_ranked_terms WHERE term = :t", soci::use(term),
      soci::into(t.documents), soci::into(t.listed);
  if (!sql.got_data()) return std::nullopt;
  return t;
}

void build_list(soci::session& sql, const std::string& term) {
  ensure_rank_function(sql);
  // The very MATCH a query of the term alone runs, so that the list holds what that query finds.
  std::string match = fts5_match(query_terms(term));
  long long length = limits_.length, listed = 0, documents = 0;
  sql << "DELETE FROM search_ranked_lists WHERE term = :t", soci::use(term);
  sql << "INSERT INTO search_ranked_lists (term, rank, document_id) SELECT :t, fishbowl_rank(search_fts, "
         "r.day, 0, r.body_length) "
         "AS hit_rank, r.id FROM search_fts CROSS JOIN search_ranking r ON r.id = search_fts.rowid WHERE "
         "search_fts "
         "MATCH :m ORDER BY hit_rank DESC, r.id DESC LIMIT :n",
      soci::use(term), soci::use(match), soci::use(length);
  sql << "SELECT COUNT(*) FROM search_ranked_lists WHERE term = :t", soci::use(term), soci::into(listed);
  sql << "SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH :m", soci::use(match), soci::into(documents);
  sql << "INSERT INTO search_ranked_terms (term, documents, listed) VALUES (:t, :d, :l) ON CONFLICT (term) "
         "DO "
         "UPDATE SET documents = excluded.documents, listed = excluded.listed",
      soci::use(term), soci::use(documents), soci::use(listed);
}

void rebuild_lists(soci::session& sql, const std::map<std::string, long long>& sampled) {
  sql << "DELETE FROM search_term_samples";
  sql << "DELETE FROM search_ranked_terms";
  sql << "DELETE FROM search_ranked_lists";
  std::string term;
  long long documents = 0;
  soci::statement add = (sql.prepare << "INSERT INTO search_term_samples (term, documents) VALUES (:t, :d)",
                         soci::use(term), soci::use(documents));
  for (const auto& [t, n] : sampled) {
    term = t;
    documents = n;
    add.execute(true);
  }
  std::vector<std::string> frequent;
  for (const auto& [t, n] : sampled)
    if (frequent_in_sample(n)) frequent.push_back(t);
  spdlog::info("search: building the ranked lists of {} frequent terms", frequent.size());
  for (std::size_t i = 0; i < frequent.size(); ++i) {
    build_list(sql, frequent[i]);
    if ((i + 1) % 100 == 0) spdlog::info("search: {} of {} ranked lists built", i + 1, frequent.size());
  }
}

void list_document(soci::session& sql, long long id, const Profile& p) {
  if (p.terms.empty()) return;
  std::string terms = json_terms(p);
  auto held = count_listed(sql, terms, 1);

  // Most lists do not change: a statement runs only for one that does.
  std::string term;
  double rank = 0;
  for (const auto& h : held) {
    term = h.term;
    rank = rank_of(term_weight(p.terms.at(term), p.body_length), p.day);
    bool was_complete = h.listed == h.documents - 1;
    if (!was_complete) {
      // An empty list that should not be: build it. Below the lowest listed document, this one may rank
      // under others that are not listed either.
      if (h.floor_id == 0) {
        build_list(sql, term);
        continue;
      }
      if (std::tie(rank, id) < std::tie(h.floor_rank, h.floor_id)) continue;
    }
    sql << "INSERT INTO search_ranked_lists (term, rank, document_id) VALUES (:t, :r, :id)", soci::use(term),
        soci::use(rank), soci::use(id);
    long long listed = h.listed + 1;
    if (listed > limits_.length) {
      // The lowest entry goes, which is this document itself when it overflows a complete list.
      sql << "DELETE FROM search_ranked_lists WHERE (term, rank, document_id) = (SELECT term, rank, "
             "document_id "
             "FROM search_ranked_lists WHERE term = :t ORDER BY rank, document_id LIMIT 1)",
          soci::use(term);
      --listed;
    }
    if (listed != h.listed) set_listed(sql, term, listed);
  }

  if (id % limits_.sample_every != 0) return;
  std::set<std::string> listed_terms;
  for (const auto& h : held) listed_terms.insert(h.term);
  std::vector<std::string> frequent;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "INSERT INTO search_term_samples (term, documents) SELECT value, 1 FROM "
                "json_each(:terms) WHERE true ON CONFLICT (term) DO UPDATE SET documents = documents + 1 "
                "RETURNING term, documents",
         soci::use(terms));
    for (const auto& r : rows) {
      if (!frequent_in_sample(int64_at(r, 1))) continue;
      if (!listed_terms.count(text_at(r, 0))) frequent.push_back(text_at(r, 0));
    }
  }
  for (const auto& t : frequent) build_list(sql, t);
}

void unlist_document(soci::session& sql, long long id, const Profile& p) {
  if (p.terms.empty()) return;
  std::string terms = json_terms(p);
  auto held = count_listed(sql, terms, -1);
  std::string term;
  double rank = 0;
  soci::statement drop =
      (sql.prepare << "DELETE FROM search_ranked_lists WHERE term = :t AND rank = :r AND document_id = :id",
       soci::use(term), soci::use(rank), soci::use(id));
  for (const auto& h : held) {
    term = h.term;
    rank = rank_of(term_weight(p.terms.at(term), p.body_length), p.day);
    drop.execute(true);
    if (drop.get_affected_rows() == 0) continue;
    long long listed = h.listed - 1;
    if (listed < limits_.refill_below && listed < h.documents)
      build_list(sql, term);
    else
      set_listed(sql, term, listed);
  }
  if (id % limits_.sample_every == 0)
    sql << "UPDATE search_term_samples SET documents = documents - 1 WHERE term IN (SELECT value FROM "
           "json_each(:terms))",
        soci::use(terms);
}

}  // namespace fishbowl::search
