// The token stream shared by both engines, and the snippets that show where a query matched.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "core/text.h"
#include "search/search.h"

namespace fishbowl::search {

namespace {

// One folded code point and the bytes of the original text it came from. A code point may fold into several
// (㍿ → 株式会社), which then share their source, so that a match found in folded text can be marked in
// the original.
struct Folded {
  UChar32 c;
  std::size_t begin, end;
};

const icu::Normalizer2& folder() {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  return *n;
}

// Folds each code point on its own rather than the text as a whole: the result differs only around combining
// marks, and it keeps every folded character tied to its source. Most Chinese characters are inert under
// NFKC, which spares the normalizer's call.
std::vector<Folded> fold_chars(std::string_view text) {
  std::vector<Folded> out;
  out.reserve(text.size() / 2);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  const auto& norm = folder();
  while (i < n) {
    auto begin = static_cast<std::size_t>(i);
    UChar32 c;
    U8_NEXT(s, i, n, c);
    auto end = static_cast<std::size_t>(i);
    if (c < 0) continue;  // text is checked at the door; a stray byte is skipped, not indexed
    if (c < 0x80) {
      out.push_back({c >= 'A' && c <= 'Z' ? c + 32 : c, begin, end});
    } else if (norm.isInert(c)) {
      out.push_back({c, begin, end});
    } else {
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString folded = norm.normalize(icu::UnicodeString(c), status);
      if (U_FAILURE(status)) continue;
      for (int32_t k = 0; k < folded.length();) {
        UChar32 f = folded.char32At(k);
        out.push_back({f, begin, end});
        k += U16_LENGTH(f);
      }
    }
  }
  return out;
}

// Letters and digits are characters like ideographs: "第13号", "A级" and "3号楼" are runs of them, so that a
// query finds them as written wherever they stand, as it finds Chinese (a word such as "pdf" is its
// characters too, and "df" finds it).
bool is_character(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  return u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) || u_isalnum(c);
}

void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, c);
  out.append(buf, static_cast<std::size_t>(len));
}

// Calls run(first, last) for each maximal run of characters.
template <class F>
void for_each_run(const std::vector<Folded>& chars, F&& run) {
  std::size_t i = 0;
  while (i < chars.size()) {
    bool in_run = is_character(chars[i].c);
    std::size_t j = i + 1;
    while (j < chars.size() && is_character(chars[j].c) == in_run) ++j;
    if (in_run) run(i, j);
    i = j;
  }
}

}  // namespace

std::string fold(std::string_view text) {
  std::string out;
  for (const auto& f : fold_chars(text)) append_utf8(out, f.c);
  return out;
}

Tokens tokenize(std::string_view text) {
  Tokens t;
  auto chars = fold_chars(text);
  for_each_run(chars, [&](std::size_t first, std::size_t last) {
    // Pairs and 4-grams mark a break before each run that has some, so that no phrase spans two runs;
    // characters need none.
    auto grams = [&](std::vector<std::string>& out, std::size_t n) {
      if (last - first < n) return;
      if (n > 1 && !out.empty() && !out.back().empty()) out.emplace_back();
      for (std::size_t i = first; i + n <= last; ++i) {
        std::string gram;
        for (std::size_t k = i; k < i + n; ++k) append_utf8(gram, chars[k].c);
        out.push_back(std::move(gram));
      }
    };
    grams(t.unigrams, 1);
    grams(t.bigrams, 2);
    grams(t.quads, 4);
  });
  return t;
}

std::vector<Term> query_terms(std::string_view query) {
  std::vector<Term> terms;
  auto chars = fold_chars(query);
  for_each_run(chars, [&](std::size_t first, std::size_t last) {
    Term t;
    t.length = last - first;
    for (std::size_t i = first; i < last; ++i) append_utf8(t.text, chars[i].c);
    if (std::none_of(terms.begin(), terms.end(), [&](const Term& o) { return o.text == t.text; }))
      terms.push_back(std::move(t));
  });
  return terms;
}

std::string snippet(std::string_view text, const std::vector<Term>& terms, std::size_t max_chars) {
  auto chars = fold_chars(text);
  // Matches as [first, last) in folded characters; a term is matched as a plain substring here, which marks
  // the same places the index found.
  std::vector<std::pair<std::size_t, std::size_t>> hits;
  for (const auto& term : terms) {
    std::vector<UChar32> want;
    const auto* s = reinterpret_cast<const uint8_t*>(term.text.data());
    for (int32_t i = 0, n = static_cast<int32_t>(term.text.size()); i < n;) {
      UChar32 c;
      U8_NEXT(s, i, n, c);
      want.push_back(c);
    }
    if (want.empty() || want.size() > chars.size()) continue;
    for (std::size_t i = 0; i + want.size() <= chars.size(); ++i) {
      std::size_t k = 0;
      while (k < want.size() && chars[i + k].c == want[k]) ++k;
      if (k == want.size()) hits.emplace_back(i, i + want.size());
    }
  }
  std::sort(hits.begin(), hits.end());
  // Start a little before the first match, so that it is read in its sentence.
  std::size_t start = hits.empty() ? 0 : hits.front().first - std::min<std::size_t>(hits.front().first, 20);
  std::size_t stop = std::min(chars.size(), start + max_chars);
  std::string out;
  if (start > 0) out += "…";
  std::size_t at = start;  // next folded character not yet written
  // Several folded characters may share one source character: each source byte is written once.
  std::size_t written = chars.empty() ? 0 : chars[start < chars.size() ? start : 0].begin;
  auto write = [&](std::size_t from, std::size_t to) {
    if (from >= to) return;
    std::size_t b = std::max(written, chars[from].begin), e = chars[to - 1].end;
    if (b < e) append_html_escaped(out, text.substr(b, e - b));
    written = std::max(written, e);
  };
  for (const auto& [first, last] : hits) {
    if (first < at || first >= stop) continue;  // overlapping an earlier mark, or outside the window
    std::size_t end = std::min(last, stop);
    write(at, first);
    out += "<mark>";
    write(first, end);
    out += "</mark>";
    at = end;
  }
  write(at, stop);
  if (stop < chars.size()) out += "…";
  return out;
}

}  // namespace fishbowl::search
