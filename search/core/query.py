"""The query model every backend evaluates: small immutable nodes, no search library behind them.

The compiler (``search.core.compile``) turns the query language into these; the coordinator sends them to every
shard (they pickle small and compare by value); a backend evaluates them to document sets and BM25 scores
(``search.whoosh_backend.docsets`` and ``scoring``). Fields are the document's: ``content`` (the ranking field),
``title``, and the keyword fields ``persons``, ``countries``, ``source`` ...; dates are a separate node.
"""

import datetime
from dataclasses import dataclass

RANKING_FIELD = "content"


@dataclass(frozen=True)
class Term:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    """Words at consecutive positions of one field."""
    field: str
    words: tuple
    boost: float = 1.0


@dataclass(frozen=True)
class Or:
    items: tuple
    boost: float = 1.0


@dataclass(frozen=True)
class And:
    items: tuple
    boost: float = 1.0


@dataclass(frozen=True)
class Not:
    item: object


@dataclass(frozen=True)
class DateRange:
    start: datetime.date | None = None  # inclusive days; None is open
    end: datetime.date | None = None


@dataclass(frozen=True)
class Every:
    pass


@dataclass(frozen=True)
class Nothing:
    pass


def any_of(items, boost: float = 1.0):
    items = tuple(items)
    if not items:
        return Nothing()
    return items[0] if len(items) == 1 and boost == 1.0 else Or(items, boost)


def all_of(items):
    items = tuple(items)
    if not items:
        return Every()
    return items[0] if len(items) == 1 else And(items)


def terms_of(node, field: str = RANKING_FIELD) -> list[str]:
    """Every term of ``field`` a node scores or matches (phrases' words included), in order, repeats kept."""
    if isinstance(node, Term):
        return [node.text] if node.field == field else []
    if isinstance(node, Phrase):
        return list(node.words) if node.field == field else []
    if isinstance(node, (Or, And)):
        return [t for item in node.items for t in terms_of(item, field)]
    if isinstance(node, Not):
        return terms_of(node.item, field)
    return []


def plain_terms(node) -> list[str] | None:
    """The ranking-field terms of a query made only of words (Term / Or / And), else None (phrases, ...)."""
    if isinstance(node, Term) and node.field == RANKING_FIELD:
        return [node.text]
    if isinstance(node, (Or, And)):
        out = []
        for item in node.items:
            got = plain_terms(item)
            if got is None:
                return None
            out += got
        return out
    return None
