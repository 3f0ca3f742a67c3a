"""The coordinator: one index of N shards seen as one, whatever carries the shards (this process, worker
processes, Ray actors). It holds no index data itself: a consistent *view* (every shard's generation, the summed
collection statistics, the facet value tables) and the fan-out of calls to the shards.

Reloads: at most every ``reload_interval`` seconds a search asks each shard to open its latest commit; when any
shard moved on, a new view is built (outside any lock) and swapped in. A search keeps the view it started with,
and every call names that view's generation, so a request never mixes two commits; a shard that no longer holds
a generation answers ``Stale`` and the request is run again on the new view.
"""

import threading
import time
from collections import OrderedDict
from concurrent.futures import TimeoutError as FutureTimeout

from search.core import notices
from search.core.errors import IndexProblem
from search.core.facets import FACETS
from search.core.merge import FacetTable
from search.core.stats import Stats

REFRESH_WAIT = 1.0  # seconds a reload check waits for the shards (with a shard timeout set)
DF_CACHE = 50_000  # ranking-field document frequencies kept per view (queries repeat their words)


class View:
    def __init__(self, coordinator, generations, infos):
        self.coordinator = coordinator
        self.generations = generations
        self.doc_count_all = sum(i["doc_count_all"] for i in infos)
        self.doc_count = sum(i["doc_count"] for i in infos)
        self.stats = Stats(self.doc_count_all, sum(i["field_length"] for i in infos))
        self.segments = sum(i["segments"] for i in infos)
        self._tables = {}
        self._sources = None
        self._df = OrderedDict()
        self._lock = threading.Lock()
        self._kept = {}

    def cached(self, key, compute):
        """``compute()`` computed once per view (a committed state never changes): whole-archive figures such
        as the articles per day a timeline is normalized by."""
        if key not in self._kept:
            value = compute()
            with self._lock:
                self._kept.setdefault(key, value)
        return self._kept[key]

    def table(self, facet: str, missing: list | None = None) -> FacetTable:
        table = self._tables.get(facet)
        if table is None:
            failed = list(missing or ())
            values = self.coordinator.fan(self, "facet_values", facet, missing=failed)
            table = FacetTable([v or [] for v in values])
            if len(failed) > len(missing or ()):
                if missing is not None:
                    missing[:] = failed
                return table  # not kept: the next request asks the missing shards again
            with self._lock:
                self._tables[facet] = table
        return table

    def source_names(self) -> list[str]:
        if self._sources is None:
            self._sources = sorted(set().union(*map(set, self.coordinator.fan(self, "source_names"))))
        return self._sources

    def doc_frequencies(self, terms, missing: list | None = None) -> dict[str, int]:
        """Global document frequencies of ranking-field terms (one round trip for the ones not cached). With a
        ``missing`` list, shards that do not answer are left out of the sums (and the sums are not cached)."""
        wanted = list(dict.fromkeys(terms))
        with self._lock:
            unknown = [t for t in wanted if t not in self._df]
            known = {t: self._df[t] for t in wanted if t in self._df}
        if unknown:
            failed = None if missing is None else list(missing)  # shards failed earlier are not asked again
            per_shard = self.coordinator.fan(self, "doc_frequencies", unknown, missing=failed)
            sums = {term: sum(counts[i] for counts in per_shard if counts is not None)
                    for i, term in enumerate(unknown)}
            known.update(sums)
            if failed:
                missing[:] = failed
            else:
                with self._lock:
                    self._df.update(sums)
                    while len(self._df) > DF_CACHE:
                        self._df.popitem(last=False)
        return {t: known[t] for t in wanted}

    def stats_for(self, terms, missing: list | None = None) -> Stats:
        return self.stats.with_df(self.doc_frequencies(terms, missing))


class Coordinator:
    def __init__(self, index_dir: str, handles: list, reload_interval: float = 2.0, timeout: float | None = None,
                 shard_names: list[str] | None = None):
        self.index_dir = index_dir
        self.handles = handles
        self.shard_names = shard_names or [f"shard-{n:02d}" for n in range(len(handles))]
        self.reload_interval = reload_interval
        self.timeout = timeout  # seconds a shard call may take (None: no limit)
        self._swap = threading.Lock()
        self._checked = time.monotonic()
        self._view = self._new_view(self.fan(None, "refresh"))

    @property
    def shard_count(self) -> int:
        return len(self.handles)

    # -- views ----------------------------------------------------------------------------------------------------

    def _new_view(self, generations) -> View:
        infos = [f.result(self.timeout) for f in
                 [h.call("info", g) for h, g in zip(self.handles, generations)]]
        return View(self, list(generations), infos)

    def view(self, force: bool = False) -> View:
        """The current view; first, at most every ``reload_interval`` seconds, newer commits are picked up."""
        now = time.monotonic()
        if force or now - self._checked >= self.reload_interval:
            self._checked = now
            missing = []
            # A check for newer commits is optional: a shard slow to answer it only postpones the reload.
            quick = None if self.timeout is None else min(self.timeout, REFRESH_WAIT)
            generations = self.fan(None, "refresh", missing=missing, timeout=quick)
            if not missing and generations != self._view.generations:
                view = self._new_view(generations)  # built outside the lock: searches go on meanwhile
                with self._swap:
                    self._view = view
        return self._view

    @property
    def generation(self) -> str:
        """Identifies the committed state searched now (changes with every commit of any shard)."""
        return "/".join(self.view().generations)

    # -- calls ----------------------------------------------------------------------------------------------------

    def fan(self, view, method: str, *args, shards=None, missing: list | None = None,
            timeout: float | None = None) -> list:
        """Call ``method`` on every shard (or the numbered ``shards``) at once; the answers in shard order. With a
        view, its generation of each shard is passed last.

        A shard that fails or does not answer within ``timeout`` seconds (all shards share one deadline): with a
        ``missing`` list, its answer is None and ``(number, reason)`` is added to the list (the request goes on
        with the others); without one, ``ShardFailure`` is raised. A ``Stale`` generation always propagates."""
        numbers = list(range(len(self.handles)) if shards is None else shards)
        gone = {n for n, _ in missing} if missing else set()  # failed earlier in this request: not asked again
        futures = [None if n in gone else
                   self.handles[n].call(method, *args, *(() if view is None else (view.generations[n],)))
                   for n in numbers]
        timeout = self.timeout if timeout is None else timeout
        deadline = None if timeout is None else time.monotonic() + timeout
        out = []
        for n, future in zip(numbers, futures):
            if future is None:
                out.append(None)
                continue
            try:
                out.append(future.result(None if deadline is None else max(0.0, deadline - time.monotonic())))
                continue
            except FutureTimeout:
                reason = f"no answer within {timeout:g} s"
            except Exception as exc:  # noqa: BLE001 - a shard's failure is reported, never a traceback
                if type(exc).__name__ == "Stale":
                    raise
                reason = f"{type(exc).__name__}: {exc}"
            if missing is None:
                raise ShardFailure(self.index_dir, n, reason)
            missing.append((n, reason))
            notices.mark_partial()  # an answer without this shard is not one to keep (web.response_cache)
            out.append(None)
        return out

    def _result(self, future):
        try:
            return future.result(self.timeout)
        except FutureTimeout:
            raise ShardFailure(self.index_dir, None, f"no answer within {self.timeout:g} s") from None

    def facet_counts(self, view: View, facet: str):
        """Live articles per global value of ``facet`` over the whole index."""
        table = view.table(facet)
        return table, table.total(self.fan(view, "facet_counts", facet))

    def close(self):
        for handle in self.handles:
            handle.close()


class ShardFailure(IndexProblem):
    """A shard failed or did not answer (a damaged segment, a dead worker, a deadline passed)."""

    def __init__(self, index_dir, number, reason):
        self.number, self.reason = number, reason
        where = f"shard {number}" if number is not None else "a shard"
        super().__init__(index_dir, f"{where} failed: {reason}")

    def __reduce__(self):
        return type(self), (self.index_dir, self.number, self.reason)


def facet_names():
    return tuple(f.name for f in FACETS)
