"""Every use of Whoosh's private codec objects, in one place, behind a version check.

Why private objects at all: Whoosh hands out postings one at a time from Python (about 1 µs each) and looks terms
up one by one (about 100 µs each). Reading whole posting blocks, walking a field's term table in order and loading
the field-length column as bytes make postings, facet columns and BM25 lengths 10-100x cheaper. These objects are
stable within Whoosh 2.7 (``whoosh-reloaded==2.7.5``, the pinned version); with any other version ``FAST`` is
False and every function here takes the public, slower path, with the same results.
"""

import numpy as np
import whoosh

TESTED_VERSIONS = {(2, 7, 5)}
FAST = tuple(whoosh.__version__[:3]) in TESTED_VERSIONS

if FAST:
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
else:  # pragma: no cover - only with an untested Whoosh
    LENGTHS_COLUMN = W3LeafMatcher = None


def matcher_postings(m, weights=True):
    """(docnums int64, weights float64 or None) of a leaf posting matcher, a whole block at a time when possible."""
    if FAST and isinstance(m, W3LeafMatcher):
        # Whole blocks (_read_data/_goto/_lastblock), not one id at a time; ids are stored delta-encoded unless
        # _byteids, so a cumulative sum decodes a block. Weights: an array, one float for the block, or None (1.0).
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
        ws.append(m.weight())
        m.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(ws, dtype=np.float64)


def field_terms(reader, fieldname):
    """Yield ``(term bytes, doc frequency, matcher factory)`` for every term of a field in one segment, walking
    the term table once (facet fields have a term per person name: per-term look-ups would cost seconds)."""
    try:
        if not FAST:
            raise AttributeError
        terms = reader._terms
        codec, postfile = terms._codec, terms._postfile
        fmt = reader.schema[fieldname].format
        items = terms.items_from(fieldname, b"")
    except AttributeError:
        for btext in reader.lexicon(fieldname):
            yield btext, reader.doc_frequency(fieldname, btext), (lambda b=btext: reader.postings(fieldname, b))
        return
    for (fn, btext), info in items:
        if fn != fieldname:
            break
        yield btext, info.doc_frequency(), _factory(codec, postfile, info, fmt)


def _factory(codec, postfile, info, fmt):
    # The codec's postings_reader also serves inlined posting lists (a rare term kept in the term table itself).
    return lambda: codec.postings_reader(postfile, info, fmt)


def field_postings(reader, fieldname):
    """Yield ``(term bytes, local docnums)`` for every term of a field in one segment."""
    for btext, _, make in field_terms(reader, fieldname):
        yield btext, matcher_postings(make(), weights=False)[0]


def field_lengths(reader, n, fieldname="content") -> np.ndarray:
    """Per-document field lengths, decoded from Whoosh's one-byte encoding exactly as its BM25 scorer does."""
    from whoosh.util.numeric import byte_to_length

    table = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
    codes = None
    if FAST:
        try:
            raw = reader._perdoc.column_reader(f"_{fieldname}_len", LENGTHS_COLUMN).load()
            codes = np.frombuffer(bytes(raw), dtype=np.uint8)[:n]
        except Exception:  # another codec: ask per document (slower, once per segment)
            codes = None
    if codes is None or len(codes) != n:
        return np.array([reader.doc_field_length(i, fieldname) or 0 for i in range(n)], dtype=np.float64)
    return table[codes]


def posting_values(reader, fieldname, btext, docs):
    """``{docnum: encoded posting value}`` of one term for the given sorted local docnums (all hold the term).

    Block by block: a block is decoded only if a wanted document falls in its id range (its header gives the last
    id), and the wanted ones are found in it with a binary search, not by stepping through every posting.
    """
    m = reader.postings(fieldname, btext)
    out = {}
    if FAST and isinstance(m, W3LeafMatcher):
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
