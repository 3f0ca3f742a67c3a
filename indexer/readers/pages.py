"""One article per file: an HTML page (main text without the site's boilerplate, see ``indexer.webpage``), or a
text file whose first line is the title. WARC records reuse ``page_article`` for the pages they hold."""

from indexer.readers.record import MAX_RECORD_BYTES, Record, too_large
from indexer.readers.text import SAMPLE_BYTES, decode, detect_encoding, open_binary
from indexer.webpage import parse_page


def read_document(path: str, fmt: str, encoding: str | None = None):
    with open_binary(path) as stream:
        raw = stream.read(MAX_RECORD_BYTES + 1)
    if not raw.strip():
        return
    if len(raw) > MAX_RECORD_BYTES:
        yield too_large(path, 1, "page")
        return
    if fmt == "html":
        data, warnings = page_article(raw, encoding)
    else:
        text, warnings = _text(raw, encoding)
        title, _, body = text.strip().partition("\n")
        data = {"title": title.strip(), "body": body.strip()}
    yield Record(path, 1, data=data, warnings=warnings, canonical=True)


def page_article(raw: bytes, encoding: str | None = None, declared: str | None = None) -> tuple[dict, list[str]]:
    """``(article fields, warnings)`` of an HTML page's bytes; ``declared``: a charset its container names."""
    text, warnings = _text(raw, encoding, html=True, declared=declared)
    page = parse_page(text)
    data = {"title": page.title, "body": page.text, "summary": page.summary, "url": page.url, "date": page.date}
    return {k: v for k, v in data.items() if v}, warnings


def _text(raw: bytes, encoding, html=False, declared=None) -> tuple[str, list[str]]:
    charset = detect_encoding(raw[:SAMPLE_BYTES], encoding, html=html, declared=declared)
    text, warning = decode(raw, charset)
    return text.lstrip("\ufeff"), [warning] if warning else []
