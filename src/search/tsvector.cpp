#include "search/tsvector.h"

#include <fmt/format.h>

#include <algorithm>

#include "search/search.h"

namespace fishbowl::search {

namespace {

// tsvector positions stop at 16383; later tokens keep that position, which only affects ranking.
void add_lexemes(std::string& out, const Tokens& t, char weight, int& position) {
  auto add = [&](const std::string& token) {
    if (token.empty()) return;
    position = std::min(position + 1, 16383);
    // Tokens are letters and digits only, so quoting needs no escapes.
    out += fmt::format("'{}':{}{} ", token, position, weight);
  };
  for (const auto& u : t.unigrams) add(u);
  for (const auto& b : t.bigrams) add(b);
}

}  // namespace

std::string tsvector_of(const std::string& title, const std::string& body) {
  std::string vector;
  int position = 0;
  add_lexemes(vector, tokenize(title), 'A', position);
  add_lexemes(vector, tokenize(body), 'D', position);
  return vector;
}

}  // namespace fishbowl::search
