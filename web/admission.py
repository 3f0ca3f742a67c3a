"""Admission control: expensive requests take turns, cheap ones never wait for them.

A search's cost is known roughly before it runs: prefix and fuzzy words expand to many terms, long pages
re-analyze many articles for snippets, many filter values make many links. A request whose estimate reaches
``HEAVY_COST`` needs one of ``HEAVY_SLOTS`` slots; when none frees within ``HEAVY_WAIT`` seconds it is answered
503 with ``Retry-After`` instead of queueing, so a handful of heavy clients cannot hold every server thread
(measured with bench/load.sh: a cheap mix beside 4 connections of the heaviest allowed requests).

One slot still lets heavy work run all the time: back to back, it took a core of the two and the GIL from the
cheap requests (which then got 27-33% of their throughput alone). So while other requests are being served,
heavy requests may also only run for ``HEAVY_SHARE`` of the last ``SHARE_WINDOW`` seconds; past it they wait
for it (within ``HEAVY_WAIT``), then are answered 503 with ``Retry-After``. Alone (one researcher's exports at
night) they run freely.
"""

import collections
import threading
import time
from contextlib import contextmanager

from flask import request
from werkzeug.exceptions import ServiceUnavailable


class Busy(ServiceUnavailable):
    description = "the server is busy with other expensive searches; try again in a few seconds"

    def get_headers(self, environ=None, scope=None):
        return super().get_headers(environ, scope) + [("Retry-After", "5")]


# What the page adds to a search: the timeline and the co-mentions of every match, and the HTML.
PAGE_COST = 2
# Rows of an export that cost as much as one plain search (reading and shaping stored fields, snippets).
EXPORT_ROWS_PER_UNIT = 1000


def query_cost(q: str) -> int:
    """A rough cost of matching query ``q`` alone, in units of a plain one-word search."""
    from search.core.syntax import parse

    parsed = parse(q)
    words = [alt for clause in parsed.clauses for alt in clause] + list(parsed.negatives)
    expanding = sum(1 for w in words if getattr(w, "mode", "plain") != "plain")
    phrases = sum(1 for w in words if not hasattr(w, "mode"))
    return 1 + 3 * expanding + phrases + len(words) // 4


def filter_cost(search_request) -> int:
    from web.params import FILTER_PARAMS

    return sum(len(getattr(search_request, p, ())) for p in FILTER_PARAMS) // 5


def cost(search_request) -> int:
    """A rough cost of a search request (a result page of the API) in units of a plain one-word search."""
    return query_cost(search_request.q) + search_request.per_page // 25 + filter_cost(search_request)


def page_cost(search_request) -> int:
    """The search page (``/``): the search, its timeline and co-mentions, rendered."""
    return cost(search_request) + PAGE_COST


def timeline_cost(queries, filters) -> int:
    """A timeline or comparison: one match per query, each over every period."""
    return sum(query_cost(q) for q in queries) + filter_cost(filters)


def export_cost(search_request, limit: int) -> int:
    """An export of up to ``limit`` rows: every row read, shaped and written."""
    return query_cost(search_request.q) + filter_cost(search_request) + limit // EXPORT_ROWS_PER_UNIT


SHARE_WINDOW = 10.0  # seconds over which the heavy share is counted
SHARE_POLL = 0.05    # seconds between looks at the share while a heavy request waits for it


class HeavyShare:
    """Seconds heavy requests ran within the last ``window`` seconds (finished and running ones)."""

    def __init__(self, share: float, window: float = SHARE_WINDOW, clock=time.monotonic):
        self.share, self.window, self.clock = share, window, clock
        self._done = collections.deque()  # (start, end) of finished heavy requests, oldest first
        self._running: dict[int, float] = {}
        self._lock = threading.Lock()
        self._next = 0
        # Requests started in this second and the one before, of any kind and heavy ones (web.admission.init_app
        # counts arrivals, Admission the heavy ones): the number in flight at one instant says little (cheap ones
        # are short, or queued in the server), and one client's own heavy requests are no one to protect.
        self._second = 0
        self._counts = {"all": [0, 0], "heavy": [0, 0]}  # kind -> [this second, the one before]

    def enter(self, kind: str = "all") -> None:
        with self._lock:
            self._roll(self.clock())
            self._counts[kind][0] += 1

    def _roll(self, now: float) -> None:
        second = int(now)
        if second != self._second:
            for counts in self._counts.values():
                counts[1] = counts[0] if second == self._second + 1 else 0
                counts[0] = 0
            self._second = second

    def _contended(self, now: float) -> bool:
        """Whether requests other than heavy ones arrived in this second or the last (the asking request is
        counted among both)."""
        self._roll(now)
        return sum(self._counts["all"]) - sum(self._counts["heavy"]) > 0

    def busy(self, now: float) -> float:
        since = now - self.window
        while self._done and self._done[0][1] <= since:
            self._done.popleft()
        return sum(end - max(start, since) for start, end in self._done) + \
            sum(now - max(start, since) for start in self._running.values())

    def start(self) -> int | None:
        """A token for a heavy request allowed to run now, or None when it must wait for its share."""
        with self._lock:
            now = self.clock()
            if self._contended(now) and self.busy(now) >= self.share * self.window:
                return None
            self._next += 1
            self._running[self._next] = now
            return self._next

    def end(self, token: int) -> None:
        with self._lock:
            start = self._running.pop(token, None)
            if start is not None:
                self._done.append((start, self.clock()))


class Admission:
    def __init__(self, slots: int, wait: float, heavy_cost: int, share: float = 1.0):
        self.slots = threading.BoundedSemaphore(slots)
        self.wait = wait
        self.heavy_cost = heavy_cost
        self.share = HeavyShare(share)

    @contextmanager
    def admit(self, units: int):
        """Run the block now when ``units`` is under the heavy cost, else once a slot is free and the heavy share
        allows it (or raise Busy)."""
        if units < self.heavy_cost:
            yield
            return
        token = self._acquire()
        try:
            yield
        finally:
            self._release(token)

    def _acquire(self) -> int:
        """A slot, then the share, both within ``wait`` seconds. A request waits for the share rather than being
        refused at once: a client that ignores Retry-After then asks once per ``wait`` seconds, not hundreds of
        times a second (each refusal still costs a parse)."""
        deadline = time.monotonic() + self.wait
        self.share.enter("heavy")
        if not self.slots.acquire(timeout=self.wait):
            raise Busy()
        while (token := self.share.start()) is None:
            if time.monotonic() >= deadline:
                self.slots.release()
                raise Busy()
            time.sleep(SHARE_POLL)
        return token

    def _release(self, token: int) -> None:
        self.share.end(token)
        self.slots.release()

    def streamed(self, units: int, body):
        """``body`` (an iterable of response chunks) holding a slot, when ``units`` is heavy, until its last chunk
        is sent or the response is closed (the client went away): a streamed export costs while it streams, not
        only while it starts. Raises Busy at once when no slot frees in time."""
        if units < self.heavy_cost:
            return _Held(body, None)
        token = self._acquire()
        return _Held(body, lambda: self._release(token))


class _Held:
    """An iterable that releases its slot once: at its end, or when the WSGI server closes the response."""

    def __init__(self, body, release):
        self.body, self.release, self.lock, self.closed = body, release, threading.Lock(), False

    def __iter__(self):
        try:
            yield from self.body
        finally:
            self.close()

    def close(self):
        with self.lock:
            if self.closed:
                return
            self.closed = True
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            if self.release is not None:
                self.release()


def init_app(app):
    config = app.config
    gate = app.extensions["bayegan_admission"] = Admission(config["HEAVY_SLOTS"], config["HEAVY_WAIT"],
                                                           config["HEAVY_COST"], config["HEAVY_SHARE"])

    @app.before_request
    def count_in():
        if request.endpoint != "static":  # a page's own style and script are not another reader
            gate.share.enter()




def admission(app) -> Admission:
    return app.extensions["bayegan_admission"]


def admitted(app, units: int):
    """``with admitted(app, cost(...)):`` around the work of a request (see ``Admission.admit``)."""
    return admission(app).admit(units)
