"""The Whoosh schema: the contract between the indexer and the search layer.

Layout (why): ranking runs on ONE combined field, ``content`` (title + summary + body), because Whoosh sums
per-field BM25 scores and a multi-field query ranked worse on the Hamshahri dev topics. ``title`` is indexed on
its own too, for ``title:`` queries and snippets. ``body`` is stored once, not indexed (``content`` covers it):
snippets re-analyze it to mark matches at their true offsets. Facet fields hold keys (ISO codes, canonical
names, Jalali year "1387", Jalali year-month "1387-10", Gregorian year "2009"); single-valued ones are sortable
(a column) so facet counts and sorting read a column instead of walking postings.

Text fields are ``PersianText``: a TEXT field that also accepts a ``PreIndexed`` value, the output of its own
``index()`` computed in another process. The indexer analyzes articles in a worker process while the main one
writes (analysis would otherwise dominate indexing time); for any other value it is exactly TEXT.
"""

from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from analyzers.analysis import index_analyzer

# Fields analyzed in the worker process (see indexer.pipeline).
TEXT_FIELDS = ("title", "content")


class PreIndexed:
    """A field's postings ``[(term bytes, freq, weight, encoded value), ...]`` as ``field.index(text)`` made them."""

    __slots__ = ("items",)

    def __init__(self, items):
        self.items = items

    def __getstate__(self):
        return self.items

    def __setstate__(self, items):
        self.items = items


class PersianText(TEXT):
    def index(self, value, **kwargs):
        if isinstance(value, PreIndexed):
            return iter(value.items)
        return super().index(value, **kwargs)


def build_schema() -> Schema:
    analyzer = index_analyzer()
    return Schema(
        id=ID(unique=True, stored=True),
        url=STORED(),
        title=PersianText(analyzer=analyzer, stored=True, phrase=True),
        summary=STORED(),
        body=STORED(),
        content=PersianText(analyzer=analyzer, phrase=True),
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
