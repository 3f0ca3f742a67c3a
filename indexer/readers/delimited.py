"""CSV and TSV with a header row, streamed row by row; a row (which may span lines) is reported at its first line."""

import csv

from indexer.readers.record import MAX_RECORD_BYTES, Record
from indexer.readers.text import decoded_lines, detect_encoding, open_binary, read_head

csv.field_size_limit(MAX_RECORD_BYTES)  # article bodies are longer than csv's 128 KiB default
_DELIMITERS = (",", "\t", ";", "|")


class _Lines:
    """The decoded lines csv reads, remembering each line's warning; a line over the size limit reads as empty."""

    def __init__(self, lines):
        self.lines = lines
        self.number = 0
        self.problems: dict[int, str] = {}

    def __iter__(self):
        for self.number, line, warning in self.lines:
            if line is None:
                self.problems[self.number] = f"line longer than the limit of {MAX_RECORD_BYTES:,} bytes"
                line = "\n"
            elif warning:
                self.problems[self.number] = warning
            yield line

    def take(self, first: int, last: int) -> tuple[str | None, list[str]]:
        """``(error, warnings)`` of the lines ``first..last`` (then forgotten)."""
        found = [self.problems.pop(n) for n in range(first, last + 1) if n in self.problems]
        errors = [p for p in found if p.startswith("line longer")]
        return (errors[0] if errors else None), [p for p in found if p not in errors]


def read_csv(path: str, fmt: str, encoding: str | None = None):
    charset = detect_encoding(read_head(path), encoding)
    with open_binary(path) as stream:
        lines = _Lines(decoded_lines(stream, charset))
        rows = iter(lines)
        first = next(rows, None)
        if first is None:
            return
        delimiter = "\t" if fmt == "tsv" else sniff_delimiter(first)
        reader = csv.reader(_chain(first, rows), delimiter=delimiter)
        header = [name.strip().lstrip("\ufeff").strip() for name in next(reader)]
        _, header_warnings = lines.take(1, lines.number)
        if header_warnings:
            yield Record(path, 1, warnings=[f"header: {w}" for w in header_warnings])
        start = lines.number + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                error, warnings = lines.take(start, lines.number)
                yield Record(path, start, error=error or f"unreadable CSV row ({exc})", warnings=warnings)
                start = lines.number + 1
                continue
            error, warnings = lines.take(start, lines.number)
            if error:
                yield Record(path, start, error=error, warnings=warnings)
            elif any(cell.strip() for cell in row):
                # More cells than header columns: keep the named ones.
                yield Record(path, start, data=dict(zip(header, row)), warnings=warnings)
            start = lines.number + 1


def _chain(first, rest):
    yield first
    yield from rest


def sniff_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","
