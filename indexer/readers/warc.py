"""WARC and ARC web archives (``.warc``, ``.warc.gz``, ``.arc``, ``.arc.gz``) through warcio, streamed.

Each HTML ``response`` record with status 200 is an article: its page is read like an HTML file, its URL is the
record's target URI (or the page's canonical URL), its date the page's own or else the capture date. A crawl
often holds a URL several times: only its latest capture is an article. A first pass over the archive (headers
only) finds each URL's latest capture; the second reads those pages. Memory holds the URL table and one page.
The number in ``FILE:N`` is the record's position in the archive (1 = first record).
"""

import re

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from indexer.readers.pages import page_article
from indexer.readers.record import MAX_RECORD_BYTES, Record, notice, too_large

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def _pages(path):
    """``(number, record)`` of the HTML responses of the archive, in order."""
    with open(path, "rb") as stream:
        for number, record in enumerate(ArchiveIterator(stream, arc2warc=True), 1):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode()
            kind = (record.http_headers.get_header("Content-Type") or "").lower()
            if status == "200" and ("html" in kind or not kind):
                yield number, record


def _capture(record) -> tuple[str, str]:
    return record.rec_headers.get_header("WARC-Target-URI") or "", record.rec_headers.get_header("WARC-Date") or ""


def read_warc(path: str, encoding: str | None = None):
    try:
        latest = {}
        for number, record in _pages(path):
            url, date = _capture(record)
            if url not in latest or date >= latest[url][0]:  # ISO dates in UTC sort as text; a tie: the later one
                latest[url] = (date, number)
        older = 0
        for number, record in _pages(path):
            url, captured = _capture(record)
            if latest[url][1] != number:
                older += 1
                continue
            raw = record.content_stream().read(MAX_RECORD_BYTES + 1)
            if len(raw) > MAX_RECORD_BYTES:
                yield too_large(path, number, "page")
                continue
            declared = _CHARSET.search(record.http_headers.get_header("Content-Type") or "")
            data, warnings = page_article(raw, encoding, declared.group(1) if declared else None)
            data.setdefault("url", url)
            data.setdefault("date", captured)
            yield Record(path, number, data=data, warnings=warnings, canonical=True)
    except ArchiveLoadFailed as exc:
        yield Record(path, 0, error=f"not a readable WARC/ARC archive ({str(exc).strip() or 'unknown format'})")
        return
    if older:
        yield notice(path, f"{older} older capture(s) of a URL left out: each URL is indexed from its latest capture")
