// The sanitizer parses with gumbo, an HTML5 parser, rather than matching tags in the raw text: what is
// dangerous is what a browser would build from the markup, and only a parser that follows the same algorithm
// sees the same tree (unclosed tags, entities inside attribute names, "</p >" and the many other ways to
// hide a tag). The tree is then written out again from an allow-list, so nothing is passed through as the
// input spelled it.
#include "core/html_sanitize.h"
#include "core/text.h"

#include <gumbo.h>

#include <memory>
#include <vector>

namespace fishbowl {

namespace {

// Deep enough for any real document (Word's paste rarely goes past 20), shallow enough that the recursive
// walk below cannot exhaust the stack.
constexpr int kMaxDepth = 128;
// The output is run through the sanitizer again until it no longer changes (see sanitize_html); two passes
// are the rule, the others a margin.
constexpr int kMaxPasses = 4;

enum class Fate { keep, unwrap, drop };

Fate fate_of(const GumboNode* node) {
  // A template's content is inert in the parser's tree but live once pasted anywhere else.
  if (node->type == GUMBO_NODE_TEMPLATE) return Fate::drop;
  const GumboElement& e = node->v.element;
  // Foreign content (SVG, MathML) has its own parsing rules, the usual ground for markup that changes
  // meaning when parsed twice; none of it is wanted.
  if (e.tag_namespace != GUMBO_NAMESPACE_HTML) return Fate::drop;
  switch (e.tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_B:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_I:
    case GUMBO_TAG_U:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_A:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_CODE:
      return Fate::keep;
    // Their content is code, styling, a form's machinery, another document or raw text that was never
    // meant to be read as the page's text: kept, it would be noise at best.
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
      return Fate::drop;
    default:
      return Fate::unwrap;
  }
}

bool is_void(GumboTag tag) {
  return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_HR;
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_PRE:
      return true;
    default:
      return false;
  }
}

bool is_html_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

// What a browser's URL parser would see: it trims C0 controls and spaces at both ends and ignores tabs and
// line breaks anywhere, which is how "java\tscript:" still runs. Any other control character left inside
// makes the URL unacceptable (empty result), as no real link needs one.
std::string clean_url(std::string_view v) {
  auto is_trimmed = [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; };
  while (!v.empty() && is_trimmed(v.front())) v.remove_prefix(1);
  while (!v.empty() && is_trimmed(v.back())) v.remove_suffix(1);
  std::string url;
  for (char c : v) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return {};
    url += c;
  }
  return url;
}

// Lower-cased scheme, or empty when the URL has none (a ':' after '/', '?' or '#' belongs to the path).
std::string scheme_of(std::string_view url) {
  std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || url.substr(0, colon).find_first_of("/?#") != std::string_view::npos)
    return {};
  std::string scheme;
  for (char c : url.substr(0, colon)) scheme += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return scheme;
}

// A path on this site. "//host" and "/\host" both lead to another host (browsers read '\' as '/').
bool is_local_path(std::string_view url) {
  return url.size() >= 1 && url[0] == '/' && (url.size() == 1 || (url[1] != '/' && url[1] != '\\'));
}

bool acceptable_link(std::string_view url) {
  std::string scheme = scheme_of(url);
  return scheme == "http" || scheme == "https" || scheme == "mailto" ||
         (scheme.empty() && is_local_path(url));
}

// Images come from the web or from the platform's own attachments; data: URLs would let a publication
// carry files (and SVG scripts) that never passed the attachment checks.
bool acceptable_image(std::string_view url) {
  std::string scheme = scheme_of(url);
  return scheme == "http" || scheme == "https" ||
         (scheme.empty() && url.starts_with("/api/v1/attachments/") && is_local_path(url));
}

// colspan/rowspan as plain digits in 1..100, written back without leading zeros; 0 when unacceptable.
int table_span(std::string_view v) {
  if (v.empty() || v.size() > 3) return 0;
  int n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n >= 1 && n <= 100 ? n : 0;
}

// Plain text built alongside the HTML. Separators are held back until the next visible character, so runs
// collapse and nothing dangles at either end.
class PlainText {
 public:
  void add(std::string_view s, bool pre) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (pre && c == '\n') {
        line_break();
      } else if (is_html_space(c)) {
        space();
      } else if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {  // U+00A0, Word's &nbsp;
        space();
        ++i;
      } else {
        if (!out_.empty() && pending_ != Pending::none) out_ += pending_ == Pending::line ? '\n' : ' ';
        pending_ = Pending::none;
        out_ += c;
      }
    }
  }
  void space() {
    if (pending_ == Pending::none) pending_ = Pending::space;
  }
  void line_break() { pending_ = Pending::line; }
  std::string take() { return std::move(out_); }

 private:
  enum class Pending { none, space, line };
  std::string out_;
  Pending pending_ = Pending::none;
};

// One parse of the input and one walk over its tree.
class Pass {
 public:
  explicit Pass(std::string_view html) {
    // Errors are not looked at; recording them costs memory in proportion to depth times errors.
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
        gumbo_parse_with_options(&options, html.empty() ? "" : html.data(), html.size()),
        [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    // A full document is accepted too (Word's paste is one), so everything the parser put into <head>
    // counts as dropped; so does a <frameset> that took the place of <body>.
    const GumboVector& top = output->root->v.element.children;
    for (unsigned i = 0; i < top.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(top.data[i]);
      if (child->type != GUMBO_NODE_ELEMENT) continue;
      if (child->v.element.tag == GUMBO_TAG_BODY) {
        children(child, 0);
      } else if (child->v.element.tag == GUMBO_TAG_HEAD) {
        const GumboVector& head = child->v.element.children;
        for (unsigned j = 0; j < head.length; ++j) {
          const auto* n = static_cast<const GumboNode*>(head.data[j]);
          if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) count(n, 1);
        }
      } else {
        count(child, 1);
      }
    }
  }

  SanitizedHtml result() { return {std::move(html_), text_.take(), removed_}; }

 private:
  // The parser adds elements of its own (a <tbody>, formatting elements reopened across blocks); they were
  // never in what the editor pasted, so dropping them is not news.
  void count(const GumboNode* node, int n) {
    if (!(node->parse_flags & GUMBO_INSERTION_BY_PARSER)) removed_ += n;
  }

  void children(const GumboNode* node, int depth) {
    const GumboVector& v = node->v.element.children;
    for (unsigned i = 0; i < v.length; ++i) visit(static_cast<const GumboNode*>(v.data[i]), depth);
  }

  void visit(const GumboNode* node, int depth) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        append_html_escaped(html_, node->v.text.text);
        text_.add(node->v.text.text, pre_ > 0);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        element(node, depth);
        return;
      default:  // comments, where Word keeps its conditional markup
        return;
    }
  }

  void element(const GumboNode* node, int depth) {
    Fate fate = fate_of(node);
    if (fate == Fate::drop) {
      count(node, 1);
      return;
    }
    if (depth >= kMaxDepth) {
      flatten(node);
      return;
    }
    if (fate == Fate::unwrap) {
      count(node, 1);
      children(node, depth + 1);
      return;
    }
    const GumboElement& e = node->v.element;
    std::string attrs;
    bool has_url = false;
    int dropped = 0;
    for (unsigned i = 0; i < e.attributes.length; ++i) {
      const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
      std::string_view name = a->name;
      std::string value;
      if (e.tag == GUMBO_TAG_A && name == "href") {
        value = clean_url(a->value);
        if (!acceptable_link(value)) value.clear();
        has_url = !value.empty();
      } else if (e.tag == GUMBO_TAG_IMG && name == "src") {
        value = clean_url(a->value);
        if (!acceptable_image(value)) value.clear();
        has_url = !value.empty();
      } else if (e.tag == GUMBO_TAG_IMG && name == "alt") {
        // An empty alt is meaningful (a decorative image), so it is written even when empty.
        attrs += " alt=\"";
        append_html_escaped(attrs, a->value);
        attrs += '"';
        continue;
      } else if ((e.tag == GUMBO_TAG_TD || e.tag == GUMBO_TAG_TH) &&
                 (name == "colspan" || name == "rowspan")) {
        if (int span = table_span(a->value)) value = std::to_string(span);
      } else if (e.tag == GUMBO_TAG_A && name == "rel") {
        continue;  // replaced below
      }
      if (value.empty()) {
        ++dropped;
        continue;
      }
      attrs += ' ';
      attrs += name;
      attrs += "=\"";
      append_html_escaped(attrs, value);
      attrs += '"';
    }
    // A link that leads nowhere safe is just its text, and an image without a source shows nothing; either
    // way the element counts as the one thing removed.
    if ((e.tag == GUMBO_TAG_A || e.tag == GUMBO_TAG_IMG) && !has_url) {
      count(node, 1);
      if (e.tag == GUMBO_TAG_A) children(node, depth + 1);
      return;
    }
    count(node, dropped);
    // Pages opened from a publication must not get a handle on the portal's window, nor learn where the
    // reader came from.
    if (e.tag == GUMBO_TAG_A) attrs += " rel=\"noopener noreferrer\"";

    const char* tag = gumbo_normalized_tagname(e.tag);
    bool block = is_block(e.tag);
    bool cell = e.tag == GUMBO_TAG_TD || e.tag == GUMBO_TAG_TH;
    if (block) text_.line_break();
    if (cell) text_.space();
    html_ += '<';
    html_ += tag;
    html_ += attrs;
    html_ += '>';
    if (!is_void(e.tag)) {
      if (e.tag == GUMBO_TAG_PRE) {
        ++pre_;
        // The parser drops a line break right after <pre>; one the text really starts with needs another in
        // front of it to survive the next parse.
        const GumboVector& v = e.children;
        if (v.length > 0) {
          const auto* first = static_cast<const GumboNode*>(v.data[0]);
          if ((first->type == GUMBO_NODE_TEXT || first->type == GUMBO_NODE_WHITESPACE) &&
              first->v.text.text[0] == '\n')
            html_ += '\n';
        }
      }
      children(node, depth + 1);
      if (e.tag == GUMBO_TAG_PRE) --pre_;
      html_ += "</";
      html_ += tag;
      html_ += '>';
    }
    if (block) text_.line_break();
    if (cell) text_.space();
  }

  // Below kMaxDepth only the text survives. The walk keeps its own stack, since the depth that got us here
  // is exactly what the call stack must not follow.
  void flatten(const GumboNode* node) {
    std::vector<const GumboNode*> stack{node};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
        append_html_escaped(html_, n->v.text.text);
        text_.add(n->v.text.text, false);
        continue;
      }
      if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
      count(n, 1);
      if (fate_of(n) == Fate::drop) continue;
      const GumboVector& v = n->v.element.children;
      for (unsigned i = v.length; i > 0; --i) stack.push_back(static_cast<const GumboNode*>(v.data[i - 1]));
    }
  }

  std::string html_;
  PlainText text_;
  int removed_ = 0;
  int pre_ = 0;
};

}  // namespace

SanitizedHtml sanitize_html(std::string_view html) {
  // Writing out only allowed elements can leave markup that a parser arranges differently from the tree it
  // came from: with an unwrapped <font> gone, an <h3> that sat in it inside an <h2> now closes the <h2>; an
  // unwrapped <tfoot>'s rows get a <tbody> of their own. Rather than foresee every such rule of the HTML5
  // tree builder, the output is parsed again until it comes back unchanged, which is also what makes the
  // promise of idempotence hold by construction.
  SanitizedHtml out = Pass(html).result();
  int removed = out.removed;
  for (int pass = 1; pass < kMaxPasses; ++pass) {
    SanitizedHtml again = Pass(out.html).result();
    removed += again.removed;
    if (again.html == out.html) {
      again.removed = removed;
      return again;
    }
    out = std::move(again);
  }
  // Not reached by any input known; should one turn up, its text in paragraphs is still a fixed point.
  std::string paragraphs;
  std::string_view rest = out.text;
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    paragraphs += "<p>";
    append_html_escaped(paragraphs, rest.substr(0, end));
    paragraphs += "</p>";
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  return {std::move(paragraphs), std::move(out.text), removed};
}

}  // namespace fishbowl
