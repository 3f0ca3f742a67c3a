"""Bytes to text: which encoding a file is in, and its lines decoded with undecodable bytes reported per line.

The encoding is, in order: the one forced with ``--encoding``; the byte-order mark; the page's own
``<meta charset>`` (HTML); UTF-8 when the first 64 kB are valid UTF-8; else what charset-normalizer detects.
Legacy Persian files are Windows-1256 in practice, and charset-normalizer misjudges short Persian samples
(measured on one-article CSVs: 4-19% given up or taken for ptcp154/cp1251), so when its guess does not read as
Arabic script and Windows-1256 does, Windows-1256 wins.
"""

import codecs
import gzip
import io
import re

from charset_normalizer import from_bytes

from indexer.readers.record import MAX_RECORD_BYTES

GZIP_MAGIC = b"\x1f\x8b"
SAMPLE_BYTES = 1 << 16
# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_ARABIC = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
_LETTER = re.compile(r"[^\W\d_]")
# Decoders never produce a surrogate from valid input, so one marks where bytes could not be decoded; the line
# reader turns markers into U+FFFD and a warning at that line.
_MARK = "\udcff"
_MARKS = re.compile("[\ud800-\udfff]")
codecs.register_error("bayegan-mark", lambda exc: (_MARK, exc.end))


def open_binary(path: str):
    """The file's bytes, gzip looked through."""
    with open(path, "rb") as probe:
        compressed = probe.read(2) == GZIP_MAGIC
    return gzip.open(path, "rb") if compressed else open(path, "rb")


def read_head(path: str, size: int = SAMPLE_BYTES) -> bytes:
    with open_binary(path) as stream:
        return stream.read(size)


def encoding_name(name: str) -> str:
    """The codec's canonical name; a ``ValueError`` naming the problem for an unknown one."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"unknown encoding {name!r} (e.g. utf-8, windows-1256, utf-16)") from None


def label(encoding: str) -> str:
    return {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32",
            "cp1256": "windows-1256"}.get(encoding, encoding)


def detect_encoding(head: bytes, forced: str | None = None, html: bool = False, declared: str | None = None) -> str:
    """``declared``: what the file's container says (a WARC record's HTTP ``Content-Type`` charset)."""
    if forced:
        return encoding_name(forced)
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if declared:
        try:
            return encoding_name(declared)
        except ValueError:
            pass
    if html:
        declared = _META_CHARSET.search(head[:4096])
        if declared:
            try:
                return encoding_name(declared.group(1).decode("ascii"))
            except ValueError:
                pass  # a misspelled charset: detect it instead
    if _is_utf8(head):
        return "utf-8"
    match = from_bytes(head).best()
    if match is not None and _mostly_arabic(str(match)):
        return encoding_name(match.encoding)
    if _mostly_arabic(head.decode("cp1256", errors="replace")):
        return "cp1256"
    return encoding_name(match.encoding) if match is not None else "utf-8"


def _is_utf8(head: bytes) -> bool:
    """Valid UTF-8, or UTF-8 with a few broken bytes: most of its non-ASCII characters decode. (Legacy 8-bit text
    almost never forms valid multi-byte sequences: Windows-1256 Persian decodes to under 10% valid characters.)"""
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError:
        text = head.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        good = sum(1 for char in text if char > "\x7f") - bad
        return good >= 2 * bad


def _mostly_arabic(text: str) -> bool:
    letters = len(_LETTER.findall(text))
    return letters > 0 and len(_ARABIC.findall(text)) >= 0.6 * letters


def decode(raw: bytes, encoding: str) -> tuple[str, str | None]:
    """``(text, warning)`` for a whole document: undecodable bytes become U+FFFD and give a warning."""
    return _clean_line(raw.decode(encoding, errors="bayegan-mark"), encoding)


def _clean_line(text: str, encoding: str) -> tuple[str, str | None]:
    if _MARKS.search(text) is None:
        return text, None
    return _MARKS.sub("\ufffd", text), f"invalid {label(encoding)} bytes replaced with U+FFFD"


def decoded_lines(stream, encoding: str, limit: int = MAX_RECORD_BYTES):
    """``(number, line, warning)`` for each line of a binary stream; ``line`` is None for a line over ``limit``
    characters (its rest is read past without being kept). Line ends are kept, as ``csv`` wants them."""
    text = io.TextIOWrapper(stream, encoding=encoding, errors="bayegan-mark", newline="")
    number = 0
    while True:
        line = text.readline(limit)
        if not line:
            return
        number += 1
        if len(line) >= limit and not line.endswith(("\n", "\r")):
            while (rest := text.readline(limit)) and not rest.endswith(("\n", "\r")):
                pass
            yield number, None, None
            continue
        line, warning = _clean_line(line, encoding)
        yield number, line, warning


def decoded_chunks(stream, encoding: str, size: int = 1 << 16):
    """``(number, text, warning)``: the stream in pieces of at most ``size`` characters, each within one line
    (``number``), for parsers that take a document in pieces (a JSON array written on one line included)."""
    text = io.TextIOWrapper(stream, encoding=encoding, errors="bayegan-mark", newline="")
    number = 1
    while chunk := text.readline(size):
        chunk, warning = _clean_line(chunk, encoding)
        yield number, chunk, warning
        if chunk.endswith(("\n", "\r")):
            number += 1
