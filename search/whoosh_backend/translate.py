"""Query nodes (``search.core.query``) as Whoosh query objects: the reference the numpy evaluation is tested
against (tests compare every mask with Whoosh's own results, and the numpy scores with Whoosh's BM25F)."""

import datetime

from whoosh import query as wq

from search.core import query as Q


def to_whoosh(node):
    if isinstance(node, Q.Term):
        return wq.Term(node.field, node.text, boost=node.boost)
    if isinstance(node, Q.Phrase):
        return wq.Phrase(node.field, list(node.words), boost=node.boost)
    if isinstance(node, Q.Or):
        return wq.Or([to_whoosh(n) for n in node.items], boost=node.boost)
    if isinstance(node, Q.And):
        return wq.And([to_whoosh(n) for n in node.items], boost=node.boost)
    if isinstance(node, Q.Not):
        return wq.Not(to_whoosh(node.item))
    if isinstance(node, Q.DateRange):
        start = datetime.datetime.combine(node.start, datetime.time.min) if node.start else None
        end = datetime.datetime.combine(node.end, datetime.time.max) if node.end else None
        return wq.DateRange("date", start, end)
    if isinstance(node, Q.Every):
        return wq.Every()
    if isinstance(node, Q.Nothing):
        return wq.NullQuery
    raise TypeError(f"not a query node: {node!r}")
