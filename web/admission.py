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


def cost(search_request) -> int:
    """A rough cost of a search request in units of a plain one-word search."""
    from search.core.syntax import parse

    parsed = parse(search_request.q)
    words = [alt for clause in parsed.clauses for alt in clause] + list(parsed.negatives)
    expanding = sum(1 for w in words if getattr(w, "mode", "plain") != "plain")
    phrases = sum(1 for w in words if not hasattr(w, "mode"))
    from web.params import FILTER_PARAMS

    filters = sum(len(getattr(search_request, p, ())) for p in FILTER_PARAMS)
    return 1 + 3 * expanding + phrases + len(words) // 4 + search_request.per_page // 25 + filters // 5


class Admission:
    def __init__(self, slots: int, wait: float, heavy_cost: int):
        self.slots = threading.BoundedSemaphore(slots)
        self.wait = wait
        self.heavy_cost = heavy_cost

    @contextmanager
    def admit(self, search_request):
        if cost(search_request) < self.heavy_cost:
            yield
            return
        if not self.slots.acquire(timeout=self.wait):
            raise Busy()
        try:
            yield
        finally:
            self.slots.release()


def init_app(app):
    config = app.config
    app.extensions["bayegan_admission"] = Admission(config["HEAVY_SLOTS"], config["HEAVY_WAIT"],
                                                    config["HEAVY_COST"])


def admitted(app, search_request):
    return app.extensions["bayegan_admission"].admit(search_request)
