"""One search engine per process, reopened when the index on disk changes.

Opening a ``SearchEngine`` loads its readers and facet columns, so it is done once and shared by all requests
(waitress serves them from several threads). A re-index commits a new table of contents (``*.toc``) in the index
folder; the holder compares the folder's TOC files with those it opened, at most every ``interval`` seconds, and
swaps in a fresh engine when they differ. Requests already running keep the engine they started with.
"""

import os
import threading
import time


class IndexUnavailable(RuntimeError):
    """The index folder is missing or cannot be opened: a server-side problem, not the client's."""


def index_signature(index_dir: str):
    """What identifies one committed state of a Whoosh index: its TOC files with their sizes and times."""
    try:
        entries = [e for e in os.scandir(index_dir) if e.name.endswith(".toc")]
    except OSError:
        return None
    if not entries:
        return None
    return tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries))


class EngineHolder:
    def __init__(self, index_dir: str, interval: float = 2.0, opener=None):
        self.index_dir = index_dir
        self.interval = interval
        self._opener = opener or _open_search_engine
        self._lock = threading.Lock()
        self._engine = None
        self._signature = None
        self._checked_at = float("-inf")
        self.opened = 0  # how many times an engine was opened (the tests watch reloads with it)

    def get(self):
        now = time.monotonic()
        engine = self._engine
        if engine is not None and now - self._checked_at < self.interval:
            return engine
        with self._lock:
            if self._engine is not None and now - self._checked_at < self.interval:
                return self._engine
            signature = index_signature(self.index_dir)
            if signature is None:
                self._checked_at = float("-inf")
                raise IndexUnavailable(f"no search index at {self.index_dir}")
            if self._engine is None or signature != self._signature:
                try:
                    self._engine = self._opener(self.index_dir)
                except Exception as exc:  # a half-written or foreign folder: report it, keep serving errors
                    raise IndexUnavailable(f"the search index at {self.index_dir} cannot be opened: {exc}") from exc
                self._signature = signature
                self.opened += 1
            self._checked_at = now
            return self._engine


def _open_search_engine(index_dir):
    from search import SearchEngine  # imported here so the app module loads even before search/ is installed

    return SearchEngine(index_dir)
