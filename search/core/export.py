"""Export: every match of a query (not only a page), in the search's order, as rows for CSV or JSON Lines.

The matches are ranked once (``searching.matched`` with ``k`` = the row limit), then read from the shards in
batches while the rows are written, so a 100,000-row export never holds more than one batch of articles in
memory. Each row carries the passage around the first match in the article's text (``snippets.first_passage``:
a full excerpt needs every match of the text and costs several times more per row).

CSV starts with a UTF-8 byte-order mark: without it, spreadsheet programs read UTF-8 as a legacy code page and
show Persian as mojibake.
"""

import csv
import datetime
import functools
import io
import json

from analyzers.dates import to_jalali
from search.core.facets import BY_NAME

FIELDS = ("id", "date", "date_jalali", "title", "url", "source", "persons", "countries", "country_names", "snippet")
FORMATS = ("csv", "jsonl")
MAX_ROWS = 100_000
BATCH = 500        # articles read per round trip to the shards
LIST_SEPARATOR = "; "  # between names in one CSV cell (no person name or country holds it)
BOM = "\ufeff"


def rows(coordinator, m, limit: int):
    """The export rows of the ``Matched`` ``m``, its first ``limit`` matches in the search's order."""
    ranked = m.ranked(0, limit)
    terms = m.comp.terms
    for start in range(0, len(ranked), BATCH):
        for raw in _read(coordinator, m.view, ranked[start:start + BATCH], terms):
            if raw is not None:
                yield row(raw)


def _read(coordinator, view, batch, terms) -> list:
    by_shard = {}
    for i, (_, shard, docnum) in enumerate(batch):
        by_shard.setdefault(shard, []).append((i, docnum))
    futures = [(items, coordinator.handles[shard].call("passages", [d for _, d in items], terms,
                                                       view.generations[shard]))
               for shard, items in sorted(by_shard.items())]
    out = [None] * len(batch)
    for items, future in futures:
        for (i, _), raw in zip(items, coordinator._result(future)):
            out[i] = raw
    return out


@functools.lru_cache(maxsize=20_000)
def jalali_date(day: str) -> str:
    """ "2009-01-10" -> "1387-10-21" (cached: an export's rows share a few thousand days)."""
    y, m, d = to_jalali(datetime.date.fromisoformat(day))
    return f"{y:04d}-{m:02d}-{d:02d}"


def row(raw: dict) -> dict:
    """A shard's stored fields and passage as an export row (built directly: ``shape.common``'s Jalali label in
    words and entity dicts cost more than the rest of a row)."""
    day = raw.get("date") or None
    passage = (raw.get("excerpt") or {}).get("fragments") or []
    countries = list(raw.get("countries") or [])
    return {"id": raw.get("id"), "date": day, "date_jalali": jalali_date(day) if day else None,
            "title": raw.get("title") or "", "url": raw.get("url") or None, "source": raw.get("source") or None,
            "persons": list(raw.get("persons") or []), "countries": countries,
            "country_names": [country_name(c) for c in countries],
            "snippet": passage[0]["text"].strip() if passage else ""}


@functools.lru_cache(maxsize=1024)
def country_name(code: str) -> str:
    return BY_NAME["country"].label(code)


def csv_chunks(rows_iter, header: bool = True):
    """The rows as CSV text, a chunk per row (the first with the BOM and the header)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header:
        buffer.write(BOM)
        writer.writerow(FIELDS)
    for r in rows_iter:
        writer.writerow([LIST_SEPARATOR.join(v) if isinstance(v, list) else ("" if v is None else v)
                         for v in (r[f] for f in FIELDS)])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def jsonl_chunks(rows_iter):
    for r in rows_iter:
        yield json.dumps(r, ensure_ascii=False) + "\n"


def chunks(rows_iter, fmt: str):
    return csv_chunks(rows_iter) if fmt == "csv" else jsonl_chunks(rows_iter)
