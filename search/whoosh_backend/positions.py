"""Exact phrases on word positions, in numpy: which candidate documents hold the words side by side, in order.

Why: a phrase of common words ("تیم ملی") has tens of thousands of candidate documents per shard (all holding
every word), and Whoosh stores each posting's positions as a small pickle inside a pickled block. Comparing them
one document at a time in Python was most of a phrase query's time, and reading the blocks the rest. Here every
position becomes a key ``docnum << 32 | position - place`` (its word's place in the phrase); the keys are sorted,
so the documents where every word has a common key are found with binary searches in numpy. The positions of a
word that most of its blocks are needed for are decoded whole, once, and kept (LRU, bounded): news queries repeat
the same common words, and segments never change once written.
"""

import numpy as np

from search.whoosh_backend.internals import block_values, decoded_positions, posting_values
from search.whoosh_backend.lru import SizedLRU

WHOLE_TERM_SHARE = 8  # decode a word whole when the candidates are at least 1/8 of its documents


class PositionsCache(SizedLRU):
    """``(segment id, field, term) -> (docnum per position, position)``, int32 both, at most ``budget``
    positions (8 bytes each)."""

    def __init__(self, budget=24_000_000):
        super().__init__(budget)


def term_positions(reader, fmt, fieldname, btext) -> tuple[np.ndarray, np.ndarray]:
    """Every position of a term in one segment: ``(docnum per position, position)``, sorted by both."""
    id_parts, values = [], []
    for ids, vals in block_values(reader.postings(fieldname, btext)):
        id_parts.append(ids)
        values.extend(vals)
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
            found = keys[_among(owners[keep], docs)]
        else:
            found = found[_among(found, keys)]
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


def _among(values, sorted_pool) -> np.ndarray:
    """Which of ``values`` are in the sorted array ``sorted_pool`` (a bool mask; binary searches in numpy)."""
    if len(sorted_pool) == 0:
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_pool, values), len(sorted_pool) - 1)
    return sorted_pool[at] == values
