"""``SearchEngine``: the one entry point that answers queries (the web page, the JSON API, the CLI, evaluations).

It opens an index folder (its manifest names the backend, the analyzer and the shards), reaches the shards in
this process or in worker processes (``search.core.transport``), and runs every request through the coordinator
(``search.core.searching``). No lock is held across requests: searches run concurrently, each on the view of the
index it started with.
"""

import time
import uuid
from collections import Counter

from search.core import comentions as co, entity as entities, export as exporting, timeline as tl
from search.core import merge, query as Q, shape, store
from search.core import searching
from search.core.periods import AUTO, CALENDARS, INTERVALS
from search.core.coordinator import Coordinator
from search.core.facets import BY_NAME
from search.core.manifest import shard_of
from search.core.notices import notice
from search.core.plan import ShardPlan
from search.core.request import Request
from search.core.transport import LocalShard, WorkerPool, default_workers
from search.core import labels

SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 1000
MAX_PAGE = 10_000
FACET_LIMIT = 20
# Below this many articles worker processes cost more (start-up, a round trip per phase) than they save.
WORKERS_FROM = 20_000
KEY_TERMS = 10  # words of an article that find its neighbours (more-like-this)


class SearchEngine:
    def __init__(self, index_dir, facet_limit: int = FACET_LIMIT, feedback: bool | None = None, warm: bool = True,
                 workers: int | None = None, reload_interval: float = 0.0, timeout: float | None = None,
                 ray: str | None = None):
        """``feedback``: rank plain-word queries with RM3 pseudo-relevance feedback (None: ``ranking.FEEDBACK``).
        ``warm``: decode the frequent terms' postings in the background (a one-shot CLI passes False).
        ``workers``: shard worker processes (0: every shard in this process; None: one per core for a large
        sharded index, else 0). ``reload_interval``: seconds between checks for a newer commit (0: every search).
        ``timeout``: seconds a shard may take to answer a call (None: no limit). ``ray``: a Ray cluster's address
        (or ``local``): one actor per shard on the cluster instead of local workers (``search.cluster``)."""
        from search.core import ranking

        self.index_dir = str(index_dir)
        self.facet_limit = facet_limit
        self.feedback = ranking.FEEDBACK if feedback is None else feedback
        # Articles with every word rank first for queries of up to this many words (see search.core.ranking).
        self.all_words_first_max = ranking.ALL_WORDS_FIRST_MAX_WORDS
        self.manifest = store.open_manifest(self.index_dir)
        # the index's authority file (issue 10): surname filters resolve to the persons it adds
        from analyzers import authority
        authority.load(store.authority_file(self.index_dir))
        paths = store.shard_paths(self.index_dir, self.manifest)
        if workers is None:
            big = self.manifest.articles >= WORKERS_FROM and len(paths) > 1
            workers = default_workers(len(paths)) if big else 0
        self.workers = workers
        self._pool = None
        if ray:
            from search.cluster.ray_shards import RayPool

            self._pool = RayPool(ray, self.manifest.backend, paths, warm=warm)
            handles = self._pool.handles()
        elif workers > 0:
            self._pool = WorkerPool(self.manifest.backend, paths, workers, warm=warm)
            handles = self._pool.handles()
        else:
            impl = store.backend(self.manifest.backend, self.index_dir)
            handles = [LocalShard(impl.open_shard(p, warm=warm)) for p in paths]
        self.coordinator = Coordinator(self.index_dir, handles, reload_interval, timeout,
                                       [s.name for s in self.manifest.shards])

    # -- search ---------------------------------------------------------------------------------------------------

    def search(self, query, *, filters=None, sort="relevance", page=1, per_page=10, facets=True,
               budget: float | None = None) -> dict:
        """The result page of ``query`` (the JSON shape of the API). ``budget``: seconds after which the optional
        work (feedback, suggestions, marks) is skipped with a message."""
        return self._search(query, filters, sort, page, per_page, facets, budget)[0]

    def _search(self, query, filters, sort, page, per_page, facets, budget, **extra):
        """The search result, and with ``extra`` plan fields the ``Matched`` it was cut from (else None)."""
        started = time.perf_counter()
        messages = []
        page, per_page, sort = _paging(page, per_page, sort, messages)
        view = self.coordinator.view()
        if view.doc_count_all == 0:
            return _empty_result(query, page, per_page, sort, messages, facets, started), None
        request = Request(query if isinstance(query, str) else "", filters, sort, page, per_page, bool(facets),
                          self.feedback, self.facet_limit, self.all_words_first_max, budget)
        out = searching.run(self.coordinator, request, view, **extra)
        return {
            "query": query if isinstance(query, str) else "",
            "total": out["total"],
            "page": page,
            "per_page": per_page,
            "took_ms": searching.elapsed_ms(started),
            "hits": [shape.hit(h) for h in out["hits"]],
            "facets": out["facets"],
            "did_you_mean": out["did_you_mean"],
            "filters": out["filters"],
            "sort": sort,
            **said(messages + out["messages"]),
            "missing_shards": out["missing_shards"],
        }, out.get("matched")

    # -- research: coverage over time, co-mentions, export, entity pages (search.core.timeline ...) -------------

    def overview(self, query, *, filters=None, sort="relevance", page=1, per_page=10, interval="auto",
                 calendar="jalali", normalize=False, comention_limit=co.LIMIT,
                 max_periods=tl.MAX_PERIODS) -> dict:
        """``search`` (with facets) plus, from the same match of every shard, the ``timeline`` of all its
        matches and their ``comentions``: everything the search page shows, for one pass over the index."""
        _check_calendar(interval, calendar)
        result, m = self._search(query, filters, sort, page, per_page, True, None, histogram=True,
                                 final_counts=co.KINDS)
        if m is None:
            result["timeline"] = tl.build([], [], interval=interval, calendar=calendar, normalize=normalize)
            result["comentions"] = {kind: {"significant": [], "frequent": []} for kind in co.KINDS}
            return result
        label = query if isinstance(query, str) else ""
        result["timeline"] = tl.of_matched(self.coordinator, m, label=label, interval=interval,
                                                 calendar=calendar, normalize=normalize, limit=max_periods)
        result["comentions"] = co.lists(self.coordinator, m.view, m.matches, m.total,
                                        limit=_bounded(comention_limit, co.MAX_LIMIT), exclude=_chosen(m))
        return result

    def timeline(self, queries, *, filters=None, interval="auto", calendar="jalali", normalize=False,
                 max_periods=tl.MAX_PERIODS) -> dict:
        """Matching articles per period for each of ``queries`` (at most ``timeline.MAX_QUERIES``, one chart):
        exact counts over all matches, empty periods as zeros; ``normalize``: also each count's share of the
        archive's articles in that period. Raises ValueError for an unknown interval or calendar, too many
        queries, or more periods than ``max_periods``."""
        started = time.perf_counter()
        _check_calendar(interval, calendar)
        queries = [queries] if isinstance(queries, str) else list(queries)
        if not 1 <= len(queries) <= tl.MAX_QUERIES:
            raise ValueError(f"give from 1 to {tl.MAX_QUERIES} queries, not {len(queries)}")
        out = tl.compare(self.coordinator, [self._request(q, filters, "newest", feedback=False) for q in queries],
                         interval=interval, calendar=calendar, normalize=normalize, limit=max_periods)
        out.update(said(out.pop("messages")))
        out["took_ms"] = searching.elapsed_ms(started)
        return out

    def comentions(self, query, *, filters=None, limit=co.LIMIT, min_count=co.MIN_COUNT) -> dict:
        """The persons and countries named with the matches of ``query``: the most frequent, and the most
        over-represented compared with the whole archive (JLH significance, see ``search.core.comentions``)."""
        started = time.perf_counter()
        m = searching.matched(self.coordinator, self._request(query, filters, "newest", feedback=False), k=0,
                              final_counts=co.KINDS)
        lists = co.lists(self.coordinator, m.view, m.matches, m.total, limit=_bounded(limit, co.MAX_LIMIT),
                         min_count=max(1, int(min_count)), exclude=_chosen(m))
        return {"query": query if isinstance(query, str) else "", "total": m.total, "min_count": max(1, int(min_count)),
                **lists, "filters": m.flt, **said(m.messages), "took_ms": searching.elapsed_ms(started)}

    def export(self, query, *, filters=None, sort="relevance", limit=exporting.MAX_ROWS) -> dict:
        """Every match of ``query`` in the search's order, at most ``limit``: ``{"total", "rows", "truncated",
        "messages"}`` where ``rows`` is an iterator of row dicts (``search.core.export.FIELDS``), read from the
        shards in batches as it is consumed."""
        messages = []
        _, _, sort = _paging(1, 1, sort, messages)
        limit = max(0, int(limit))
        m = searching.matched(self.coordinator, self._request(query, filters, sort), k=limit)
        return {"total": m.total, "rows": exporting.rows(self.coordinator, m, limit), "truncated": m.total > limit,
                "filters": m.flt, **said(messages + m.messages)}

    def entity(self, kind, key, *, interval="auto", calendar="jalali") -> dict | None:
        """The entity page of person ``key`` or country ``key`` (ISO code), or None if no article names it."""
        _check_calendar(interval, calendar)
        return entities.page(self.coordinator, self._request("", None, "newest", feedback=False), kind, key,
                             interval=interval, calendar=calendar)

    def _request(self, query, filters, sort, feedback=None) -> Request:
        """A request of every match (no facets, no time budget) for the research methods."""
        return Request(query if isinstance(query, str) else "", filters, sort, 1, 1, False,
                       self.feedback if feedback is None else feedback, self.facet_limit, self.all_words_first_max)

    def marked_terms(self, query) -> set:
        """The ranking-field terms the snippets of ``query`` mark: its words as analyzed, its prefix and fuzzy
        words expanded over this index (an article's full text is marked the same way as its snippet)."""
        view = self.coordinator.view()
        return set(searching.compiled(self.coordinator, view, query)[1].terms)

    def facet_values(self, name, prefix=""):
        """Every value of facet ``name`` over the whole index with its article count (for pickers/autocomplete),
        filtered to values or labels (or one of their words) starting with ``prefix`` (folded)."""
        facet = BY_NAME.get(name)
        if facet is None:
            return []
        view = self.coordinator.view()
        if view.doc_count_all == 0:
            return []
        table, counts = self.coordinator.facet_counts(view, name)
        want = labels.folded(prefix if isinstance(prefix, str) else "")
        buckets = []
        for i in counts.nonzero()[0]:
            value = table.values[i]
            label = facet.label(value)
            if want and not (labels.starts_with(value, want) or labels.starts_with(label, want)):
                continue
            buckets.append(merge.bucket(facet, value, int(counts[i]), False))
        return labels.sort_buckets(buckets)

    # -- single articles ------------------------------------------------------------------------------------------

    def article(self, id):
        """All stored fields of the article ``id`` (for its page), or None."""
        raw = self._article(id)
        return shape.article(raw) if raw else None

    def _article(self, id):
        if not isinstance(id, str) or not id or self.coordinator.view().doc_count_all == 0:
            return None
        view = self.coordinator.view()
        shard = shard_of(id, self.coordinator.shard_count)
        return self.coordinator._result(self.coordinator.handles[shard].call("article", id, view.generations[shard]))

    def more_like(self, id, limit=10):
        """Articles sharing the most distinctive words of article ``id`` (hit dicts, best first)."""
        raw = self._article(id)
        if raw is None:
            return []
        from search.core.compile import analyze

        counts = Counter(analyze("\n".join(raw.get(k) or "" for k in ("title", "summary", "body"))))
        if not counts:
            return []
        view = self.coordinator.view()
        stats = view.stats_for(list(counts))
        weights = sorted(((tf * stats.idf(t), t) for t, tf in counts.items()), key=lambda p: (-p[0], p[1]))
        weights = weights[:KEY_TERMS]
        top = weights[0][0] or 1.0
        node = Q.Or(tuple(Q.Term(Q.RANKING_FIELD, t, boost=w / top) for w, t in weights))
        plan = ShardPlan(any_word=node, all_words=node, clause_count=1, exclude=Q.Term("id", id), ranked=True,
                         k=max(1, min(int(limit), 100)))
        matches = self.coordinator.fan(view, "match", uuid.uuid4().hex, plan, stats)
        best = merge.by_score([merge.tagged(n, m.first) for n, m in enumerate(matches)], plan.k)
        hits = searching._fetch(self.coordinator, view, [(s, n, d) for s, _, n, d in best], set())
        return [shape.hit(h) for h in hits]

    # -- upkeep ---------------------------------------------------------------------------------------------------

    def stats(self, top: int = 10) -> dict:
        """What the index holds: articles, shards, segments, date range, the most frequent persons and
        countries (``bayegan stats``)."""
        view = self.coordinator.view()
        ranges = [r for r in self.coordinator.fan(view, "date_range") if r[0]]
        first = min(r[0] for r in ranges) if ranges else None
        last = max(r[1] for r in ranges) if ranges else None
        return {"documents": view.doc_count, "shards": self.coordinator.shard_count, "segments": view.segments,
                "date_range": {"first": first, "last": last},
                "top_persons": self.facet_values("person")[:top] if view.doc_count_all else [],
                "top_countries": self.facet_values("country")[:top] if view.doc_count_all else []}

    @property
    def generation(self) -> str:
        return self.coordinator.generation

    def status(self) -> dict:
        """What a health check needs: the index searched now and whether its frequent postings are decoded."""
        view = self.coordinator.view()
        return {"articles": view.doc_count, "shards": self.coordinator.shard_count, "generation": self.generation,
                "warm": all(self.coordinator.fan(None, "is_warm"))}

    def wait_until_warm(self, timeout=None):
        """Block until every shard's frequent postings are decoded (searches work before, a little slower)."""
        self.coordinator.fan(None, "wait_until_warm", timeout)

    def close(self):
        self.coordinator.close()
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def said(notices) -> dict:
    """The result's ``notices`` (codes with parameters, each once) and ``messages`` (their English text)."""
    unique = list(dict.fromkeys(notices))
    return {"messages": [n.text() for n in unique], "notices": [n.to_dict() for n in unique]}


def _check_calendar(interval, calendar):
    if interval != AUTO and interval not in INTERVALS:
        raise ValueError(f"interval must be one of {AUTO}, {', '.join(INTERVALS)}, not {interval!r}")
    if calendar not in CALENDARS:
        raise ValueError(f"calendar must be one of {', '.join(CALENDARS)}, not {calendar!r}")


def _chosen(m) -> set:
    """The persons and countries a search selects (filters, ``person:``/``country:`` in the query): named by
    every match by construction, they are no co-mention."""
    return {v for kind in co.KINDS for v in [*m.flt.get(kind, ()), *m.comp.selected.get(kind, ())]}


def _bounded(value, most) -> int:
    return max(1, min(int(value), most))


def _empty_result(query, page, per_page, sort, messages, facets, started):
    messages.append(notice("empty_archive"))
    return {
        "query": query if isinstance(query, str) else "",
        "total": 0, "page": page, "per_page": per_page, "took_ms": searching.elapsed_ms(started), "hits": [],
        "facets": {name: {"buckets": []} for name in BY_NAME} if facets else {},
        "did_you_mean": None, "filters": {}, "sort": sort, **said(messages),
        "missing_shards": [],
    }


def _paging(page, per_page, sort, messages):
    try:
        page = int(page)
    except (TypeError, ValueError, OverflowError):
        messages.append(notice("bad_page"))
        page = 1
    try:
        per_page = int(per_page)
    except (TypeError, ValueError, OverflowError):
        messages.append(notice("bad_per_page"))
        per_page = 10
    if page < 1 or page > MAX_PAGE:
        messages.append(notice("page_out_of_range", limit=MAX_PAGE))
        page = min(max(page, 1), MAX_PAGE)
    if per_page < 1 or per_page > MAX_PER_PAGE:
        messages.append(notice("per_page_out_of_range", limit=MAX_PER_PAGE))
        per_page = min(max(per_page, 1), MAX_PER_PAGE)
    if sort not in SORTS:
        messages.append(notice("unknown_sort", sort=str(sort)))
        sort = "relevance"
    return page, per_page, sort

