"""The set of ALL documents matching a query, as a numpy bool mask over global docnums.

Facet counts and totals need every match, not the top page. Whoosh yields matches one docnum at a time from
Python; for the query shapes we build (terms, OR, AND, NOT, date ranges) the sets are composed here instead:
a term's postings are read a whole block at a time into numpy and combined with vectorized boolean operations.
Other query types (phrases, ...) fall back to the Whoosh matcher, which is exact and fast enough for them since
phrases are rare and selective.
"""

import datetime
import pickle
import threading
from collections import OrderedDict
from itertools import accumulate

import numpy as np
from whoosh import formats
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher



def posting_ids(reader, fieldname, text) -> np.ndarray:
    """Local docnums of the postings of one term in one segment reader (empty if the term is absent)."""
    return postings(reader, fieldname, text, weights=False)[0]


def postings(reader, fieldname, text, weights=True):
    """(local docnums int64, weights float64 or None) of one term in one segment reader."""
    if (fieldname, text) not in reader:
        return np.zeros(0, dtype=np.int64), np.zeros(0) if weights else None
    return matcher_postings(reader.postings(fieldname, text), weights)


def field_postings(reader, fieldname):
    """Yield (term bytes, local docnums) for every term of a field in one segment, reading the term table once.

    Whoosh's per-term lookups (hash probe, term info, matcher) cost ~100 µs each; facet fields have hundreds of
    thousands of terms (one per person name), so the sequential walk matters. Private Whoosh 2.7 codec objects;
    any other reader falls back to the public per-term path.
    """
    try:
        terms = reader._terms
        codec, postfile = terms._codec, terms._postfile
        fmt = reader.schema[fieldname].format
        items = terms.items_from(fieldname, b"")
    except AttributeError:
        for btext in reader.lexicon(fieldname):
            yield btext, posting_ids(reader, fieldname, btext)
        return
    for (fn, btext), terminfo in items:
        if fn != fieldname:
            break
        if terminfo.is_inlined():
            ids = np.asarray(terminfo.inlined_postings()[0], dtype=np.int64)
        else:
            ids = matcher_postings(codec.postings_reader(postfile, terminfo, fmt), weights=False)[0]
        yield btext, ids


def matcher_postings(m, weights=True):
    """(docnums, weights or None) of a leaf posting matcher, a whole block at a time when possible."""
    if isinstance(m, W3LeafMatcher):
        # Read whole blocks (private but stable in whoosh 2.7: _read_data/_goto/_lastblock), not one id at a time;
        # ids are stored delta-encoded, so a cumulative sum decodes a block. Weights: an array, one float for the
        # whole block, or None (all 1.0).
        id_chunks, w_chunks = [], []
        while True:
            if m._data is None:
                m._read_data()
            raw = np.asarray(m._data[0], dtype=np.int64)
            id_chunks.append(raw if m._byteids else np.cumsum(raw))
            if weights:
                w = m._data[1]
                if w is None or isinstance(w, float):
                    w_chunks.append(np.full(len(raw), 1.0 if w is None else w))
                else:
                    w_chunks.append(np.asarray(w, dtype=np.float64))
            if m._lastblock:
                break
            m._goto(m._nextoffset)
        return np.concatenate(id_chunks), np.concatenate(w_chunks) if weights else None
    if not weights:
        return np.fromiter(m.all_ids(), dtype=np.int64), None
    ids, ws = [], []
    while m.is_active():
        ids.append(m.id())
        if weights:
            ws.append(m.weight())
        m.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(ws, dtype=np.float64) if weights else None


class PostingsCache:
    """Decoded postings (local docnums, weights) of recently used terms, per immutable segment, LRU-bounded.

    Why: decoding a Whoosh posting block unpickles its positions too, so a term in 40% of 100,000 articles costs
    ~100 ms to read; news queries repeat the same few thousand terms. Segments never change once written, so an
    entry keyed by segment id is valid for as long as the segment exists.
    """

    def __init__(self, budget=8_000_000, hot=None):
        self.hot = hot        # search.hotpostings.HotPostings: frequent terms decoded ahead of time
        self.budget = budget  # postings kept (8 bytes each: int32 docnum + float32 weight)
        self.size = 0
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def get(self, reader, fieldname, btext):
        segid = reader.segment().segment_id()
        if self.hot is not None:
            got = self.hot.lookup(segid, fieldname, btext)
            if got is not None:
                return got
        key = (segid, fieldname, btext)
        with self._lock:
            got = self._items.get(key)
            if got is not None:
                self._items.move_to_end(key)
                return got
        ids, ws = postings(reader, fieldname, btext)
        got = (ids.astype(np.int32), ws.astype(np.float32))
        if len(ids) <= self.budget // 4:
            with self._lock:
                if key not in self._items:
                    self._items[key] = got
                    self.size += len(ids)
                while self.size > self.budget and self._items:
                    _, (old, _) = self._items.popitem(last=False)
                    self.size -= len(old)
        return got


class DocSets:
    """Evaluates queries to bool masks over one searcher's global docnums, using its IndexColumns."""

    def __init__(self, searcher, columns, cache: PostingsCache | None = None):
        self.searcher = searcher
        self.columns = columns
        self.leaves = searcher.leaf_searchers()
        self.n = columns.doc_count
        self._terms = {}     # (field, text) -> mask: the all-words and any-word queries share their terms
        self._postings = {}  # (field, text) -> (global docnums, weights), for scoring
        self._generic_cache = {}
        self._cache = cache

    def all(self) -> np.ndarray:
        return self.columns.live.copy()

    def none(self) -> np.ndarray:
        return np.zeros(self.n, dtype=bool)

    def of(self, q) -> np.ndarray:
        return self._eval(q) & self.columns.live

    def _eval(self, q) -> np.ndarray:
        if isinstance(q, wq.Term):
            return self._term(q.fieldname, q.text)
        if isinstance(q, wq.Every):
            return self.all()
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return self.none()
        if isinstance(q, wq.AndNot):
            return self._eval(q.a) & ~self._eval(q.b)
        if isinstance(q, wq.Not):
            return ~self._eval(q.query)
        if isinstance(q, wq.And):
            mask = self.all()
            for sub in q.subqueries:
                mask &= self._eval(sub)
            return mask
        if isinstance(q, wq.Or) and not isinstance(q, wq.DisjunctionMax):
            mask = self.none()
            for sub in q.subqueries:
                mask |= self._eval(sub)
            return mask
        if isinstance(q, wq.DateRange) and q.fieldname == "date":
            return self._dates(q)
        if isinstance(q, wq.Phrase):
            return self._phrase(q)
        return self._generic(q)

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
        lo = _days(q.startdate) if q.startdate is not None else None
        hi = _days(q.enddate) if q.enddate is not None else None
        mask = dates > np.iinfo(np.int64).min
        if lo is not None:
            mask &= dates >= lo
        if hi is not None:
            mask &= dates <= hi
        return mask

    def _phrase(self, q) -> np.ndarray:
        """Exact phrase: candidates are the documents with every word (numpy), then positions are compared for
        those only. Same answer as Whoosh's SpanNear2 (ordered, adjacent) without building Span objects."""
        key = repr(q)
        cached = self._generic_cache.get(key)
        if cached is not None:
            return cached.copy()
        field = self.searcher.schema[q.fieldname] if q.fieldname in self.searcher.schema else None
        if (field is None or q.slop != 1 or len(q.words) < 2 or not field.format
                or not field.format.supports("positions")):
            return self._generic(q)
        candidates = self.all()
        for word in q.words:
            candidates &= self._term(q.fieldname, word)
        mask = self.none()
        btexts = [field.to_bytes(w) for w in q.words]
        decode = _fast_positions if type(field.format) is formats.Positions else field.format.decode_positions
        for leaf, offset in self.leaves:
            reader = leaf.reader()
            local = np.flatnonzero(candidates[offset:offset + reader.doc_count_all()]).tolist()
            if not local:
                continue
            values = [_values_for(reader, q.fieldname, bt, local) for bt in btexts]
            for doc in local:
                # Shift each word's positions back by its place in the phrase: a phrase starts where all agree.
                starts = set(decode(values[0][doc]))
                for i, v in enumerate(values[1:], 1):
                    starts.intersection_update(p - i for p in decode(v[doc]))
                    if not starts:
                        break
                if starts:
                    mask[offset + doc] = True
        self._generic_cache[key] = mask.copy()
        return mask

    def _generic(self, q) -> np.ndarray:
        key = repr(q)  # phrases are checked position by position: once per search, shared with scoring
        cached = self._generic_cache.get(key)
        if cached is not None:
            return cached.copy()
        mask = self.none()
        for leaf, offset in self.leaves:
            try:
                m = q.matcher(leaf)
            except Exception:
                continue
            ids = np.fromiter(m.all_ids(), dtype=np.int64)
            if len(ids):
                mask[ids + offset] = True
        self._generic_cache[key] = mask.copy()
        return mask


def _fast_positions(value: bytes):
    """whoosh.formats.Positions.decode_positions with the delta sum in C (itertools.accumulate)."""
    if not value.endswith(b"."):
        value += b"."
    return accumulate(pickle.loads(value[4:]))


def _values_for(reader, fieldname, btext, docs):
    """{docnum: encoded posting value} of one term for the given sorted local docnums (all contain the term).

    Block by block: a block is decoded only if a wanted document falls in its id range (its header gives the
    last id), and the wanted ones are found in it with a binary search, not by stepping through every posting.
    """
    m = reader.postings(fieldname, btext)
    out = {}
    if isinstance(m, W3LeafMatcher):
        wanted = np.asarray(docs, dtype=np.int64)
        low = -1  # ids in this block are greater than the previous block's last id
        while True:
            lo, hi = np.searchsorted(wanted, [low + 1, m._maxid + 1])
            if hi > lo:
                if m._data is None:
                    m._read_data()
                raw = np.asarray(m._data[0], dtype=np.int64)
                ids = raw if m._byteids else np.cumsum(raw)
                want = wanted[lo:hi]
                pos = np.minimum(np.searchsorted(ids, want), len(ids) - 1)
                hit = ids[pos] == want
                values = m._data[2]
                for doc, p in zip(want[hit].tolist(), pos[hit].tolist()):
                    out[doc] = values[p]
            if m._lastblock:
                break
            low = m._maxid
            m._goto(m._nextoffset)
        return out
    for doc in docs:
        if not m.is_active():
            break
        m.skip_to(doc)
        if m.is_active() and m.id() == doc:
            out[doc] = m.value()
    return out


def _days(dt) -> int:
    if isinstance(dt, datetime.datetime):
        dt = dt.date()
    return (dt - datetime.date(1, 1, 1)).days
