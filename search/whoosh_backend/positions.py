"""Exact phrases on word positions, in numpy: which candidate documents hold the words side by side, in order.

Why: a phrase of common words ("تیم ملی") has tens of thousands of candidate documents per shard (all holding
every word), and Whoosh stores each posting's positions as a small pickle inside a pickled block. Comparing them
one document at a time in Python was most of a phrase query's time, and reading the blocks the rest. Here every
position becomes a key ``docnum << 32 | position - place`` (its word's place in the phrase); the keys are sorted,
so the documents where every word has a common key are found with binary searches in numpy. The positions of a
word that most of its blocks are needed for are decoded whole, once, and kept (LRU, bounded): news queries repeat
the same common words, and segments never change once written.
"""

import threading
from collections import OrderedDict

import numpy as np

from search.whoosh_backend.internals import block_values, decoded_positions, posting_values

WHOLE_TERM_SHARE = 8  # decode a word whole when the candidates are at least 1/8 of its documents


class PositionsCache:
    """``(segment id, field, term) -> (docnum per position, position)``, int32, at most ``budget`` positions."""

    def __init__(self, budget=24_000_000):
        self.budget = budget
        self.size = 0
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            got = self._items.get(key)
            if got is not None:
                self._items.move_to_end(key)
            return got

    def put(self, key, value):
        n = len(value[0])
        if n > self.budget // 4:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self.size += n
            while self.size > self.budget and self._items:
                _, (old, _) = self._items.popitem(last=False)
                self.size -= len(old)


def term_positions(reader, fmt, fieldname, btext) -> tuple[np.ndarray, np.ndarray]:
    """Every position of a term in one segment: ``(docnum per position, position)``, sorted by both."""
    id_parts, values = [], []
    for ids, vals in block_values(reader.postings(fieldname, btext)):
        id_parts.append(ids)
        values += vals
    counts, positions = decoded_positions(fmt, values)
    ids = np.concatenate(id_parts) if id_parts else np.zeros(0, np.int64)
    return np.repeat(ids, counts).astype(np.int32), positions.astype(np.int32)


def phrase_docs(fmt, reader, fieldname, btexts, docs, doc_frequency, cache=None) -> np.ndarray:
    """The local docnums among ``docs`` (sorted, every one holding every word) where the words stand at
    consecutive positions in order. ``doc_frequency(btext)``: the word's documents in this segment."""
    docs = np.asarray(docs, dtype=np.int64)
    segid = reader.segment().segment_id() if reader.segment() is not None else None
    found = None
    for place, btext in enumerate(btexts):
        owners, positions = _word_positions(fmt, reader, fieldname, btext, docs, doc_frequency, cache, segid)
        keep = positions >= place  # a later word before the phrase's first position starts nothing
        keys = (owners[keep].astype(np.int64) << 32) + positions[keep] - place
        if found is None:
            # only the candidates' starts: a word decoded whole holds documents without the other words
            found = keys if len(keys) == 0 else keys[_among(owners[keep], docs)]
        elif len(keys) == 0:
            return np.zeros(0, dtype=np.int64)
        else:
            at = np.minimum(np.searchsorted(keys, found), len(keys) - 1)
            found = found[keys[at] == found]
        if len(found) == 0:
            break
    return np.unique(found >> 32)


def _word_positions(fmt, reader, fieldname, btext, docs, doc_frequency, cache, segid):
    key = (segid, fieldname, btext)
    if cache is not None and segid is not None:
        got = cache.get(key)
        if got is not None:
            return got
        if len(docs) * WHOLE_TERM_SHARE >= doc_frequency(btext):  # most of its blocks are read anyway
            got = term_positions(reader, fmt, fieldname, btext)
            cache.put(key, got)
            return got
    counts, positions = decoded_positions(fmt, posting_values(reader, fieldname, btext, docs))
    return np.repeat(docs, counts), positions


def _among(owners, docs) -> np.ndarray:
    """Which of the (sorted) ``owners`` are in the sorted ``docs``."""
    at = np.minimum(np.searchsorted(docs, owners), len(docs) - 1)
    return docs[at] == owners
