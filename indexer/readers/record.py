"""What every reader yields: a ``Record`` per article found (or per problem), and the limits a record must keep.

A record is one article as found in the file (a dict of the file's own keys), or the reason it cannot be one
(``error``), always with its file and line so that problems are reported as ``FILE:LINE: reason``. A record with
neither data nor error is a notice about the file itself (an empty file): its warnings are reported, nothing is
indexed or skipped.
"""

from dataclasses import dataclass, field

# A line, array element, CSV row or page larger than this is skipped: real articles are far below it (the longest
# of ~9,300 research articles is under 100 kB), and parsing an unbounded record could exhaust memory.
MAX_RECORD_BYTES = 8 << 20
# Arrays and objects nested deeper than this inside one record: an article is a flat object whose fields may hold
# a list of paragraph objects; 10,000 nested brackets would otherwise overflow the parser's recursion.
MAX_DEPTH = 16
TOO_DEEP = f"nested deeper than {MAX_DEPTH} levels"


class FormatError(ValueError):
    """An archive whose format cannot be told (or is not supported)."""


@dataclass
class Record:
    path: str
    line: int
    data: dict | None = None        # the article as the file has it (file's own keys)
    error: str | None = None        # why this line cannot be indexed
    warnings: list[str] = field(default_factory=list)
    canonical: bool = False         # data already uses our field names (pages, feeds, WARC records)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def notice(path: str, message: str) -> Record:
    """A warning about a whole file (no article, no skip)."""
    return Record(path, 0, warnings=[message])


def too_large(path: str, line: int, what: str = "record") -> Record:
    return Record(path, line, error=f"{what} longer than the limit of {MAX_RECORD_BYTES:,} bytes")
