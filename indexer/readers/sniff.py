"""What a file's first bytes say its format is, to catch a file whose extension lies (JSON Lines named ``.csv``)."""

import re

from indexer.readers.text import detect_encoding

_FEED = re.compile(r"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML = re.compile(r"<(!doctype\s+html|html|head|body|meta|title|div|p)[\s>/]", re.IGNORECASE)
NAMES = {"jsonl": "JSON Lines", "json": "JSON", "csv": "CSV", "tsv": "TSV", "txt": "text", "html": "HTML",
         "warc": "WARC/ARC", "feed": "RSS/Atom"}
# Formats a file of the extension's format may look like: JSON Lines and JSON are read by either reader, and a
# text file may hold anything.
_COMPATIBLE = {"jsonl": {"jsonl", "json"}, "json": {"jsonl", "json"}, "html": {"html", "feed", "text"},
               "feed": {"feed"}, "csv": {"csv", "text"}, "tsv": {"csv", "text"}, "warc": {"warc"}}


def content_format(head: bytes) -> str | None:
    """``jsonl``, ``json``, ``html``, ``feed``, ``warc``, ``csv``, ``text``, or None for an empty head."""
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    text = head.decode(detect_encoding(head), errors="replace").lstrip("\ufeff \t\r\n")
    if not text:
        return None
    if text[0] == "{":
        first = text.split("\n", 1)[0].rstrip()
        return "jsonl" if first.endswith("}") and "\n" in text.strip() else "json"
    if text[0] == "[":
        return "json"
    if text[0] == "<":
        if _FEED.search(text[:2000]):
            return "feed"
        return "html" if _HTML.search(text[:4000]) else "text"
    first = text.split("\n", 1)[0]
    return "csv" if any(d in first for d in (",", "\t", ";", "|")) else "text"


def mismatch(fmt: str, head: bytes) -> str | None:
    """Why a file said (by its extension) to be ``fmt`` is not, with the ``--format`` to use; None if it may be."""
    found = content_format(head)
    if found is None or fmt == "txt" or found in _COMPATIBLE.get(fmt, {found}):
        return None
    if found == "text":
        return f"this does not look like {NAMES[fmt]}; if it is, name its format with --format"
    suggestion = "jsonl" if found == "jsonl" else found
    return f"the content is {NAMES[found]}, not {NAMES[fmt]} as the extension says: use --format {suggestion}"
