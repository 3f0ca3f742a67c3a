"""Facet and date columns as numpy arrays, built once per index segment and reused while the segment lives.

Why: Whoosh's ``groupedby`` walks every matching document in Python and costs hundreds of milliseconds at 20,000
articles. Here each facet field is read once per segment (its terms and their postings) into two parallel int32
arrays ``docs``/``values`` (one pair per document-value), so counting a matching document set is one numpy
gather plus one ``np.bincount``. Segments are immutable in Whoosh, so the per-segment arrays are cached by
segment id; a new commit only adds the new segments' arrays (deletions are applied through the ``live`` mask).
"""

import os
import threading
from dataclasses import dataclass

import numpy as np

from search.core.facets import FACET_FIELDS  # facet name -> document field, declared once in the core
from search.whoosh_backend.internals import field_lengths, field_postings

DAY_USECS = 86_400 * 1_000_000
NO_DATE = np.iinfo(np.int64).min  # sorts before every real date


@dataclass
class SegmentColumns:
    """Arrays for one segment, docnums local to it, values as strings local to it."""
    doc_count: int
    dates: np.ndarray                       # int64 days since 0001-01-01, NO_DATE where unknown
    lengths: np.ndarray                     # float64 length of ``content`` as Whoosh's scorer sees it
    facets: dict                            # facet -> (values: list[str], docs: int32, value_ids: int32)
    ids: np.ndarray                         # article id of each docnum (str), "" for none


@dataclass
class FacetColumn:
    values: list            # value id -> value string
    ids: dict               # value string -> value id
    docs: np.ndarray        # global docnum of each (doc, value) pair
    value_ids: np.ndarray   # value id of each pair

    def counts(self, mask: np.ndarray) -> np.ndarray:
        """How many documents in ``mask`` (bool over all docnums) carry each value."""
        return np.bincount(self.value_ids[mask[self.docs]], minlength=len(self.values))

    def docs_with(self, values) -> np.ndarray:
        """Bool mask of the documents carrying any of ``values`` (multi-select within a facet is OR)."""
        wanted = np.zeros(len(self.values) + 1, dtype=bool)
        for v in values:
            if v in self.ids:
                wanted[self.ids[v]] = True
        mask = np.zeros(self.doc_count, dtype=bool)
        mask[self.docs[wanted[self.value_ids]]] = True
        return mask

    doc_count: int = 0


class IndexColumns:
    """The columns of one searcher (all its segments, global docnums)."""

    def __init__(self, searcher, cache: "SegmentCache"):
        leaves = searcher.reader().leaf_readers()
        self.doc_count = searcher.doc_count_all()
        self.live = np.ones(self.doc_count, dtype=bool)
        self.dates = np.full(self.doc_count, NO_DATE, dtype=np.int64)
        self.lengths = np.zeros(self.doc_count, dtype=np.float64)
        parts, ids = [], []
        for reader, offset in leaves:
            seg = cache.get(reader)
            parts.append((seg, offset))
            self.dates[offset:offset + seg.doc_count] = seg.dates
            self.lengths[offset:offset + seg.doc_count] = seg.lengths
            ids.append(seg.ids)
            if reader.has_deletions():
                local = np.zeros(seg.doc_count, dtype=bool)
                local[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
                self.live[offset:offset + seg.doc_count] = local
        self.facets = {name: _merge(name, parts, self.doc_count) for name in FACET_FIELDS}
        # Article ids by docnum: ties in ranking break by id, so any number of shards gives one order.
        self.ids = np.concatenate(ids) if ids else np.zeros(0, dtype="<U1")


def _merge(name, parts, doc_count) -> FacetColumn:
    values, ids, docs, value_ids = [], {}, [], []
    for seg, offset in parts:
        seg_values, seg_docs, seg_ids = seg.facets[name]
        remap = np.empty(len(seg_values), dtype=np.int32)
        for i, v in enumerate(seg_values):
            if v not in ids:
                ids[v] = len(values)
                values.append(v)
            remap[i] = ids[v]
        docs.append(seg_docs + offset)
        value_ids.append(remap[seg_ids] if len(seg_ids) else seg_ids)
    col = FacetColumn(values, ids,
                      np.concatenate(docs).astype(np.int32) if docs else np.zeros(0, np.int32),
                      np.concatenate(value_ids).astype(np.int32) if value_ids else np.zeros(0, np.int32))
    col.doc_count = doc_count
    return col


class SegmentCache:
    """Segment id -> SegmentColumns, in memory and on disk.

    Reading a segment's facet terms costs ~0.5 s per 5,000 articles (one Whoosh term lookup per person name), so
    the arrays of each segment are also saved as ``<cache_dir>/<segment id>.columns.npz``: a restarted server, or a new
    engine opened after a commit, reads them back in milliseconds and computes only the new segments. Segments are
    immutable, so an entry never goes stale; files of merged-away segments are removed on refresh. A cache folder
    that cannot be written is simply not used.
    """

    def __init__(self, cache_dir=None):
        self._lock = threading.Lock()
        self._segments = {}
        self.cache_dir = cache_dir

    def get(self, reader) -> SegmentColumns:
        key = reader.segment().segment_id()
        with self._lock:
            seg = self._segments.get(key)
        if seg is None:
            seg = self._load(key)
            if seg is None:
                seg = _read_segment(reader)
                self._save(key, seg)
            with self._lock:
                self._segments[key] = seg
        return seg

    def keep_only(self, readers):
        keys = {r.segment().segment_id() for r, _ in readers}
        with self._lock:
            for key in list(self._segments):
                if key not in keys:
                    del self._segments[key]
        if self.cache_dir and os.path.isdir(self.cache_dir):
            for name in os.listdir(self.cache_dir):
                if name.endswith(_SUFFIX) and name[: -len(_SUFFIX)] not in keys:
                    _remove(os.path.join(self.cache_dir, name))

    def _path(self, key):
        return os.path.join(self.cache_dir, key + _SUFFIX) if self.cache_dir else None

    def _load(self, key):
        path = self._path(key)
        if not path or not os.path.exists(path):
            return None
        try:
            with np.load(path, allow_pickle=False) as z:
                facets = {name: (z[f"{name}.values"].tolist(), z[f"{name}.docs"], z[f"{name}.ids"])
                          for name in FACET_FIELDS}
                return SegmentColumns(int(z["doc_count"]), z["dates"], z["lengths"], facets, z["article_ids"])
        except Exception:  # a damaged or old cache file is recomputed
            return None

    def _save(self, key, seg):
        path = self._path(key)
        if not path:
            return
        arrays = {"doc_count": np.array(seg.doc_count), "dates": seg.dates, "lengths": seg.lengths,
                  "article_ids": seg.ids}
        for name, (values, docs, ids) in seg.facets.items():
            arrays[f"{name}.values"] = np.array(values, dtype=str) if values else np.zeros(0, dtype="<U1")
            arrays[f"{name}.docs"] = docs
            arrays[f"{name}.ids"] = ids
        tmp = f"{path}.{os.getpid()}.{threading.get_ident()}.tmp"
        try:
            os.makedirs(self.cache_dir, exist_ok=True)
            with open(tmp, "wb") as f:
                np.savez(f, **arrays)
            os.replace(tmp, path)
        except OSError:  # read-only index folder: keep the columns in memory only
            _remove(tmp)


_SUFFIX = ".columns.npz"


def _remove(path):
    try:
        os.remove(path)
    except OSError:
        pass


def _read_segment(reader) -> SegmentColumns:
    n = reader.doc_count_all()
    facets = {}
    for name, fieldname in FACET_FIELDS.items():
        values, docs, value_ids = [], [], []
        if fieldname in reader.schema:
            field = reader.schema[fieldname]
            for btext, ids in field_postings(reader, fieldname):
                value_ids.append(np.full(len(ids), len(values), dtype=np.int32))
                docs.append(ids.astype(np.int32))
                values.append(field.from_bytes(btext))
        facets[name] = (values,
                        np.concatenate(docs) if docs else np.zeros(0, np.int32),
                        np.concatenate(value_ids) if value_ids else np.zeros(0, np.int32))
    return SegmentColumns(n, _read_dates(reader, n), field_lengths(reader, n), facets, _read_ids(reader, n))


def _read_ids(reader, n) -> np.ndarray:
    """The article id of every docnum, from the id field's term table (one walk, no stored-field reads)."""
    found = [""] * n
    for btext, ids in field_postings(reader, "id"):
        value = btext.decode("utf-8", "replace")
        for doc in ids.tolist():
            found[doc] = value
    return np.array(found, dtype=str) if n else np.zeros(0, dtype="<U1")


def _read_dates(reader, n) -> np.ndarray:
    dates = np.full(n, NO_DATE, dtype=np.int64)
    if "date" not in reader.schema or not reader.has_column("date"):
        return dates
    col = reader.column_reader("date", translate=False)
    # Integer arithmetic: the raw values (microseconds since year 1) exceed float64 precision. A missing date is
    # stored as the column default (the int64 maximum).
    for i in range(n):
        raw = col[i]
        if isinstance(raw, int) and 0 < raw < 2 ** 62:
            dates[i] = raw // DAY_USECS
    return dates
