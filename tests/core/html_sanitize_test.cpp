// The publication body sanitizer: what goes (with or without its content), what stays, how URLs are judged,
// the plain text beside the HTML, and that a second run changes nothing.
#include "core/html_sanitize.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

namespace fishbowl {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string clean(std::string_view html) {
  return sanitize_html(html).html;
}

TEST(HtmlSanitize, RemovesScriptWithItsContent) {
  auto r = sanitize_html("<p>甲</p><script>alert(1)</script><p>乙</p>");
  EXPECT_EQ(r.html, "<p>甲</p><p>乙</p>");
  EXPECT_EQ(r.text, "甲\n乙");
  EXPECT_EQ(r.removed, 1);
  // At the very start the parser puts a script into <head>; it must still go, and still count.
  r = sanitize_html("<script>alert(1)</script>通知");
  EXPECT_EQ(r.html, "通知");
  EXPECT_EQ(r.removed, 1);
  // A script nested inside kept markup, spelled in upper case and with a stray attribute.
  EXPECT_EQ(clean("<div><p>a<SCRIPT type=\"text/javascript\">document.write('x')</SCRIPT>b</p></div>"),
            "<div><p>ab</p></div>");
}

TEST(HtmlSanitize, DropsActiveAndEmbeddedContentWithWhatItHolds) {
  EXPECT_EQ(clean("<p>a</p><style>p{color:red}</style><iframe src=\"https://evil.example\">inner</iframe>"),
            "<p>a</p>");
  EXPECT_EQ(clean("<object data=\"x.swf\"><param name=a value=b>fallback</object><embed src=\"x.swf\">"), "");
  EXPECT_EQ(clean("<form action=\"/login\"><input name=p><button>提交</button><textarea>t</textarea></form>"
                  "<select><option>o</option></select>"),
            "");
  EXPECT_EQ(clean("<svg><script>alert(1)</script><a xlink:href=\"javascript:alert(1)\">s</a></svg>"
                  "<math><mi>x</mi></math><template><p>t</p></template><noscript>n</noscript>"),
            "");
  auto r = sanitize_html("<p>正文<video src=\"v.mp4\"><source src=\"v.webm\">不支持</video></p>");
  EXPECT_EQ(r.html, "<p>正文</p>");
  EXPECT_EQ(r.removed, 1);
}

TEST(HtmlSanitize, UnwrapsElementsOutsideTheListButKeepsTheirText) {
  auto r = sanitize_html(
      "<section><h1>标题</h1><p><font color=\"red\" face=\"宋体\">红头</font><o:p></o:p></p></section>");
  EXPECT_EQ(r.html, "标题<p>红头</p>");
  EXPECT_EQ(r.removed, 4);  // section, h1, font, o:p; the font's attributes go with it
  EXPECT_EQ(clean("<center><dl><dt>术语</dt><dd>解释</dd></dl></center>"), "术语解释");
}

TEST(HtmlSanitize, StripsEventHandlersStylesClassesAndIds) {
  auto r = sanitize_html(
      "<img src=\"https://www.example.gov.cn/a.png\" onerror=\"alert(1)\" style=\"width:1px\" class=\"c\" "
      "id=\"i\" alt=\"示意图\">");
  EXPECT_EQ(r.html, "<img src=\"https://www.example.gov.cn/a.png\" alt=\"示意图\">");
  EXPECT_EQ(r.removed, 4);
  r = sanitize_html(
      "<p onclick=\"x()\" ONMOUSEOVER=\"y()\" style=\"color:red\" class=\"MsoNormal\">段落</p>");
  EXPECT_EQ(r.html, "<p>段落</p>");
  EXPECT_EQ(r.removed, 4);
  EXPECT_EQ(lower(clean("<body onload=\"alert(1)\"><p>x</p></body>")).find("onload"), std::string::npos);
}

TEST(HtmlSanitize, RejectsScriptLinksHoweverTheyAreSpelled) {
  for (const char* href : {
           "javascript:alert(1)",
           "JaVaScRiPt:alert(1)",
           "   javascript:alert(1)",
           "\x01 javascript:alert(1)",
           "java\tscript:alert(1)",
           "java&#9;script:alert(1)",
           "java&#x0A;script:alert(1)",
           "&#106;avascript:alert(1)",
           "&#x6A;&#x61;vascript:alert(1)",
           "&#0000106avascript:alert(1)",
           "javascript&colon;alert(1)",
           "vbscript:msgbox(1)",
           "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
           "//evil.example/path",
           " //evil.example/path",
           "/\\evil.example/path",
           "file:///etc/passwd",
           "relative/page.html",
           "",
       }) {
    auto r = sanitize_html(std::string("<p><a href=\"") + href + "\">链接</a></p>");
    EXPECT_EQ(r.html, "<p>链接</p>") << href;
    EXPECT_EQ(r.text, "链接") << href;
    EXPECT_EQ(r.removed, 1) << href;
  }
  // Unquoted and single-quoted attribute values are the same to the parser, and so to the sanitizer.
  EXPECT_EQ(clean("<a href=javascript:alert(1)>x</a><a href='JAVASCRIPT:alert(1)'>y</a>"), "xy");
}

TEST(HtmlSanitize, KeepsSafeLinksAndMarksThemNoopener) {
  EXPECT_EQ(clean("<a href=\"https://www.gov.cn/zhengce/\">国务院</a>"),
            "<a href=\"https://www.gov.cn/zhengce/\" rel=\"noopener noreferrer\">国务院</a>");
  EXPECT_EQ(clean("<a href=\"HTTP://example.com/a?b=1&amp;c=2\">x</a>"),
            "<a href=\"HTTP://example.com/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">x</a>");
  EXPECT_EQ(clean("<a href=\"mailto:xxgk@example.gov.cn\">信箱</a>"),
            "<a href=\"mailto:xxgk@example.gov.cn\" rel=\"noopener noreferrer\">信箱</a>");
  EXPECT_EQ(clean("<a href=\"/portal/publications/12\">上一篇</a>"),
            "<a href=\"/portal/publications/12\" rel=\"noopener noreferrer\">上一篇</a>");
  // The cleaned URL is what is written; a pasted target and rel are replaced.
  auto r = sanitize_html("<a href=\"  https://example.com/x\n \" target=\"_blank\" rel=\"opener\">x</a>");
  EXPECT_EQ(r.html, "<a href=\"https://example.com/x\" rel=\"noopener noreferrer\">x</a>");
  EXPECT_EQ(r.removed, 1);  // target; rel is replaced, not counted
  // An anchor without href (Word's bookmarks) is just its text.
  r = sanitize_html("<p><a name=\"_Toc1\">第一章</a></p>");
  EXPECT_EQ(r.html, "<p>第一章</p>");
  EXPECT_EQ(r.removed, 1);
}

TEST(HtmlSanitize, AcceptsImagesOnlyFromTheWebOrTheAttachmentStore) {
  EXPECT_EQ(clean("<img src=\"/api/v1/attachments/42/content\" alt=\"\">"),
            "<img src=\"/api/v1/attachments/42/content\" alt=\"\">");
  EXPECT_EQ(clean("<img src=\"http://example.com/a.jpg\">"), "<img src=\"http://example.com/a.jpg\">");
  for (const char* src : {"data:image/png;base64,iVBORw0KGgo=", "DATA:image/svg+xml,<svg onload=alert(1)>",
                          " data:image/png;base64,AAAA", "javascript:alert(1)", "//evil.example/a.png",
                          "/uploads/a.png", "/api/v1/attachmentsX/1", "file:///C:/a.png", "a.png"}) {
    auto r = sanitize_html(std::string("<p>图<img src=\"") + src + "\" alt=\"x\">片</p>");
    EXPECT_EQ(r.html, "<p>图片</p>") << src;
    EXPECT_EQ(r.removed, 1) << src;
  }
  EXPECT_EQ(clean("<img alt=\"no source\">"), "");
}

TEST(HtmlSanitize, RepairsNestedAndMalformedMarkupAsABrowserWould) {
  EXPECT_EQ(clean("<p><b>x</p>"), "<p><b>x</b></p>");
  EXPECT_EQ(clean("<p>一<p>二"), "<p>一</p><p>二</p>");
  EXPECT_EQ(clean("<ul><li>甲<li>乙</ul>"), "<ul><li>甲</li><li>乙</li></ul>");
  EXPECT_EQ(clean("<b><i>x</b>y</i>"), "<b><i>x</i></b><i>y</i>");
  EXPECT_EQ(clean("<div><p>未闭合"), "<div><p>未闭合</p></div>");
  EXPECT_EQ(clean("文字</p></div><br/></span>"), "文字<p></p><br>");  // a stray </p> opens an empty one
  EXPECT_EQ(clean("<p>a</p >< p>b"), "<p>a</p>&lt; p&gt;b");
  // An attribute that swallows the rest of the markup is still only an attribute.
  EXPECT_EQ(clean("<img src=\"https://a.example/x.png\" alt=\"<script>alert(1)</script>\">"),
            "<img src=\"https://a.example/x.png\" alt=\"&lt;script&gt;alert(1)&lt;/script&gt;\">");
}

TEST(HtmlSanitize, KeepsChineseTextIntact) {
  auto r = sanitize_html(
      "<h2>关于2026年城乡低保标准的通知</h2><p>各乡（镇）人民政府：“城市低保”每人每月￥800元。</p>");
  EXPECT_EQ(r.html,
            "<h2>关于2026年城乡低保标准的通知</h2><p>各乡（镇）人民政府：“城市低保”每人每月￥800元。</p>");
  EXPECT_EQ(r.text, "关于2026年城乡低保标准的通知\n各乡（镇）人民政府：“城市低保”每人每月￥800元。");
  EXPECT_EQ(r.removed, 0);
  // The ideographic space indents paragraphs in Chinese documents; it is text, not whitespace to collapse.
  EXPECT_EQ(sanitize_html("<p>\xE3\x80\x80\xE3\x80\x80第一条</p>").text, "\xE3\x80\x80\xE3\x80\x80第一条");
}

TEST(HtmlSanitize, KeepsTablesWithCheckedSpans) {
  auto r = sanitize_html(
      "<table border=\"1\" style=\"width:100%\"><caption>标准</caption>"
      "<tr><th colspan=\"2\">类别</th><th rowspan=\"02\">金额</th></tr>"
      "<tr><td colspan=\"0\">城市</td><td rowspan=\"101\">农村</td><td colspan=\"2x\" rowspan=\"-1\">800</td>"
      "<td colspan=\"100\">备注</td></tr></table>");
  EXPECT_EQ(
      r.html,
      "<table><caption>标准</caption><tbody><tr><th colspan=\"2\">类别</th><th rowspan=\"2\">金额</th></tr>"
      "<tr><td>城市</td><td>农村</td><td>800</td><td colspan=\"100\">备注</td></tr></tbody></table>");
  EXPECT_EQ(r.removed, 6);  // border, style, and the four unacceptable spans
  EXPECT_EQ(r.text, "标准\n类别 金额\n城市 农村 800 备注");
  // Footer rows are kept as rows; column groups carry nothing worth keeping.
  EXPECT_EQ(clean("<table><colgroup><col width=\"50\"></colgroup><thead><tr><th>a</th></tr></thead>"
                  "<tfoot><tr><td>合计</td></tr></tfoot></table>"),
            "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>合计</td></tr></tbody></table>");
}

TEST(HtmlSanitize, EscapesTextAndAttributeValues) {
  EXPECT_EQ(clean("<p>a &lt;b&gt; &amp; \"q\" 'a' &quot;</p>"),
            "<p>a &lt;b&gt; &amp; &quot;q&quot; &#39;a&#39; &quot;</p>");
  EXPECT_EQ(clean("<img src=\"/api/v1/attachments/1\" alt='x\" onerror=\"alert(1)'>"),
            "<img src=\"/api/v1/attachments/1\" alt=\"x&quot; onerror=&quot;alert(1)\">");
  EXPECT_EQ(clean("<a href=\"https://a.example/?q=&quot;&lt;'\">x</a>"),
            "<a href=\"https://a.example/?q=&quot;&lt;&#39;\" rel=\"noopener noreferrer\">x</a>");
}

TEST(HtmlSanitize, DropsCommentsWithoutCountingThem) {
  auto r = sanitize_html(
      "<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--><p>a<!-- 内部备注 --></p>"
      "<!-- <script>alert(1)</script> -->");
  EXPECT_EQ(r.html, "<p>a</p>");
  EXPECT_EQ(r.removed, 0);
}

TEST(HtmlSanitize, AcceptsAWholeDocumentAsWordPastesIt) {
  auto r = sanitize_html(
      "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta charset=\"utf-8\">"
      "<title>文档</title><style>p.MsoNormal{margin:0}</style></head>"
      "<body lang=\"ZH-CN\"><p class=\"MsoNormal\">正文<o:p></o:p></p></body></html>");
  EXPECT_EQ(r.html, "<p>正文</p>");
  EXPECT_EQ(r.text, "正文");
  EXPECT_EQ(r.removed, 5);  // meta, title, style, the class and o:p
}

TEST(HtmlSanitize, ExtractsPlainText) {
  auto r = sanitize_html(
      "<h2>标题</h2>\n<p>第一段 &amp; 说明&nbsp;&nbsp;&lt;附件&gt;</p>\n<p>  多个   空格\n换行 </p>"
      "<ul>\n  <li>甲</li>\n  <li>乙</li>\n</ul><p>a<br>b<br><br>c</p><p></p><p>   </p>"
      "<p>前<b>粗</b><i>斜</i>后</p><hr><blockquote>引文</blockquote><pre>x  y\nz</pre>");
  EXPECT_EQ(r.text, "标题\n第一段 & 说明 <附件>\n多个 空格 换行\n甲\n乙\na\nb\nc\n前粗斜后\n引文\nx y\nz");
  EXPECT_EQ(sanitize_html("").text, "");
  EXPECT_EQ(sanitize_html("   \n  ").text, "");
  EXPECT_EQ(sanitize_html("纯文本 &copy; 2026").text, "纯文本 © 2026");
}

TEST(HtmlSanitize, CountsWhatWasRemoved) {
  EXPECT_EQ(sanitize_html("<p>干净的<b>正文</b></p>").removed, 0);
  EXPECT_EQ(sanitize_html("<p>x</p>").removed, 0);
  // One script, however long its content; one iframe; one unwrapped span-like font; two attributes.
  auto r = sanitize_html(
      "<script>var a = 1; var b = 2; alert(a + b);</script><iframe></iframe>"
      "<p id=\"p1\" data-x=\"1\"><font>x</font></p>");
  EXPECT_EQ(r.removed, 5);
  EXPECT_EQ(r.html, "<p>x</p>");
  // Elements the parser itself adds are not the editor's to be told about.
  EXPECT_EQ(sanitize_html("<table><tr><td>x</td></tr></table>").removed, 0);
}

TEST(HtmlSanitize, KeepsPreformattedTextAndItsLeadingLineBreak) {
  EXPECT_EQ(clean("<pre>\n\n代码</pre>"), "<pre>\n\n代码</pre>");
  EXPECT_EQ(clean("<pre>\n代码</pre>"), "<pre>代码</pre>");
  EXPECT_EQ(clean("<pre><code>a &lt; b</code></pre>"), "<pre><code>a &lt; b</code></pre>");
}

TEST(HtmlSanitize, FlattensVeryDeepNestingToText) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  deep += "底层";
  auto r = sanitize_html(deep);
  EXPECT_EQ(r.text, "底层");
  std::size_t divs = 0;
  for (std::size_t at = r.html.find("<div>"); at != std::string::npos; at = r.html.find("<div>", at + 1))
    ++divs;
  EXPECT_EQ(divs, 128u);
  EXPECT_EQ(r.removed, 5000 - 128);
  EXPECT_EQ(clean(r.html), r.html);
}

TEST(HtmlSanitize, IsIdempotentAndLeavesNothingActive) {
  const char* corpus[] = {
      "",
      "纯文本",
      "<p>关于2026年城乡低保标准的通知</p>",
      "<p><b>x</p>",
      "<h2><font>一<h3>二</h3></font></h2>",
      "<p><font><div>块</div></font></p>",
      "<table><tfoot><tr><td>尾</td></tr></tfoot><tr><td>身</td></tr></table>",
      "<table><tr><td>a</td></tr><caption>迟到的标题</caption>文字</table>",
      "<a href=\"https://a.example\">一<marquee><a href=\"https://b.example\">二</a></marquee></a>",
      "<ul><li>一<dir><li>二</li></dir></li></ul>",
      "<pre>\n\n\nx</pre>",
      "<listing>\n\nx</listing>",
      "<p>a</p><table><tr><td><p>单元格<table><tr><td>嵌套</td></tr></table></p></td></tr></table>",
      "<svg><p><style><img src=x onerror=alert(1)>",
      "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
      "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
      "<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;&lt;img src=1 "
      "onerror=alert(1)&gt;\">",
      "<xmp><p title=\"</xmp><img src=x onerror=alert(1)>\">",
      "<a href=\"java&#x09;script:alert(1)\">x</a><img src=\"&#100;ata:image/png;base64,AA\">",
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
      "<b><p>粗</b>体</p>",
      "<p><a href=\"/x\"><div>块链接</div></a></p>",
      "<select><option><img src=x onerror=alert(1)></option></select>后",
      "<frameset><frame src=\"javascript:alert(1)\"></frameset>",
      "<table><tr><td><a href=\"https://a.example\">x<table><tr><td><a "
      "href=\"/y\">y</a></td></tr></table></a>",
      "<p>&nbsp;</p><o:p>&nbsp;</o:p><span lang=\"EN-US\">&#12288;</span>",
  };
  for (const char* input : corpus) {
    SCOPED_TRACE(input);
    auto once = sanitize_html(input);
    auto twice = sanitize_html(once.html);
    EXPECT_EQ(twice.html, once.html);
    EXPECT_EQ(twice.text, once.text);
    EXPECT_EQ(twice.removed, 0);
    std::string html = lower(once.html);
    for (const char* bad : {"<script", "<style", "<svg", "<math", "onerror", "onload",
                            "javascript:", "data:", "<!--", "<iframe", "<noscript", "<form", "<option"})
      EXPECT_EQ(html.find(bad), std::string::npos) << bad << " in " << once.html;
  }
}

}  // namespace
}  // namespace fishbowl
