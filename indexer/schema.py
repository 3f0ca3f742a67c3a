"""The Whoosh schema: the contract between the indexer and the search layer.

Layout (why): ranking runs on ONE combined field, ``content`` (title + summary + body), because Whoosh sums
per-field BM25 scores and a multi-field query ranked worse on the Hamshahri dev topics. ``title`` is indexed on
its own too, for ``title:`` queries and snippets. ``body`` is stored once, not indexed (``content`` covers it):
snippets re-analyze it to mark matches at their true offsets. Facet fields hold keys (ISO codes, canonical
names, Jalali year "1387", Jalali year-month "1387-10", Gregorian year "2009").
"""

from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from analyzers.analysis import index_analyzer


def build_schema() -> Schema:
    analyzer = index_analyzer()
    return Schema(
        id=ID(unique=True, stored=True),
        url=STORED(),
        title=TEXT(analyzer=analyzer, stored=True, phrase=True),
        summary=STORED(),
        body=STORED(),
        content=TEXT(analyzer=analyzer, phrase=True),
        source=ID(stored=True),
        category=ID(stored=True),
        tags=KEYWORD(stored=True, commas=True, scorable=False),
        date=DATETIME(stored=True, sortable=True),
        year_jalali=ID(),
        month_jalali=ID(),
        year=ID(),
        persons=KEYWORD(stored=True, commas=True, scorable=False),
        countries=KEYWORD(stored=True, commas=True, scorable=False),
    )
