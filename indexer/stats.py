"""What an index holds: document count, date range, most frequent persons and countries, size on disk."""

import os

from whoosh.filedb.filestore import FileStorage

from analyzers.dates import jalali_label
from analyzers.entities import country_label
from indexer.location import INDEX_NAME, require_index


def _top_terms(reader, fieldname: str, limit: int) -> list[tuple[str, int]]:
    """``(key, live document count)`` of the ``limit`` most frequent values of a keyword field.

    Counts walk the postings, which skip deleted documents (the term statistics would still count replaced ones).
    """
    counts = []
    for term in reader.lexicon(fieldname):
        n = sum(1 for _ in reader.postings(fieldname, term).all_ids())
        if n:
            counts.append((term.decode("utf-8"), n))
    counts.sort(key=lambda kv: (-kv[1], kv[0]))
    return counts[:limit]


def _date_range(reader, schema):
    field = schema["date"]
    dates = [field.from_bytes(term) for term in field.sortable_terms(reader, "date")]
    live = [d for d in dates if d is not None]
    return (min(live).date(), max(live).date()) if live else (None, None)


def index_stats(index_dir: str, top: int = 10) -> dict:
    """Statistics of the index in ``index_dir`` as a JSON-ready dict."""
    require_index(index_dir)
    ix = FileStorage(index_dir).open_index(INDEX_NAME)
    with ix.reader() as reader:
        first, last = _date_range(reader, ix.schema)
        persons = _top_terms(reader, "persons", top)
        countries = _top_terms(reader, "countries", top)
    size = sum(os.path.getsize(os.path.join(index_dir, name)) for name in os.listdir(index_dir)
               if os.path.isfile(os.path.join(index_dir, name)))
    return {
        "documents": ix.doc_count(),
        "segments": len(ix._segments()),
        "date_range": {
            "first": first.isoformat() if first else None,
            "last": last.isoformat() if last else None,
            "first_jalali": jalali_label(first) if first else None,
            "last_jalali": jalali_label(last) if last else None,
        },
        "top_persons": [{"key": key, "label": key, "documents": n} for key, n in persons],
        "top_countries": [{"key": key, "label": country_label(key) or key, "documents": n} for key, n in countries],
        "index_bytes": size,
    }


def format_stats(stats: dict, index_dir: str) -> str:
    dr = stats["date_range"]
    lines = [f"index: {index_dir}", f"documents: {stats['documents']}"]
    if dr["first"]:
        lines.append(f"dates: {dr['first']} .. {dr['last']} ({dr['first_jalali']} .. {dr['last_jalali']})")
    else:
        lines.append("dates: none")
    for title, key in (("top persons", "top_persons"), ("top countries", "top_countries")):
        entries = stats[key]
        lines.append(f"{title}: " + (", ".join(f"{e['label']} ({e['documents']})" for e in entries) or "none"))
    lines.append(f"size: {stats['index_bytes'] / 1e6:.1f} MB in {stats['segments']} segment(s)")
    return "\n".join(lines)
