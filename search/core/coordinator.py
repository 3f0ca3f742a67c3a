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

from search.core.facets import FACETS
from search.core.merge import FacetTable
from search.core.stats import Stats

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

    def table(self, facet: str) -> FacetTable:
        table = self._tables.get(facet)
        if table is None:
            table = FacetTable(self.coordinator.fan(self, "facet_values", facet))
            with self._lock:
                self._tables[facet] = table
        return table

    def source_names(self) -> list[str]:
        if self._sources is None:
            self._sources = sorted(set().union(*map(set, self.coordinator.fan(self, "source_names"))))
        return self._sources

    def doc_frequencies(self, terms) -> dict[str, int]:
        """Global document frequencies of ranking-field terms (one round trip for the ones not cached)."""
        wanted = list(dict.fromkeys(terms))
        with self._lock:
            missing = [t for t in wanted if t not in self._df]
        if missing:
            per_shard = self.coordinator.fan(self, "doc_frequencies", missing)
            with self._lock:
                for i, term in enumerate(missing):
                    self._df[term] = sum(counts[i] for counts in per_shard)
                while len(self._df) > DF_CACHE:
                    self._df.popitem(last=False)
        with self._lock:
            return {t: self._df[t] for t in wanted}

    def stats_for(self, terms) -> Stats:
        return self.stats.with_df(self.doc_frequencies(terms))


class Coordinator:
    def __init__(self, index_dir: str, handles: list, reload_interval: float = 2.0, timeout: float | None = None):
        self.index_dir = index_dir
        self.handles = handles
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
            generations = self.fan(None, "refresh")
            if generations != self._view.generations:
                view = self._new_view(generations)  # built outside the lock: searches go on meanwhile
                with self._swap:
                    self._view = view
        return self._view

    @property
    def generation(self) -> str:
        """Identifies the committed state searched now (changes with every commit of any shard)."""
        return "/".join(self.view().generations)

    # -- calls ----------------------------------------------------------------------------------------------------

    def fan(self, view, method: str, *args, shards=None) -> list:
        """Call ``method`` on every shard (or the numbered ``shards``) at once; the answers in shard order. With a
        view, its generation of each shard is passed last."""
        numbers = range(len(self.handles)) if shards is None else shards
        futures = [self.handles[n].call(method, *args, *(() if view is None else (view.generations[n],)))
                   for n in numbers]
        return [self._result(f) for f in futures]

    def _result(self, future):
        try:
            return future.result(self.timeout)
        except FutureTimeout:
            raise ShardTimeout(self.timeout) from None

    def facet_counts(self, view: View, facet: str):
        """Live articles per global value of ``facet`` over the whole index."""
        table = view.table(facet)
        return table, table.total(self.fan(view, "facet_counts", facet))

    def close(self):
        for handle in self.handles:
            handle.close()


class ShardTimeout(RuntimeError):
    def __init__(self, seconds):
        super().__init__(f"a shard did not answer within {seconds} s")


def facet_names():
    return tuple(f.name for f in FACETS)
