"""Archive readers: every supported format becomes one stream of ``Record``s, in file order.

A record is one article as found in the file (a dict of the file's own keys), or the reason it cannot be one
(``error``), always with its file and line so that problems are reported as ``FILE:LINE: reason``. Readers never
raise on bad content: a bad line is a record with an error and reading goes on. Bytes that are not UTF-8 are
replaced (U+FFFD) and reported as a warning.

Formats: JSON Lines, a JSON array (or an object holding one), CSV/TSV with a header row, single ``.txt``/``.html``
documents, and folders of any of these (walked in name order). Any file may be gzip-compressed (``.gz``).
"""

import codecs
import csv
import gzip
import json
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Iterator

from indexer.html_text import html_to_text
from indexer.mapping import looks_like_article

FORMATS = ("jsonl", "json", "csv", "tsv", "txt", "html")
_EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv", ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html",
}
_GZIP_MAGIC = b"\x1f\x8b"

csv.field_size_limit(sys.maxsize)  # article bodies are longer than csv's 128 KiB default


class FormatError(ValueError):
    """An archive whose format cannot be told (or is not supported)."""


@dataclass
class Record:
    path: str
    line: int
    data: dict | None = None        # the article as the file has it (file's own keys)
    error: str | None = None        # why this line cannot be indexed
    warnings: list[str] = field(default_factory=list)
    canonical: bool = False         # data already uses our field names (documents: .txt/.html)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def detect_format(path: str) -> str:
    """The format of a file from its extension (``.gz`` looked through)."""
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
        if os.path.isdir(path) or (fmt or detect_format(path)) != "jsonl":
            return None
        with open(path, "rb") as stream:
            if stream.read(2) == _GZIP_MAGIC:
                return None
            stream.seek(0)
            total += sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))
    return total


def read_records(paths, fmt: str | None = None) -> Iterator[Record]:
    """Records of every archive in ``paths`` (files or folders), in order."""
    for path in paths:
        if os.path.isdir(path):
            yield from _read_folder(path, fmt)
        elif os.path.exists(path):
            yield from read_file(path, fmt or detect_format(path))
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")


def _read_folder(folder: str, fmt: str | None) -> Iterator[Record]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            try:
                file_fmt = fmt or detect_format(path)
            except FormatError:
                continue  # a README or image next to the articles is not an article
            yield from read_file(path, file_fmt)


def read_file(path: str, fmt: str) -> Iterator[Record]:
    readers = {"jsonl": _read_jsonl, "json": _read_json, "csv": _read_csv, "tsv": _read_csv,
               "txt": _read_document, "html": _read_document}
    if fmt not in readers:
        raise FormatError(f"{path}: unknown format {fmt!r} (use one of {', '.join(FORMATS)})")
    return readers[fmt](path, fmt)


def _open_binary(path: str):
    with open(path, "rb") as probe:
        compressed = probe.read(2) == _GZIP_MAGIC
    return gzip.open(path, "rb") if compressed else open(path, "rb")


def _decode(raw: bytes, encoding: str = "utf-8") -> tuple[str, bool]:
    """``(text, clean)``: bytes that are not valid in ``encoding`` become U+FFFD and ``clean`` is False."""
    try:
        return raw.decode(encoding), True
    except UnicodeDecodeError:
        return raw.decode(encoding, errors="replace"), False


_BAD_BYTES = "invalid UTF-8 bytes replaced"


def _read_jsonl(path: str, fmt: str) -> Iterator[Record]:
    with _open_binary(path) as stream:
        for number, raw in enumerate(stream, 1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            text, clean = _decode(raw)
            if not text.strip():
                continue
            yield _json_record(path, number, text, [] if clean else [_BAD_BYTES])


def _json_record(path: str, line: int, text: str, warnings: list[str]) -> Record:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return Record(path, line, error=f"invalid JSON ({exc.msg} at column {exc.colno})", warnings=warnings)
    if not isinstance(data, dict):
        return Record(path, line, error=f"not a JSON object ({_json_type(data)})", warnings=warnings)
    return Record(path, line, data=data, warnings=warnings)


def _json_type(value) -> str:
    return {list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean"}.get(
        type(value), "null")


def _read_json(path: str, fmt: str) -> Iterator[Record]:
    """A JSON array of articles, an object holding such an array, one article object, or JSON Lines named .json.

    Array elements are decoded one by one so that each is reported at its own line and a bad element does not
    hide the good ones before it.
    """
    with _open_binary(path) as stream:
        text, clean = _decode(stream.read())
    warnings = [] if clean else [_BAD_BYTES]
    text = text.lstrip("\ufeff")
    start = len(text) - len(text.lstrip())
    if start == len(text):
        return
    if text[start] == "[":
        yield from _json_array(path, text, start + 1, warnings)
        return
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        # Several objects, one per line: JSON Lines with a .json name.
        yield from (_json_record(path, n, line, list(warnings) if "\ufffd" in line else [])
                    for n, line in enumerate(text.split("\n"), 1) if line.strip())
        return
    if isinstance(whole, dict):
        # An article of its own (its paragraphs may well be a list of objects), or a wrapper around the articles.
        key = None if looks_like_article(whole) else next(
            (k for k, v in whole.items() if isinstance(v, list) and v and isinstance(v[0], dict)), None)
        match = key and re.search(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:\s*\[", text)
        if not match:  # one article object
            yield Record(path, 1 + text.count("\n", 0, start), data=whole, warnings=warnings)
            return
        # {"articles": [...]}: decode the array in place to keep line numbers.
        yield from _json_array(path, text, match.end(), warnings)
        return
    yield Record(path, 1, error=f"not a JSON object or array ({_json_type(whole)})", warnings=warnings)


def _json_array(path: str, text: str, pos: int, warnings: list[str]) -> Iterator[Record]:
    decoder = json.JSONDecoder()
    line, counted = 1, 0
    ws = re.compile(r"[\s,]*")
    while True:
        pos = ws.match(text, pos).end()
        if pos >= len(text) or text[pos] == "]":
            return
        line += text.count("\n", counted, pos)
        counted = pos
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            # Past a syntax error the array has no reliable element boundaries left.
            yield Record(path, exc.lineno, error=f"invalid JSON ({exc.msg}); the rest of the file is unreadable",
                         warnings=list(warnings))
            return
        # Bad bytes are reported with the element that holds them, not with every element of the file.
        mine = list(warnings) if warnings and "\ufffd" in text[pos:end] else []
        if isinstance(value, dict):
            yield Record(path, line, data=value, warnings=mine)
        else:
            yield Record(path, line, error=f"not a JSON object ({_json_type(value)})", warnings=mine)
        pos = end


def _read_csv(path: str, fmt: str) -> Iterator[Record]:
    with _open_binary(path) as stream:
        text, clean = _decode(stream.read())
    text = text.lstrip("\ufeff")
    warnings = [] if clean else [_BAD_BYTES]
    lines = text.splitlines(keepends=True)
    delimiter = "\t" if fmt == "tsv" else _sniff_delimiter(lines[0] if lines else "")
    reader = csv.DictReader(lines, delimiter=delimiter)
    start = reader.line_num + 1
    for row in reader:
        if None in row:   # more cells than header columns: keep the named ones
            row.pop(None)
        mine = list(warnings) if warnings and any("\ufffd" in (v or "") for v in row.values()) else []
        yield Record(path, start, data=row, warnings=mine)
        start = reader.line_num + 1


def _sniff_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def _read_document(path: str, fmt: str) -> Iterator[Record]:
    """One article per file: an HTML page, or a text file whose first line is the title."""
    with _open_binary(path) as stream:
        raw = stream.read()
    text, clean = _decode(raw)
    warnings = []
    if not clean:
        declared = _CHARSET.search(raw[:4096]) if fmt == "html" else None
        if declared:  # old Persian pages are often windows-1256, and say so
            try:
                text, clean = _decode(raw, declared.group(1).decode("ascii"))
            except LookupError:
                pass
        if not clean:
            warnings.append(_BAD_BYTES)
    text = text.lstrip("\ufeff")
    if fmt == "html":
        page = html_to_text(text)
        title, body = page.title, page.text
        first, _, rest = body.partition("\n")
        if title and first.strip() == title:   # the <h1> repeats the title
            body = rest
        data = {"title": title, "body": body, "url": page.url, "date": page.date}
    else:
        lines = text.strip().split("\n", 1)
        data = {"title": lines[0].strip(), "body": lines[1].strip() if len(lines) > 1 else ""}
    yield Record(path, 1, data=data, warnings=warnings, canonical=True)
