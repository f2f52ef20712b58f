#include "search/match.h"

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
