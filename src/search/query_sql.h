#pragma once
// SQL pieces shared by the ways find() answers a query: the columns of a hit's document and the filters.
#include <soci/soci.h>

#include <string>

#include "search/search.h"
#include "storage/prepared.h"

namespace fishbowl::search {

#define SEARCH_DOCUMENT_COLUMNS                                                                      \
  "d.id, d.kind, d.ref_id, d.title, d.body, d.level, d.region_path, d.department_id, d.organ_name, " \
  "d.column_code, d.published_on, d.url"
// Every filter is bound; an absent one is switched off by its flag, so each SQL text is one constant.
#define SEARCH_DOCUMENT_FILTER                                                                          \
  " AND (:hk = 0 OR d.kind = :k) AND (:hl = 0 OR d.level = :l) AND (:hp = 0 OR d.region_path LIKE :p) " \
  "AND (:hd = 0 OR d.department_id = :d) AND (:hc = 0 OR d.column_code = :c) "                          \
  "AND (:hf = 0 OR d.published_on >= :f) AND (:ht = 0 OR d.published_on <= :t)"

// The values bound to SEARCH_DOCUMENT_FILTER; a statement keeps references to them until it is done.
struct Filter {
  int hk, hl, hp, hd, hc, hf, ht;
  std::string k, l, p, c, f, t;
  long long d;
  explicit Filter(const Query& q);
  bool any() const { return hk || hl || hp || hd || hc || hf || ht; }
};
void bind_filter(soci::statement& st, Filter& f);

// A row of SEARCH_DOCUMENT_COLUMNS.
Document document_at(const soci::row& r);

}  // namespace fishbowl::search
