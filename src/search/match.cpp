#include "search/match.h"

#include <algorithm>

namespace fishbowl::search {

std::vector<std::string> bigrams_of(const Term& t) {
  auto tokens = tokenize(t.text);
  std::vector<std::string> out;
  for (auto& b : tokens.bigrams)
    if (!b.empty()) out.push_back(std::move(b));
  return out;
}

std::string fts5_match(const std::vector<Term>& terms) {
  std::string m;
  for (const auto& t : terms) {
    if (!m.empty()) m += " AND ";
    if (t.ideographic && t.length >= 2) {
      std::string phrase;
      for (const auto& b : bigrams_of(t)) phrase += (phrase.empty() ? "" : " ") + b;
      m += fts5_phrase(phrase);
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
    if (!t.ideographic || t.length < 3) continue;
    auto pairs = bigrams_of(t);
    std::vector<bool> common;
    for (const auto& p : pairs) common.push_back(frequent(p));
    if (std::none_of(common.begin(), common.end(), [](bool c) { return c; })) continue;
    // Each stretch of rare pairs, closed by a frequent pair or the run's end, is one guide.
    std::string stretch;
    for (std::size_t i = 0; i <= pairs.size(); ++i) {
      if (i < pairs.size() && !common[i]) {
        stretch += (stretch.empty() ? "" : " ") + pairs[i];
      } else if (!stretch.empty()) {
        m.expression += fts5_phrase(stretch) + " AND ";
        m.leader += (m.leader.empty() ? "" : " AND ") + fts5_phrase(stretch);
        ++m.guides;
        stretch.clear();
      }
    }
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
    if (t.ideographic && t.length >= 2) {
      for (const auto& b : bigrams_of(t)) add(b);
      if (t.length > 2) confirm += (confirm.empty() ? "" : " ") + t.text;
    } else {
      add(t.text);
    }
  }
  return q;
}

bool is_one_token(const Term& t) {
  return !t.ideographic || t.length <= 2;
}

}  // namespace fishbowl::search
