"""Archive readers: every supported format becomes one stream of ``Record``s, in file order.

Readers never raise on bad content: a bad line is a record with an error and reading goes on (``FILE:LINE:
reason``). Text is decoded in the file's encoding (``text.py``: ``--encoding``, byte-order mark, ``<meta
charset>``, detection) and is valid Unicode from here on (``values.py``). One module per format:

| format | module | extensions |
|---|---|---|
| JSON Lines | ``jsonl`` | .jsonl .ndjson .jsonlines |
| JSON (array, wrapped array, one object) | ``json_array`` (ijson, streamed) | .json |
| CSV / TSV with a header row | ``delimited`` (streamed) | .csv .tsv |
| web pages, text files | ``pages`` (trafilatura) | .html .htm .shtml .xhtml .php .aspx .asp .jsp; .txt |
| WARC / ARC | ``warc`` (warcio) | .warc .arc |
| RSS / Atom | ``feeds`` (feedparser) | .rss .atom .xml, and http(s) URLs |

Any file may be gzip-compressed (``.gz``). Folders are walked in name order.
"""

import os
import zlib
from typing import Iterator

from indexer.readers.delimited import read_csv
from indexer.readers.feeds import is_url, read_feed
from indexer.readers.json_array import read_json
from indexer.readers.jsonl import read_jsonl
from indexer.readers.pages import read_document
from indexer.readers.record import FormatError, Record, notice
from indexer.readers.sniff import mismatch
from indexer.readers.text import GZIP_MAGIC, encoding_name, read_head
from indexer.readers.warc import read_warc

__all__ = ["FORMATS", "FormatError", "Record", "count_articles", "detect_format", "read_file", "read_records"]

FORMATS = ("jsonl", "json", "csv", "tsv", "txt", "html", "warc", "feed")
_EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv", ".txt": "txt", ".text": "txt",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".php": "html", ".aspx": "html",
    ".asp": "html", ".jsp": "html",
    ".warc": "warc", ".arc": "warc", ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
_READERS = {
    "jsonl": lambda path, fmt, encoding: read_jsonl(path, encoding),
    "json": lambda path, fmt, encoding: read_json(path, encoding),
    "csv": read_csv, "tsv": read_csv, "txt": read_document, "html": read_document,
    "warc": lambda path, fmt, encoding: read_warc(path, encoding),
    "feed": lambda path, fmt, encoding: read_feed(path, encoding),
}


def detect_format(path: str) -> str:
    """The format of a file from its extension (``.gz`` looked through); a URL is a feed."""
    if is_url(path):
        return "feed"
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    fmt = _EXTENSIONS.get(os.path.splitext(name)[1])
    if fmt is None:
        raise FormatError(f"{path}: cannot tell the format from the extension; use --format ({', '.join(FORMATS)})")
    return fmt


def count_articles(paths, fmt: str | None = None) -> int | None:
    """The number of records ``paths`` hold when that is cheap to know (uncompressed JSON Lines), else None.

    For the progress bar's percentage: counting newlines reads the files once, at disk speed.
    """
    total = 0
    for path in paths:
        if is_url(path) or os.path.isdir(path) or (fmt or detect_format(path)) != "jsonl":
            return None
        with open(path, "rb") as stream:
            if stream.read(2) == GZIP_MAGIC:
                return None
            stream.seek(0)
            total += sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))
    return total


def archive_files(paths, fmt: str | None = None) -> Iterator[tuple[str, str]]:
    """``(path, format)`` of every archive file in ``paths`` (folders walked in name order, hidden files and
    files of no known format in them passed over); a feed URL is a path too."""
    for path in paths:
        if is_url(path):
            yield path, "feed"
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(f for f in files if not f.startswith(".")):
                    try:
                        yield os.path.join(root, name), fmt or detect_format(name)
                    except FormatError:
                        continue  # a README or image next to the articles is not an article
        elif os.path.exists(path):
            yield path, fmt or detect_format(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")


def read_records(paths, fmt: str | None = None, encoding: str | None = None) -> Iterator[Record]:
    """Records of every archive in ``paths`` (files, folders or feed URLs), in order."""
    if encoding:
        encoding = encoding_name(encoding)
    for path, _ in archive_files(paths, fmt):
        yield from read_file(path, fmt, encoding)


def read_file(path: str, fmt: str | None = None, encoding: str | None = None) -> Iterator[Record]:
    """Records of one file. ``fmt`` None: from the extension, and the content must agree with it.

    A file that cannot be read on (a truncated or damaged ``.gz``, a permission denied) ends with one record
    saying so, after the records read before the damage."""
    forced = fmt is not None
    fmt = fmt or detect_format(path)
    if fmt not in _READERS:
        raise FormatError(f"{path}: unknown format {fmt!r} (use one of {', '.join(FORMATS)})")
    line, found = 0, False
    try:
        if not is_url(path):
            head = read_head(path, 4096)
            if not head.strip():
                yield notice(path, "empty file: no articles")
                return
            problem = None if forced else mismatch(fmt, head)
            if problem:
                yield Record(path, 0, error=problem)
                return
        for record in _READERS[fmt](path, fmt, encoding):
            found, line = True, max(line, record.line)
            yield record
    except (OSError, EOFError, zlib.error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        yield Record(path, line, error=f"cannot read {'further' if found else 'the file'} ({reason}); "
                                       "the rest of the file is not indexed")
        return
    if not found:
        yield notice(path, "no articles in this file")
