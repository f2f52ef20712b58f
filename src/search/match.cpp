#include "search/match.h"

#include <algorithm>

namespace fishbowl::search {

namespace {

std::string joined(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

// The run's tokens of one kind, without the break marks (a term is a single run).
std::vector<std::string> grams_of(const Term& t, std::vector<std::string> Tokens::*kind) {
  auto tokens = tokenize(t.text);
  std::vector<std::string> out;
  for (auto& g : tokens.*kind)
    if (!g.empty()) out.push_back(std::move(g));
  return out;
}

}  // namespace

std::vector<std::string> bigrams_of(const Term& t) {
  return grams_of(t, &Tokens::bigrams);
}

std::string fts5_match(const std::vector<Term>& terms) {
  std::string m;
  for (const auto& t : terms) {
    if (!m.empty()) m += " AND ";
    if (t.length >= 4) {
      m += "{title_quad body_quad} : \"" + joined(grams_of(t, &Tokens::quads)) + "\"";
    } else if (t.length >= 2) {
      m += fts5_phrase(joined(bigrams_of(t)));
    } else {
      m += "uni : \"" + t.text + "\"";
    }
  }
  return m;
}

std::string fts5_phrase(const std::string& pairs) {
  return "{title_bi body_bi} : \"" + pairs + "\"";
}

GuidedMatch fts5_guided_match(const std::vector<Term>& terms,
                              const std::function<bool(const std::string&)>& frequent) {
  GuidedMatch m;
  for (const auto& t : terms) {
    if (t.length != 3) continue;
    auto pairs = bigrams_of(t);
    bool first = frequent(pairs[0]), second = frequent(pairs[1]);
    // Neither frequent: the phrase is quick as it is; both: there is nothing rare to lead with.
    if (first == second) continue;
    auto guide = fts5_phrase(first ? pairs[1] : pairs[0]);
    m.expression += guide + " AND ";
    m.leader += (m.leader.empty() ? "" : " AND ") + guide;
    ++m.guides;
  }
  m.expression += fts5_match(terms);
  return m;
}

int phrase_count(const std::vector<std::string>& bigrams, const std::vector<std::string>& pairs) {
  if (pairs.empty() || bigrams.size() < pairs.size()) return 0;
  int n = 0;
  for (std::size_t i = 0; i + pairs.size() <= bigrams.size(); ++i)
    if (std::equal(pairs.begin(), pairs.end(), bigrams.begin() + static_cast<std::ptrdiff_t>(i))) ++n;
  return n;
}

std::string tsquery_of(const std::vector<Term>& terms, std::string& confirm) {
  std::string q;
  auto add = [&](const std::string& lexeme) { q += (q.empty() ? "'" : " & '") + lexeme + "'"; };
  for (const auto& t : terms) {
    if (t.length >= 2) {
      for (const auto& b : bigrams_of(t)) add(b);
      if (t.length > 2) confirm += (confirm.empty() ? "" : " ") + t.text;
    } else {
      add(t.text);
    }
  }
  return q;
}

bool may_be_listed(const Term& t) {
  return t.length <= 2;
}

}  // namespace fishbowl::search
