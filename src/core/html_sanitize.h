#pragma once
// Rich text for publications (主动公开信息): the body arrives as HTML pasted from an editor (often from Word)
// and leaves as a small, safe subset that the portal can show as it is.
#include <string>
#include <string_view>

namespace fishbowl {

struct SanitizedHtml {
  // The safe HTML. It holds only these elements: p br h2 h3 h4 strong b em i u s sub sup blockquote ul ol li
  // table thead tbody tr th td caption a img hr span div pre code; and only these attributes:
  //   a[href]      http:, https:, mailto: or a path starting with a single "/"; every <a> also gets
  //                rel="noopener noreferrer"
  //   img[src]     http:, https: or a path starting with "/api/v1/attachments/"
  //   img[alt]
  //   th/td[colspan], th/td[rowspan]   1 to 100, written as plain digits
  // Text and attribute values are escaped (& < > " '); br, img and hr have no end tag. No comments, no
  // doctype, no <html>/<body> wrapper.
  std::string html;
  // The plain text of html, for search indexing and length checks: entities decoded, every run of
  // whitespace (including no-break spaces) one space, block elements and <br> on lines of their own ('\n'),
  // table cells of a row separated by a space; no blank lines and no spaces at either end of a line.
  std::string text;
  // How many elements or attributes were dropped, so the editor can be told that something went. An
  // element counts once whether its content went with it or was kept (and then its attributes do not count
  // as well); an attribute counts once on an element that was kept. Comments, a rel on a link (which is
  // replaced) and elements the parser adds itself (a <tbody>) do not count.
  int removed = 0;
};

// Parses html as the body of an HTML5 document, as a browser would, and writes out only the allow-list
// above:
//  - script, style, iframe, object, embed, form and its controls, svg, math, template, media and the like go
//    with all their content;
//  - any other element outside the list is unwrapped: it goes, its content stays;
//  - an <a> without an acceptable href is unwrapped, an <img> without an acceptable src goes.
// URLs are judged after entity decoding, with surrounding whitespace and control characters trimmed and
// tabs and line breaks inside removed (as browsers do), and schemes compared case-insensitively; the
// cleaned URL is what is written.
//
// Idempotent: sanitize_html(sanitize_html(x).html).html == sanitize_html(x).html, and then removed is 0.
// Elements nested more than 128 deep are flattened to their text.
//
// html must be valid UTF-8 (the caller checks). Parsing time grows with the square of the nesting depth, so
// the caller limits the size of what it accepts.
SanitizedHtml sanitize_html(std::string_view html);

}  // namespace fishbowl
