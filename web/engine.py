"""One search engine per process, shared by every request thread.

New commits are picked up by the engine itself (``SearchEngine(reload_interval=...)``: each shard swaps in its new
reader state outside any lock). What the engine cannot follow is a *rebuilt* index (``--rebuild`` writes a new
manifest, maybe with another number of shards): the holder watches the manifest file, at most every ``interval``
seconds, and then opens a fresh engine outside its lock, swaps it in and closes the old one once no request can
still be starting on it. Requests already running finish on the engine they started with.
"""

import os
import threading
import time

from search.core import manifest
from search.core.errors import IndexMissing, IndexProblem
from search.core.manifest import manifest_path

CLOSE_AFTER = 30.0  # seconds an engine replaced by a rebuilt index stays open for the requests still using it


class IndexUnavailable(RuntimeError):
    """The index folder cannot be opened for an unexpected reason (``kind`` says which, without paths)."""

    kind = "it cannot be opened"


def index_signature(index_dir: str):
    """What identifies one build of an index (None: no readable manifest): the manifest's build id, new each
    time the index is created or rebuilt. The manifest is only read again when its file changed."""
    try:
        st = os.stat(manifest_path(index_dir))
    except OSError:
        return None
    stamp = (st.st_mtime_ns, st.st_size)
    cached = _signatures.get(index_dir)
    if cached is None or cached[0] != stamp:
        try:
            build = manifest.read(index_dir).build
        except IndexProblem as exc:
            build = ("unreadable", str(exc))
        cached = _signatures[index_dir] = (stamp, build)
    return cached[1]


_signatures: dict = {}


class EngineHolder:
    def __init__(self, index_dir: str, interval: float = 2.0, opener=None, timeout: float | None = None,
                 ray: str | None = None):
        self.index_dir = index_dir
        self.interval = interval
        self._opener = opener or (lambda d: _open_search_engine(d, interval, timeout, ray))
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
        signature = index_signature(self.index_dir)
        if engine is not None and signature == self._signature:
            self._checked_at = now
            return engine
        with self._lock:  # one thread opens; the others wait for it instead of opening their own
            if self._engine is not None and self._signature == signature:
                return self._engine
            if signature is None:
                raise IndexMissing(self.index_dir)
            try:
                fresh = self._opener(self.index_dir)
            except IndexProblem:
                raise
            except Exception as exc:  # a half-written or foreign folder: report it, keep serving errors
                raise IndexUnavailable(f"the search index at {self.index_dir} cannot be opened: {exc}") from exc
            old, self._engine, self._signature = self._engine, fresh, signature
            self._checked_at = time.monotonic()
            self.opened += 1
        if old is not None and hasattr(old, "close"):
            timer = threading.Timer(CLOSE_AFTER, old.close)
            timer.daemon = True
            timer.start()
        return fresh

    @property
    def signature(self):
        """The build of the index the current engine serves (None before one is open)."""
        return self._signature

    def close(self):
        with self._lock:
            if self._engine is not None and hasattr(self._engine, "close"):
                self._engine.close()
            self._engine = None


def _open_search_engine(index_dir, interval, timeout, ray):
    from search.core.engine import SearchEngine

    return SearchEngine(index_dir, reload_interval=interval, timeout=timeout or None, ray=ray or None)
