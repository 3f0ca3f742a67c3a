"""Decoded postings of the frequent ``content`` terms of each segment, built in the background and saved.

Why: Whoosh stores a posting block as one pickled tuple with the positions inside, so reading a term found in
35,000 of 100,000 articles costs ~100-300 ms the first time, whatever the query needs. Frequent terms are the
expensive ones and also the ones queries and feedback expansions keep using. For each segment, the postings of
every term in at least ``MIN_DF`` of its articles are decoded once (in a background thread, with its own reader)
into four flat numpy arrays and saved as ``<cache_dir>/<segment id>.postings.npz``; later engines load them in
milliseconds. Segments are immutable, so the files never go stale. Rare terms are cheap to read and stay on the
normal path (search.docsets). The file also keeps the segment's whole ``content`` vocabulary with document
frequencies, which did-you-mean probes hundreds of times per misspelled word.
"""

import os
import threading

import numpy as np

FIELD = "content"
MIN_DF = 64           # half a Whoosh posting block: below this a cold read is already cheap
_SUFFIX = ".postings.npz"


class HotPostings:
    def __init__(self, cache_dir):
        self.cache_dir = cache_dir
        self._lock = threading.Lock()
        self._segments = {}   # segment id -> (term -> (start, end), ids int32, weights float32)
        self._vocab = {}      # segment id -> {term bytes: doc frequency} of every content term
        self._thread = None

    def lookup(self, segid, fieldname, btext):
        """(local docnums, weights) of a frequent term, or None when not (yet) available."""
        if fieldname != FIELD:
            return None
        seg = self._segments.get(segid)
        if seg is None:
            return None
        terms, ids, weights = seg
        span = terms.get(btext)
        if span is None:
            return None
        return ids[span[0]:span[1]], weights[span[0]:span[1]]

    def doc_frequency_fn(self, segids):
        """A fast ``term -> doc frequency`` over the given segments (dict look-ups, for did-you-mean's hundreds
        of candidates), or None until every one of them is loaded."""
        vocabs = [self._vocab.get(s) for s in segids]
        if any(v is None for v in vocabs):
            return None

        def df(term: str) -> int:
            key = term.encode("utf-8")
            return sum(v.get(key, 0) for v in vocabs)
        return df

    def fill_async(self, ix):
        """Load or build the arrays of every segment of ``ix`` not held yet, in a daemon thread."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return self._thread
            self._thread = threading.Thread(target=self.fill, args=(ix,), name="hot-postings", daemon=True)
            self._thread.start()
            return self._thread

    def wait(self, timeout=None):
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def fill(self, ix):
        try:
            with ix.reader() as reader:
                for leaf, _ in reader.leaf_readers():
                    segid = leaf.segment().segment_id()
                    if segid in self._segments:
                        continue
                    got = self._load(segid) or self._build(leaf, segid)
                    with self._lock:
                        self._segments[segid] = got[:3]
                        self._vocab[segid] = got[3]
        except Exception:  # an optimization only: searches read postings the normal way meanwhile
            return

    def save_missing(self, leaf) -> bool:
        """Decode and save the arrays of one segment unless its file exists (the indexer, after its last commit:
        the first server then loads them in milliseconds instead of decoding for tens of seconds beside its first
        searches). True when a file was written."""
        segid = leaf.segment().segment_id()
        path = self._path(segid)
        if not path or os.path.exists(path):
            return False
        self._build(leaf, segid)
        return True

    def _path(self, segid):
        return os.path.join(self.cache_dir, segid + _SUFFIX) if self.cache_dir else None

    def _load(self, segid):
        path = self._path(segid)
        if not path or not os.path.exists(path):
            return None
        try:
            with np.load(path, allow_pickle=False) as z:
                names, offsets = z["terms"], z["offsets"]
                terms = {bytes(t): (int(offsets[i]), int(offsets[i + 1])) for i, t in enumerate(names)}
                vocab = dict(zip(z["vocab"].tolist(), z["vocab_df"].tolist()))
                return terms, z["ids"], z["weights"], vocab
        except Exception:
            return None

    def _build(self, reader, segid):
        from search.whoosh_backend.internals import field_terms, matcher_postings

        names, offsets, id_parts, w_parts, total = [], [0], [], [], 0
        vocab = {}
        for btext, df, make in field_terms(reader, FIELD):
            vocab[btext] = df
            if df < MIN_DF:
                continue
            ids, ws = matcher_postings(make())
            names.append(btext)
            id_parts.append(ids.astype(np.int32))
            w_parts.append(ws.astype(np.float32))
            total += len(ids)
            offsets.append(total)
        ids = np.concatenate(id_parts) if id_parts else np.zeros(0, np.int32)
        weights = np.concatenate(w_parts) if w_parts else np.zeros(0, np.float32)
        # Half the memory where nothing is lost: docnums of a segment under 65,536 articles fit in uint16, and
        # term frequencies (whole numbers up to 2,048) are exact in float16.
        if reader.doc_count_all() <= np.iinfo(np.uint16).max + 1:
            ids = ids.astype(np.uint16)
        if len(weights) and weights.max() <= 2048 and np.array_equal(weights, np.round(weights)):
            weights = weights.astype(np.float16)
        terms = {t: (offsets[i], offsets[i + 1]) for i, t in enumerate(names)}
        self._save(segid, names, np.asarray(offsets, dtype=np.int64), ids, weights, vocab)
        return terms, ids, weights, vocab

    def _save(self, segid, names, offsets, ids, weights, vocab):
        path = self._path(segid)
        if not path:
            return
        tmp = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(self.cache_dir, exist_ok=True)
            with open(tmp, "wb") as f:
                np.savez(f, terms=np.array(names, dtype=bytes) if names else np.zeros(0, dtype="S1"),
                         offsets=offsets, ids=ids, weights=weights,
                         vocab=np.array(list(vocab), dtype=bytes) if vocab else np.zeros(0, dtype="S1"),
                         vocab_df=np.array(list(vocab.values()), dtype=np.int32))
            os.replace(tmp, path)
        except OSError:
            try:
                os.remove(tmp)
            except OSError:
                pass

    def keep_only(self, segids):
        with self._lock:
            for segid in list(self._segments):
                if segid not in segids:
                    del self._segments[segid]
                    self._vocab.pop(segid, None)
        if self.cache_dir and os.path.isdir(self.cache_dir):
            for name in os.listdir(self.cache_dir):
                if name.endswith(_SUFFIX) and name[: -len(_SUFFIX)] not in segids:
                    try:
                        os.remove(os.path.join(self.cache_dir, name))
                    except OSError:
                        pass
