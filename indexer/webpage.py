"""A scraped news page to an article: its main text without the site around it, and its metadata.

The main text comes from trafilatura (chosen by measurement: on 120 news pages wrapped in a site's menu, sidebar,
ads, comments and footer, trafilatura without comments leaked 0 boilerplate words into any page and lost no
article word, readability-lxml leaked 35 words into 17 pages; ``bench/eval_ingest.py --compare-extractors``). Trafilatura drops
characters that are not "printable", among them the ZWNJ (U+200C) of Persian words («می‌شود» would become
«میشود»): they are swapped for a printable stand-in before extraction and restored after.

Metadata, in the order news sites are reliable about it: the title from ``og:title``, else the first ``<h1>``,
else ``<title>`` less the site's name; the date from ``article:published_time`` (and similar meta tags), else the
first ``<time datetime>``, else JSON-LD ``datePublished``; the URL from ``<link rel=canonical>``, else ``og:url``;
the lead from ``og:description``/``description`` when the text does not already begin with it.
"""

import json
import logging
import re
from copy import deepcopy
from dataclasses import dataclass

import trafilatura
from trafilatura.settings import DEFAULT_CONFIG
from trafilatura.utils import load_html

from indexer.html_text import html_to_text

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its per-page notes are not the user's business

_KEEP = {"\u200c": "\u2bd1", "\u200d": "\u2bd2"}   # ZWNJ, ZWJ -> rare printable symbols (restored after)
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
              "dc.date", "dcterms.date", "dc.date.issued", "date")
# Trafilatura falls back to other extractors (readability, jusText) when its own result is under 250 characters, and
# those keep much of the page of a short article. Measured on 1,491 Fars News pages in a site template
# (bench/eval_ingest.py): 16 pages got menu/sidebar words with the defaults; 2 (articles whose body is ".") with
# no minimum size; 0 with no minimum size and favor_precision, for the same 99.8% of article words kept.
_CONFIG = deepcopy(DEFAULT_CONFIG)
_CONFIG["DEFAULT"]["MIN_EXTRACTED_SIZE"] = "1"
_SITE_SEPARATORS = re.compile(r"\s+[|\-–—:»«]+\s+")
_SPACES = re.compile(r"\s+")


@dataclass
class Page:
    title: str
    text: str
    summary: str | None = None
    url: str | None = None
    date: str | None = None


def _protect(text: str) -> tuple[str, dict]:
    table = {k: v for k, v in _KEEP.items() if v not in text}
    for original, stand_in in table.items():
        text = text.replace(original, stand_in)
    return text, table


def _restore(text: str | None, table: dict) -> str | None:
    if not text:
        return text
    for original, stand_in in table.items():
        text = text.replace(stand_in, original)
    return text


def parse_page(html: str) -> Page:
    """The article of one HTML page (empty text when it has none)."""
    protected, table = _protect(html)
    tree = load_html(protected)
    if tree is None:
        page = html_to_text(html)
        return Page(title=page.title, text=page.text, url=page.url, date=page.date)

    def meta(*names):
        for name in names:
            for node in tree.xpath(f'//meta[translate(@property|@name|@itemprop, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", '
                                   f'"abcdefghijklmnopqrstuvwxyz")="{name}"]/@content'):
                value = _restore(_SPACES.sub(" ", node).strip(), table)
                if value:
                    return value
        return None

    title = meta("og:title", "twitter:title") or _first_text(tree, "//h1", table) or _site_less(
        _first_text(tree, "//title", table))
    date = meta(*_DATE_META) or _restore(_first(tree.xpath("//time/@datetime")) or _json_ld_date(tree), table)
    url = _restore(_first(tree.xpath('//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]'
                                     '/@href')), table) or meta("og:url")
    lead = meta("og:description", "description")
    # No text is better than the site's: a page whose article is only a headline is indexed by its title and lead.
    text = _restore(trafilatura.extract(tree, include_comments=False, include_tables=False, favor_precision=True,
                                        config=_CONFIG),
                    table) or ""
    text = _drop_first_line(text, title)
    summary = lead if lead and not _SPACES.sub(" ", text).startswith(lead[:80]) else None
    return Page(title=title or "", text=text, summary=summary, url=url, date=date)


def _first(values):
    return next((v.strip() for v in values if v and v.strip()), None)


def _first_text(tree, xpath, table) -> str | None:
    for node in tree.xpath(xpath):
        text = _restore(_SPACES.sub(" ", node.text_content()).strip(), table)
        if text:
            return text
    return None


def _site_less(title: str | None) -> str | None:
    """«تیتر خبر | همشهری آنلاین» -> «تیتر خبر»: the longest part between the separators sites put around it."""
    if not title:
        return title
    return max(_SITE_SEPARATORS.split(title), key=len).strip() or title


def _json_ld_date(tree) -> str | None:
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script[:100_000])
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    return item["datePublished"]
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
            elif isinstance(item, list):
                stack.extend(item)
    return None


def _drop_first_line(text: str, title: str | None) -> str:
    first, _, rest = text.partition("\n")
    return rest.lstrip("\n") if title and first.strip() == title else text
