"""Every use of Whoosh's private codec objects, in one place, behind a version check.

Why private objects at all: Whoosh hands out postings one at a time from Python (about 1 µs each) and looks terms
up one by one (about 100 µs each). Reading whole posting blocks, walking a field's term table in order and loading
the field-length column as bytes make postings, facet columns and BM25 lengths 10-100x cheaper. These objects are
stable within Whoosh 2.7 (``whoosh-reloaded==2.7.5``, the pinned version); with any other version ``FAST`` is
False and every function here takes the public, slower path, with the same results.
"""

from itertools import chain
from operator import itemgetter
from pickle import loads

import numpy as np
import whoosh
from whoosh.formats import Positions

TESTED_VERSIONS = {(2, 7, 5)}
FAST = tuple(whoosh.__version__[:3]) in TESTED_VERSIONS

if FAST:
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
else:  # pragma: no cover - only with an untested Whoosh
    LENGTHS_COLUMN = W3LeafMatcher = None


def matcher_postings(m, weights=True):
    """(docnums int64, weights float64 or None) of a leaf posting matcher, a whole block at a time when possible."""
    if FAST and isinstance(m, W3LeafMatcher):
        # Whole blocks, not one id at a time. Weights: an array, one float for the block, or None (1.0).
        id_chunks, w_chunks = [], []
        for ids, data in _w3_blocks(m):
            id_chunks.append(ids)
            if weights:
                w = data[1]
                if w is None or isinstance(w, float):
                    w_chunks.append(np.full(len(ids), 1.0 if w is None else w))
                else:
                    w_chunks.append(np.asarray(w, dtype=np.float64))
        return np.concatenate(id_chunks), np.concatenate(w_chunks) if weights else None
    if not weights:
        return np.fromiter(m.all_ids(), dtype=np.int64), None
    ids, ws = [], []
    while m.is_active():
        ids.append(m.id())
        ws.append(m.weight())
        m.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(ws, dtype=np.float64)


def _w3_blocks(m):
    """Yield ``(docnums int64, the block's data tuple: ids, weights, values)`` of a W3 leaf matcher, reading
    whole blocks (_read_data/_goto/_lastblock); ids are stored delta-encoded unless _byteids."""
    while True:
        if m._data is None:
            m._read_data()
        raw = np.asarray(m._data[0], dtype=np.int64)
        yield (raw if m._byteids else np.cumsum(raw)), m._data
        if m._lastblock:
            return
        m._goto(m._nextoffset)


def block_values(m):
    """Yield ``(docnums int64, encoded values)`` of a leaf posting matcher, a whole block at a time when possible."""
    if FAST and isinstance(m, W3LeafMatcher):
        for ids, data in _w3_blocks(m):
            yield ids, data[2]
        return
    ids, values = [], []
    while m.is_active():
        ids.append(m.id())
        values.append(m.value())
        m.next()
    yield np.asarray(ids, dtype=np.int64), values


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


def posting_values(reader, fieldname, btext, docs) -> list:
    """The encoded posting values of one term for the given sorted local docnums, in their order (every one of
    them must hold the term: a missing one raises ``LookupError``).

    Block by block: a block is decoded only if a wanted document falls in its id range (its header gives the last
    id), and the wanted ones are found in it with a binary search, not by stepping through every posting.
    """
    m = reader.postings(fieldname, btext)
    out = []
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
                if not np.array_equal(ids[pos], want):
                    raise LookupError(f"{fieldname}:{btext!r}: a wanted document does not hold the term")
                values = m._data[2]
                out += [values[p] for p in pos.tolist()]
            if m._lastblock or hi == len(wanted):
                break
            low = m._maxid
            m._goto(m._nextoffset)
        if len(out) != len(wanted):
            raise LookupError(f"{fieldname}:{btext!r}: a wanted document does not hold the term")
        return out
    for doc in docs:
        if m.is_active():
            m.skip_to(doc)
        if not m.is_active() or m.id() != doc:
            raise LookupError(f"{fieldname}:{btext!r}: document {doc} does not hold the term")
        out.append(m.value())
    return out


def decoded_positions(fmt, values) -> tuple[np.ndarray, np.ndarray]:
    """``(counts, positions)`` of encoded posting values: how many positions each value holds (int64) and all of
    them, value after value (int64, increasing within a value).

    Why: a phrase over common words compares the positions of tens of thousands of documents; decoding them one
    value at a time (``fmt.decode_positions``: a pickle load and a Python loop each) was most of a phrase query's
    time. A ``Positions`` value is a 4-byte big-endian count and a protocol-2 pickle of the position deltas; the
    pickles' bodies are joined into one pickle of a list of lists, loaded by one call, and summed in numpy. Any
    value not of that layout (another format or Whoosh version) is decoded by the format itself.
    """
    lists = None
    if FAST and type(fmt) is Positions and values:
        try:
            head = itemgetter(slice(0, 4))
            counts = np.frombuffer(b"".join(map(head, values)), dtype=">u4").astype(np.int64)
            body = itemgetter(slice(6, -1))  # without the count, the protocol header and the STOP opcode
            lists = loads(b"\x80\x02(" + b"".join(map(body, values)) + b"l.")
            if len(lists) != len(values) or not np.array_equal(np.fromiter(map(len, lists), np.int64,
                                                                            len(lists)), counts):
                lists = None
        except Exception:  # not this layout: the format's own decoder below
            lists = None
    if lists is None:
        decoded = [fmt.decode_positions(v) for v in values]
        counts = np.fromiter(map(len, decoded), np.int64, len(decoded))
        flat = np.fromiter(chain.from_iterable(decoded), np.int64, int(counts.sum()))
        return counts, flat
    deltas = np.fromiter(chain.from_iterable(lists), np.int64, int(counts.sum()))
    sums = np.cumsum(deltas)
    starts = np.cumsum(counts) - counts
    before = np.concatenate(([0], sums))[starts]  # the running sum where each value's deltas begin
    return counts, sums - np.repeat(before, counts)
