"""Admission control: expensive requests take turns, cheap ones never wait for them.

A search's cost is known roughly before it runs: prefix and fuzzy words expand to many terms, long pages
re-analyze many articles for snippets, many filter values make many links. A request whose estimate reaches
``HEAVY_COST`` needs one of ``HEAVY_SLOTS`` slots; when none frees within ``HEAVY_WAIT`` seconds it is answered
503 with ``Retry-After`` instead of queueing, so a handful of heavy clients cannot hold every server thread
(measured with bench/load.sh: a cheap mix beside 4 connections of the heaviest allowed requests).
"""

import threading
from contextlib import contextmanager

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


class Admission:
    def __init__(self, slots: int, wait: float, heavy_cost: int):
        self.slots = threading.BoundedSemaphore(slots)
        self.wait = wait
        self.heavy_cost = heavy_cost

    @contextmanager
    def admit(self, units: int):
        """Run the block now when ``units`` is under the heavy cost, else once a slot is free (or raise Busy)."""
        if units < self.heavy_cost:
            yield
            return
        if not self.slots.acquire(timeout=self.wait):
            raise Busy()
        try:
            yield
        finally:
            self.slots.release()

    def streamed(self, units: int, body):
        """``body`` (an iterable of response chunks) holding a slot, when ``units`` is heavy, until its last chunk
        is sent or the response is closed (the client went away): a streamed export costs while it streams, not
        only while it starts. Raises Busy at once when no slot frees in time."""
        heavy = units >= self.heavy_cost
        if heavy and not self.slots.acquire(timeout=self.wait):
            raise Busy()
        return _Held(body, self.slots if heavy else None)


class _Held:
    """An iterable that releases its slot once: at its end, or when the WSGI server closes the response."""

    def __init__(self, body, slots):
        self.body, self.slots, self.lock, self.closed = body, slots, threading.Lock(), False

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
            if self.slots is not None:
                self.slots.release()


def init_app(app):
    config = app.config
    app.extensions["bayegan_admission"] = Admission(config["HEAVY_SLOTS"], config["HEAVY_WAIT"],
                                                    config["HEAVY_COST"])


def admission(app) -> Admission:
    return app.extensions["bayegan_admission"]


def admitted(app, units: int):
    """``with admitted(app, cost(...)):`` around the work of a request (see ``Admission.admit``)."""
    return admission(app).admit(units)
