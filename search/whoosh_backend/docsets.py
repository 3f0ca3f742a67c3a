"""The set of ALL documents of a shard matching a query (``search.core.query`` nodes), as a numpy bool mask.

Facet counts and totals need every match, not the top page. Whoosh yields matches one docnum at a time from
Python; here a term's postings are read a whole block at a time into numpy and sets are combined with vectorized
boolean operations. Phrases compare positions (search.whoosh_backend.positions) only for the documents holding
every word. Tests check every mask against Whoosh's own query results on the demo corpus.
"""

import datetime

import numpy as np

from search.core.query import And, DateRange, Every, Not, Nothing, Or, Phrase, Term
from search.whoosh_backend.internals import matcher_postings
from search.whoosh_backend.lru import SizedLRU
from search.whoosh_backend.positions import PositionsCache, phrase_docs


def postings(reader, fieldname, text, weights=True):
    """(local docnums int64, weights float64 or None) of one term in one segment reader (empty if absent)."""
    if (fieldname, text) not in reader:
        return np.zeros(0, dtype=np.int64), np.zeros(0) if weights else None
    return matcher_postings(reader.postings(fieldname, text), weights)


class PostingsCache:
    """Decoded postings (local docnums, weights) of recently used terms, per immutable segment, LRU-bounded.

    Why: decoding a Whoosh posting block unpickles its positions too, so a term in 40% of 100,000 articles costs
    ~100 ms to read; news queries repeat the same few thousand terms. Segments never change once written, so an
    entry keyed by segment id is valid for as long as the segment exists.
    """

    def __init__(self, budget=8_000_000, hot=None):
        self.hot = hot        # search.hotpostings.HotPostings: frequent terms decoded ahead of time
        self.positions = PositionsCache()  # frequent phrase words' positions (search.whoosh_backend.positions)
        self._kept = SizedLRU(budget)  # postings kept (8 bytes each: int32 docnum + float32 weight)

    def get(self, reader, fieldname, btext):
        segid = reader.segment().segment_id()
        if self.hot is not None:
            got = self.hot.lookup(segid, fieldname, btext)
            if got is not None:
                return got
        key = (segid, fieldname, btext)
        got = self._kept.get(key)
        if got is None:
            ids, ws = postings(reader, fieldname, btext)
            got = (ids.astype(np.int32), ws.astype(np.float32))
            self._kept.put(key, got)
        return got


class DocSets:
    """Evaluates queries to bool masks over one searcher's global docnums, using its IndexColumns."""

    def __init__(self, searcher, columns, cache: PostingsCache | None = None, memo: dict | None = None):
        """``memo``: a dict kept by the caller across the calls of one request (its phases), so masks and
        postings computed for the first phase are not computed again for the next."""
        self.searcher = searcher
        self.columns = columns
        self.leaves = searcher.leaf_searchers()
        self.n = columns.doc_count
        memo = {} if memo is None else memo
        self._terms = memo.setdefault("terms", {})       # (field, text) -> mask: queries share their terms
        self._postings = memo.setdefault("postings", {})  # (field, text) -> (global docnums, weights)
        self._phrases = memo.setdefault("phrases", {})     # Phrase node -> mask (positions compared once)
        self._cache = cache

    def all(self) -> np.ndarray:
        return self.columns.live.copy()

    def none(self) -> np.ndarray:
        return np.zeros(self.n, dtype=bool)

    def of(self, q) -> np.ndarray:
        """The live documents matching ``q`` (a ``search.core.query`` node)."""
        return self._eval(q) & self.columns.live

    def _eval(self, q) -> np.ndarray:
        if isinstance(q, Term):
            return self._term(q.field, q.text)
        if isinstance(q, Or):
            mask = self.none()
            for sub in q.items:
                mask |= self._eval(sub)
            return mask
        if isinstance(q, And):
            mask = self.all()
            for sub in q.items:
                mask &= self._eval(sub)
            return mask
        if isinstance(q, Not):
            return ~self._eval(q.item)
        if isinstance(q, Phrase):
            return self._phrase(q)
        if isinstance(q, DateRange):
            return self._dates(q)
        if isinstance(q, Every):
            return self.all()
        if isinstance(q, Nothing):
            return self.none()
        raise TypeError(f"not a query node: {q!r}")

    def _term(self, fieldname, text) -> np.ndarray:
        cached = self._terms.get((fieldname, text))
        if cached is not None:
            return cached.copy()
        mask = self.none()
        if fieldname in self.searcher.schema:
            ids, _ = self.postings(fieldname, text)
            mask[ids] = True
        self._terms[(fieldname, text)] = mask.copy()
        return mask

    def postings(self, fieldname, text):
        """(global docnums, weights) of a term over all segments."""
        key = (fieldname, text)
        got = self._postings.get(key)
        if got is None:
            field = self.searcher.schema[fieldname]
            btext = field.to_bytes(text) if isinstance(text, str) else text
            ids, ws = [], []
            for leaf, offset in self.leaves:
                reader = leaf.reader()
                if self._cache is not None:
                    i, w = self._cache.get(reader, fieldname, btext)
                else:
                    i, w = postings(reader, fieldname, btext)
                ids.append(i.astype(np.int64) + offset)
                ws.append(w.astype(np.float64))
            got = self._postings[key] = (np.concatenate(ids), np.concatenate(ws))
        return got

    def _dates(self, q) -> np.ndarray:
        dates = self.columns.dates
        mask = dates > np.iinfo(np.int64).min
        if q.start is not None:
            mask &= dates >= _days(q.start)
        if q.end is not None:
            mask &= dates <= _days(q.end)
        return mask

    def _phrase(self, q) -> np.ndarray:
        """Exact phrase: candidates are the documents with every word (numpy), then positions are compared for
        those only. Same answer as Whoosh's SpanNear2 (ordered, adjacent) without building Span objects."""
        cached = self._phrases.get(q)
        if cached is not None:
            return cached.copy()
        field = self.searcher.schema[q.field] if q.field in self.searcher.schema else None
        if field is None or not field.format or not field.format.supports("positions"):
            return self.none()
        candidates = self.all()
        for word in q.words:
            candidates &= self._term(q.field, word)
        if len(q.words) < 2:
            return candidates
        mask = self.none()
        btexts = [field.to_bytes(w) for w in q.words]
        positions = self._cache.positions if self._cache is not None else None
        for leaf, offset in self.leaves:
            reader = leaf.reader()
            local = np.flatnonzero(candidates[offset:offset + reader.doc_count_all()])
            if len(local):
                found = phrase_docs(field.format, reader, q.field, btexts, local,
                                    lambda bt: reader.doc_frequency(q.field, bt), positions)
                mask[offset + found] = True
        self._phrases[q] = mask.copy()
        return mask


def _days(dt) -> int:
    if isinstance(dt, datetime.datetime):
        dt = dt.date()
    return (dt - datetime.date(1, 1, 1)).days
