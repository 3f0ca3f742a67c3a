"""The Whoosh schema of one shard: the contract between the Whoosh sink (writing) and the shard searcher.

Layout (why): ranking runs on ONE combined field, ``content`` (title + summary + body), because Whoosh sums
per-field BM25 scores and a multi-field query ranked worse on the Hamshahri dev topics. ``title`` is indexed on
its own too, for ``title:`` queries. ``body`` is stored once, not indexed (``content`` covers it): snippets
re-analyze it to mark matches at their true offsets. Facet fields hold keys (ISO codes, canonical names, Jalali
year "1387", Jalali year-month "1387-10", Gregorian year "2009"); single-valued ones are sortable (a column).
"""

from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from analyzers.analysis import index_analyzer

# Fields holding lists: stored as comma-separated keywords (no value contains a comma: see indexer.mapping).
LIST_FIELDS = ("tags", "persons", "countries")


def build_schema() -> Schema:
    analyzer = index_analyzer()
    return Schema(
        id=ID(unique=True, stored=True),
        url=STORED(),
        title=TEXT(analyzer=analyzer, stored=True, phrase=True),
        summary=STORED(),
        body=STORED(),
        content=TEXT(analyzer=analyzer, phrase=True),
        source=ID(stored=True, sortable=True),
        category=ID(stored=True, sortable=True),
        tags=KEYWORD(stored=True, commas=True, scorable=False),
        date=DATETIME(stored=True, sortable=True),
        year_jalali=ID(sortable=True),
        month_jalali=ID(sortable=True),
        year=ID(sortable=True),
        persons=KEYWORD(stored=True, commas=True, scorable=False),
        countries=KEYWORD(stored=True, commas=True, scorable=False),
    )


def to_fields(doc: dict) -> dict:
    """A backend-neutral document (``indexer.document.to_document``: lists as lists) as Whoosh field values."""
    out = {}
    for name, value in doc.items():
        if name in LIST_FIELDS:
            value = ",".join(value) if value else None
        if value is not None and value != "":
            out[name] = value
    return out
