"""A cache of whole responses, per index generation: a request asked again is answered without searching.

Readers of a news archive ask the same things (the front page, today's names, a popular query, the article
everyone links to); an answer depends only on the URL and the index's content, so it is kept, keyed by the
index's build and generation and the path with its query string, until the index changes (a new commit or a
rebuild gives a new key: nothing stale is ever served) or the bytes budget (``RESPONSE_CACHE_MB``, least recently
used first) pushes it out. A hit costs well under a millisecond and never takes an admission turn (measured with
bench/load.sh: it is what keeps cheap requests fast beside the heaviest ones).

Kept: ``200`` answers of GET requests to the pages and JSON endpoints below, up to ``MAX_ENTRY`` bytes each.
Never kept: a partial answer (a shard missing, the time budget spent: ``search.core.notices.partial_seen``), an
error, a streamed export, anything with a cookie, and every request when the engine has no generation.
"""

import threading
from collections import OrderedDict

from flask import g, request

from search.core import notices

CACHED_ENDPOINTS = frozenset({
    "pages.index", "pages.article", "research.compare", "research.person", "research.country",
    "api.search", "api.article", "api.facet_values", "research_api.timeline", "research_api.comentions",
    "research_api.entity",
})
MAX_ENTRY = 2 * 1024 * 1024  # bytes: a rare huge page is not worth pushing out hundreds of ordinary ones
HEADER = "X-Bayegan-Cache"  # hit or miss: for operators and tests; a proxy may cache on its own terms


class ResponseCache:
    """A thread-safe LRU of ``key -> (status, headers, body, weight)`` bounded by the entries' weights (body,
    key and headers, and a fixed overhead)."""

    def __init__(self, max_bytes: int, max_entry: int = MAX_ENTRY):
        self.max_bytes, self.max_entry = max_bytes, min(max_entry, max_bytes)
        self._entries: OrderedDict = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key, status: int, headers: list, body: bytes) -> bool:
        cost = _weight(key, headers, body)
        if cost > self.max_entry:
            return False
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[3]
            self._entries[key] = (status, headers, body, cost)
            self._bytes += cost
            while self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= dropped[3]
        return True

    def __len__(self):
        return len(self._entries)

    @property
    def size(self) -> int:
        return self._bytes


ENTRY_OVERHEAD = 400  # bytes of Python objects per entry besides its key, headers and body (tuples, dict node)


def _weight(key, headers, body) -> int:
    """What an entry costs in memory, roughly: a flood of tiny distinct answers must not outgrow the budget."""
    return (len(body) + sum(len(str(part)) for part in key) + sum(len(k) + len(v) for k, v in headers)
            + ENTRY_OVERHEAD)


def init_app(app):
    budget = int(app.config["RESPONSE_CACHE_MB"] * 1024 * 1024)
    if budget <= 0:
        return
    cache = app.extensions["bayegan_response_cache"] = ResponseCache(budget)

    @app.before_request
    def answer_from_cache():
        g.bayegan_cache_key = None
        key = _key(app)
        if key is None:
            return None
        notices.watch_partial()  # from here on, a partial notice made while answering keeps the answer out
        entry = cache.get(key)
        if entry is None:
            g.bayegan_cache_key = key
            return None
        status, headers, body, _ = entry
        response = app.response_class(body, status=status, headers=headers)
        response.headers[HEADER] = "hit"
        return response

    @app.after_request
    def keep_in_cache(response):
        key = g.pop("bayegan_cache_key", None)
        if key is None:
            return response
        if (response.status_code == 200 and not response.is_streamed and not notices.partial_seen()
                and "Set-Cookie" not in response.headers):
            headers = [(k, v) for k, v in response.headers.items() if k not in (HEADER, "Content-Length")]
            cache.put(key, 200, headers, response.get_data())
        response.headers[HEADER] = "miss"
        return response


def _key(app):
    """The cache key of this request, or None when it is not one to cache."""
    if request.method != "GET" or request.endpoint not in CACHED_ENDPOINTS or request.cookies:
        return None
    from web import engine_for
    from search.core.errors import IndexProblem
    from web.engine import IndexUnavailable

    holder = app.extensions["bayegan_engine"]
    try:
        engine = engine_for(app)
        generation = engine.generation
    except (IndexProblem, IndexUnavailable, AttributeError):  # no index (the view answers 503), or no generation
        return None
    # The Origin matters when CORS is on: the answer carries the allowed origin (web.security).
    origin = request.headers.get("Origin", "") if app.config["CORS_ORIGINS"] else ""
    # path and raw query apart: «/article/x%3Fq=1» and «/article/x?q=1» are two requests (full_path joins them)
    return holder.signature, generation, request.path, request.query_string, origin
