"""HTML pages to plain text with the standard library's ``html.parser`` (tolerant of broken markup).

Text of ``<script>``/``<style>`` and other non-content elements is dropped, block elements become line breaks, and
character references are decoded by the parser itself. The title comes from ``<title>``, else the first ``<h1>``;
a canonical URL and a publication date are picked up from the usual ``<link>``/``<meta>``/``<time>`` tags.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Elements whose text is not article text.
# (Not <head>: pages that never close it are common, and its title, meta and scripts are handled one by one.)
_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "select", "button"}
# Elements that end a line of text: keeping their breaks keeps paragraphs apart (snippets, sentence ends).
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "section", "article", "header", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "dd", "dt", "figure", "figcaption", "main",
}
_DATE_META = {"date", "pubdate", "publishdate", "article:published_time", "og:published_time", "dc.date",
              "dcterms.date", "datepublished"}
_URL_META = {"og:url"}


@dataclass
class HtmlPage:
    title: str
    text: str
    url: str | None
    date: str | None


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.url = None
        self.date = None
        self._skip_depth = 0   # inside a non-content element (nesting counted)
        self._in_title = False
        self._in_h1 = False
        self._h1_done = False

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "title":
            # The page's first <title>; an <svg> icon has <title>s of its own.
            self._in_title = not self._skip_depth and not self.title_parts
        elif tag == "meta":
            name = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").lower()
            if name in _DATE_META and not self.date:
                self.date = attrs.get("content") or None
            elif name in _URL_META and not self.url:
                self.url = attrs.get("content") or None
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower().split() and not self.url:
            self.url = attrs.get("href") or None
        elif tag == "time" and not self.date:
            self.date = attrs.get("datetime") or None
        if tag in _SKIP:
            self._skip_depth += 1
        if tag == "h1" and not self._h1_done:
            self._in_h1 = True
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        # <br/>, <meta .../>: same as a start tag, but a void element never opens a skipped region.
        if tag in _SKIP:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in _SKIP and self._skip_depth:
            self._skip_depth -= 1
        if tag == "h1" and self._in_h1:
            self._in_h1 = False
            self._h1_done = True
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title_parts.append(data)
            return
        if self._skip_depth:
            return
        if self._in_h1:
            self.h1_parts.append(data)
        self.parts.append(data)


def _clean(text: str) -> str:
    """Collapse runs of spaces inside lines and drop empty lines (markup indentation is not text)."""
    lines = (re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def html_to_text(html: str) -> HtmlPage:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    title = _clean(" ".join(parser.title_parts)).replace("\n", " ")
    h1 = _clean(" ".join(parser.h1_parts)).replace("\n", " ")
    text = _clean("".join(parser.parts))
    return HtmlPage(title=title or h1, text=text, url=parser.url, date=parser.date)
