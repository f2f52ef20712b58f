// The weights, ranks and scores of hits. Both the FTS5 ranking function and the ranked lists call these very
// functions with the same whole-number inputs, so a rank written at index time equals, bit for bit, the rank
// the query path computes: the two orders can be compared for equality, and a listed rank found again.
#include "search/rank.h"

#include <chrono>
#include <cmath>

namespace fishbowl::search {

namespace {

// BM25's usual saturation and length damping, with a fixed pivot: bodies up to kPivot bigrams are not damped
// (a short notice is not promoted for being short), longer ones are, as BM25 would at that average length.
constexpr double kK1 = 1.2, kB = 0.75, kPivot = 1000.0;

double saturated(int hits, double norm) {
  if (hits <= 0) return 0;
  return hits * (kK1 + 1) / (hits + kK1 * norm);
}

}  // namespace

double term_weight(const TermHits& hits, int body_length) {
  double norm = 1 - kB + kB * std::max(static_cast<double>(body_length), kPivot) / kPivot;
  return kTitleWeight * saturated(hits.title, 1.0) + saturated(hits.body, norm) + saturated(hits.uni, norm);
}

long long day_number(std::string_view date) {
  auto d = parse_date(date);
  if (!d) return 0;
  return std::chrono::sys_days(*d).time_since_epoch().count();
}

double rank_of(double relevance, long long day) {
  return std::log(relevance) + static_cast<double>(day) / kDecayDays;
}

double score_of(double rank, long long today) {
  return std::exp(rank - static_cast<double>(today) / kDecayDays);
}

int body_length_of(const Tokens& body) {
  return static_cast<int>(body.bigrams.size());
}

Profile profile_of(const Tokens& title, const Tokens& body, std::string_view date) {
  Profile p;
  for (const auto& b : title.bigrams)
    if (!b.empty()) p.terms[b].title++;
  for (const auto& b : body.bigrams)
    if (!b.empty()) p.terms[b].body++;
  for (const auto* t : {&title, &body})
    for (const auto& u : t->unigrams) p.terms[u].uni++;
  p.body_length = body_length_of(body);
  p.day = day_number(date);
  return p;
}

}  // namespace fishbowl::search
