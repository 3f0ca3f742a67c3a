"""One Whoosh shard, open for searching: the shard side of the coordinator's protocol (``search.core.backend``).

Reader state (a Whoosh searcher per concurrent call, the numpy columns) belongs to one committed generation of
the shard. ``refresh()`` builds the state of a newer commit outside any lock and swaps it in; the previous state
stays usable for calls that name its generation (a request that started on it finishes on it) until the next swap
closes it. No lock is held across a call: calls take a searcher of their own from a small pool (Whoosh readers
seek shared file handles, so one searcher serves one call at a time).

Every call names the generation it works on; a call for a generation this shard no longer holds raises
``Stale`` and the coordinator starts the request again on the current one.
"""

import os
import queue
import threading
from collections import OrderedDict
from contextlib import contextmanager

import numpy as np

from whoosh import scoring

from search.core import ranking
from search.whoosh_backend import shard_search
from search.whoosh_backend.columns import IndexColumns, SegmentCache
from search.whoosh_backend.docsets import DocSets, PostingsCache
from search.whoosh_backend.hotpostings import HotPostings
from search.core.errors import IndexDamaged
from search.whoosh_backend.sink import open_shard_index

def weighting() -> scoring.BM25F:
    """Whoosh's BM25F with the project's parameters (what the numpy scorer computes; tests compare the two)."""
    return scoring.BM25F(B=ranking.B, K1=ranking.K1)


CACHE_DIR = ".search-columns"  # numpy columns and decoded postings per segment, beside the Whoosh files
MEMOS = 32                     # requests whose masks are kept between their phases


class Stale(RuntimeError):
    """The generation a call names is not held any more (a newer commit was swapped in)."""


class _State:
    def __init__(self, ix, segments: SegmentCache):
        self.generation = str(ix.latest_generation())
        self.ix = ix
        self._pool = queue.SimpleQueue()
        first = ix.searcher(weighting=weighting())
        self.leaves = first.reader().leaf_readers()
        self.has_segments = any(r.segment() is not None for r, _ in self.leaves)
        self.columns = IndexColumns(first, segments) if self.has_segments else None
        self.segment_ids = [r.segment().segment_id() for r, _ in self.leaves if r.segment() is not None]
        self.doc_count_all = first.doc_count_all()
        self.doc_count = first.doc_count()
        self.field_length = float(first.reader().field_length("content") or 0) if self.has_segments else 0.0
        self._all = [first]
        self._pool.put(first)
        self._lock = threading.Lock()

    @contextmanager
    def searcher(self):
        try:
            s = self._pool.get_nowait()
        except queue.Empty:
            s = self.ix.searcher(weighting=weighting())
            with self._lock:
                self._all.append(s)
        try:
            yield s
        finally:
            self._pool.put(s)

    def close(self):
        with self._lock:
            for s in self._all:
                try:
                    s.close()
                except Exception:
                    pass
            self._all = []


class ShardSearcher:
    def __init__(self, path: str, warm: bool = True):
        self.path = path
        self.warm = warm
        self.ix = open_shard_index(path)
        cache_dir = os.path.join(path, CACHE_DIR)
        self._segments = SegmentCache(cache_dir)
        self._hot = HotPostings(cache_dir)
        self._postings = PostingsCache(hot=self._hot)
        self._swap_lock = threading.Lock()
        self._states: OrderedDict = OrderedDict()  # generation -> _State, the newest last (at most two)
        self._memos: OrderedDict = OrderedDict()
        self._memo_lock = threading.Lock()
        self.damaged: str | None = None  # what the background check found (checksums); every call then fails
        self._verified: set[str] = set()  # segment files found equal to their checksums (not hashed again)
        # One checking thread at a time: a commit picked up while it runs asks it for one more pass, instead of
        # a second thread hashing the same unverified gigabytes beside it.
        self._verify_lock = threading.Lock()
        self._verify_state = "idle"  # idle, running, again
        try:
            self.refresh()
        except Exception as exc:  # damaged segment files: one line naming the shard, not a traceback
            raise IndexDamaged(os.path.dirname(path), f"shard {os.path.basename(path)}: "
                               f"{type(exc).__name__}: {exc}") from None

    # -- generations ----------------------------------------------------------------------------------------------

    def refresh(self) -> str:
        """Open the latest commit if it is newer than the current state; the current generation."""
        current = next(reversed(self._states.values()), None)
        latest = self.ix.latest_generation()
        if current is not None and str(latest) == current.generation:
            return current.generation
        state = _State(self.ix.refresh(), self._segments)  # built outside the lock: searches go on meanwhile
        with self._swap_lock:
            self._states[state.generation] = state
            while len(self._states) > 2:
                _, old = self._states.popitem(last=False)
                old.close()
        if state.has_segments:
            self._segments.keep_only(state.leaves)
            self._hot.keep_only(set(state.segment_ids))
            if self.warm:
                self._hot.fill_async(self.ix)
        if self.warm:  # a server: compare the segments with their checksums, in the background (a few s per GB)
            self._check_in_background()
        return state.generation

    def _check_in_background(self):
        with self._verify_lock:
            start = self._verify_state == "idle"
            self._verify_state = "running" if start else "again"
        if start:
            threading.Thread(target=self._verify_passes, name="bayegan-verify", daemon=True).start()

    def _verify_passes(self):
        try:  # the lowest CPU priority for this thread (Linux: a thread is a task): searches come first
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        except (AttributeError, OSError):
            pass
        while True:
            self._verify()
            with self._verify_lock:
                if self._verify_state == "running":
                    self._verify_state = "idle"
                    return
                self._verify_state = "running"  # a newer commit came meanwhile: one more pass

    def _verify(self):
        """Bytes changed on disk since they were written (checksums) make this shard refuse every call: the
        coordinator answers from the others with the ``shards_missing`` notice naming it, instead of serving what
        a damaged segment decodes to."""
        from search.whoosh_backend import checksums

        try:
            changed = checksums.mismatch(self.path, self._verified)
        except FileNotFoundError:
            return  # a commit replaced the TOC meanwhile: its refresh checks again
        except (OSError, ValueError) as exc:
            changed = f"its segments cannot be read ({type(exc).__name__})"
        except Exception:  # noqa: BLE001 - a TOC being replaced: the next refresh checks again
            return
        # Set or cleared by each check: a changed file that a later commit merged away is no longer this shard's.
        self.damaged = changed

    def _state(self, generation, answers: bool = True) -> _State:
        """The state of ``generation``; for a call that answers from the shard's data (``answers``), only while
        no damage was found (``info`` still answers: the coordinator's view of the index stays whole)."""
        if answers and self.damaged:
            raise IndexDamaged(os.path.dirname(self.path), f"shard {os.path.basename(self.path)}: {self.damaged}")
        state = self._states.get(generation) if generation is not None else next(reversed(self._states.values()))
        if state is None:
            raise Stale(generation)
        return state

    def wait_until_warm(self, timeout=None):
        self._hot.wait(timeout)

    def is_warm(self) -> bool:
        """Whether the frequent terms' postings of every segment are decoded (searches are then at full speed)."""
        state = next(reversed(self._states.values()))
        return self._hot.doc_frequency_fn(state.segment_ids) is not None

    def close(self):
        with self._swap_lock:
            for state in self._states.values():
                state.close()
            self._states.clear()

    # -- the protocol ---------------------------------------------------------------------------------------------

    def info(self, generation=None) -> dict:
        state = self._state(generation, answers=False)
        return {"generation": state.generation, "doc_count_all": state.doc_count_all,
                "doc_count": state.doc_count, "field_length": state.field_length,
                "segments": len(state.segment_ids)}

    def doc_frequencies(self, terms, generation=None) -> list[int]:
        """Documents (deleted or not, as Whoosh's idf counts them) holding each ranking-field term."""
        state = self._state(generation)
        if not state.has_segments:
            return [0] * len(terms)
        fast = self._hot.doc_frequency_fn(state.segment_ids)
        if fast is not None:
            return [fast(t) for t in terms]
        with state.searcher() as s:
            return [s.doc_frequency("content", t) for t in terms]

    def date_range(self, generation=None):
        """(first, last) days (ISO) of the live dated articles, or (None, None)."""
        state = self._state(generation)
        if not state.has_segments:
            return None, None
        return shard_search.date_range(state.columns)

    def facet_values(self, facet: str, generation=None) -> list[str]:
        """This shard's values of a facet, in its local order (the coordinator maps them to global ones)."""
        state = self._state(generation)
        return list(state.columns.facets[facet].values) if state.has_segments else []

    def facet_counts(self, facet: str, generation=None) -> np.ndarray:
        """Live documents per local value of a facet, over the whole shard."""
        state = self._state(generation)
        if not state.has_segments:
            return np.zeros(0, dtype=np.int64)
        return state.columns.facets[facet].counts(state.columns.live)

    def day_counts(self, generation=None) -> tuple:
        """Live articles per day over the whole shard (``shard_search.day_counts``): what a timeline is
        normalized by."""
        state = self._state(generation)
        if not state.has_segments:
            return shard_search.day_counts(None, None)
        return shard_search.day_counts(state.columns, state.columns.live)

    def match(self, token, plan, stats, generation=None):
        """Phase one of a search: every match, the facet counts, and the first candidates (see shard_search).
        With feedback the masks are kept under ``token`` for ``rank``."""
        state = self._state(generation)
        if not state.has_segments:
            return shard_search.empty_match(plan)
        memo = self._memo(token) if plan.feedback else {}
        with state.searcher() as s:
            return shard_search.match(self._docsets(s, state, memo), plan, stats, memo)

    def rank(self, token, plan, weighted_terms, stats, generation=None):
        """Phase two, with feedback: the candidates ranked by the expanded query (same token as ``match``; if
        its masks were dropped meanwhile, they are computed again)."""
        state = self._state(generation)
        memo = self._memo(token, pop=True)
        with state.searcher() as s:
            ds = self._docsets(s, state, memo)
            if "final" not in memo:
                shard_search.match(ds, plan, stats, memo)
            return shard_search.rank(ds, weighted_terms, stats, plan.k, memo)

    def doc_terms(self, docnums, generation=None) -> list:
        state = self._state(generation)
        with state.searcher() as s:
            return shard_search.doc_terms(s, docnums)

    def fetch(self, docnums, terms, generation=None) -> list[dict]:
        state = self._state(generation)
        with state.searcher() as s:
            return shard_search.fetch(s, docnums, terms)

    def passages(self, docnums, terms, generation=None) -> list[dict]:
        """Stored fields and the passage around the first match of each article (an export's rows)."""
        state = self._state(generation)
        with state.searcher() as s:
            return shard_search.passages(s, docnums, terms)

    def mention_forms(self, docnums, kind, key, generation=None) -> list:
        """How the articles write entity ``key`` of ``kind`` (person, country): its surface forms, per article."""
        state = self._state(generation)
        with state.searcher() as s:
            return shard_search.mention_forms(s, docnums, kind, key)

    def article(self, article_id, generation=None):
        state = self._state(generation)
        if not state.has_segments:
            return None
        with state.searcher() as s:
            return shard_search.article(s, article_id)

    def expand(self, field, prefix, fuzzy, limit, generation=None) -> list:
        state = self._state(generation)
        if not state.has_segments:
            return []
        with state.searcher() as s:
            return shard_search.expand(s, field, prefix, fuzzy, limit)

    def together(self, pairs, generation=None) -> list[int]:
        """Articles holding both terms of each pair (did-you-mean's context)."""
        state = self._state(generation)
        with state.searcher() as s:
            ds = DocSets(s, state.columns, self._postings)
            return [shard_search.together(ds, a, b) for a, b in pairs]

    def spellings(self, term, sample, generation=None) -> list:
        state = self._state(generation)
        with state.searcher() as s:
            return shard_search.spellings(DocSets(s, state.columns, self._postings), s, term, sample)

    def source_names(self, generation=None) -> list[str]:
        state = self._state(generation)
        return self.facet_values("source", generation) if state.has_segments else []

    # -- helpers --------------------------------------------------------------------------------------------------

    def _docsets(self, searcher, state, memo):
        return DocSets(searcher, state.columns, self._postings, memo=memo.setdefault("docsets", {}))

    def _memo(self, token, pop: bool = False) -> dict:
        """The masks kept for request ``token`` between its phases (an LRU: a request that never comes back does
        not hold memory for long)."""
        with self._memo_lock:
            if pop:
                return self._memos.pop(token, None) or {}
            memo = self._memos.get(token)
            if memo is None:
                memo = self._memos[token] = {}
                while len(self._memos) > MEMOS:
                    self._memos.popitem(last=False)
            return memo
