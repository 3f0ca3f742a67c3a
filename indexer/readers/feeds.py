"""RSS and Atom feeds through feedparser, from a file or (where the network allows) an ``http(s)://`` URL.

Each item is an article. Its id is the item's own ``guid``/``id``, else its link, so reading a feed again (it
repeats most items) replaces those articles instead of adding them twice. The number in ``FILE:N`` is the item's
position in the feed.
"""

import feedparser

from indexer.html_text import html_to_text
from indexer.readers.record import MAX_RECORD_BYTES, Record, too_large
from indexer.readers.text import SAMPLE_BYTES, decode, detect_encoding, open_binary


def is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def read_feed(path: str, encoding: str | None = None):
    warnings = []
    if is_url(path):
        parsed = feedparser.parse(path, agent="bayegan")
    else:
        with open_binary(path) as stream:
            raw = stream.read(MAX_RECORD_BYTES * 8 + 1)
        if not raw.strip():
            return
        if len(raw) > MAX_RECORD_BYTES * 8:
            yield too_large(path, 0, "feed")
            return
        source = raw
        if encoding:  # feedparser trusts the XML declaration; --encoding overrides it
            source, warning = decode(raw, detect_encoding(raw[:SAMPLE_BYTES], encoding))
            warnings = [warning] if warning else []
        parsed = feedparser.parse(source)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f" ({type(problem).__name__}: {problem})" if problem else ""
        yield Record(path, 0, error=f"no feed items: not a readable RSS/Atom feed{reason}", warnings=warnings)
        return
    source_name = _plain(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, 1):
        yield Record(path, number, data=_article(entry, source_name), warnings=list(warnings), canonical=True)


def _article(entry, source_name) -> dict:
    content = entry.get("content") or []
    body_html = content[0].get("value") if content else entry.get("summary")
    summary = entry.get("summary") if content else None
    data = {
        "id": entry.get("id") or entry.get("link"),
        "title": _plain(entry.get("title")),
        "body": _plain(body_html),
        "summary": _plain(summary),
        "url": entry.get("link"),
        "date": entry.get("published") or entry.get("updated"),
        "source": source_name,
        "tags": [tag.get("term") for tag in entry.get("tags") or [] if tag.get("term")],
    }
    return {k: v for k, v in data.items() if v}


def _plain(html: str | None) -> str:
    """Feed titles and bodies are HTML fragments (escaped or not): their text."""
    return html_to_text(html).text if html else ""
