"""How the coordinator reaches its shards: in this process, or in worker processes that each hold some shards.

Every shard is a handle with ``call(method, *args) -> Future``: the coordinator sends one call to every shard, then
waits for all, so shards held by different processes work in parallel and the coordinator's code is the same for
every transport (issue 14 adds Ray actors as a third).

Worker processes start from a fork server that has already imported and warmed the analyzers and the backend, so
a worker is ready in milliseconds and is never forked from a process running threads. A worker that dies (killed,
out of memory) is started again on the next call, once; its shards reopen from disk.
"""

import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool



class LocalShard:
    """A shard object in this process: calls run at once, in the calling thread (the shard handles concurrency)."""

    def __init__(self, shard):
        self.shard = shard

    def call(self, method: str, *args) -> Future:
        future = Future()
        try:
            future.set_result(getattr(self.shard, method)(*args))
        except BaseException as exc:  # delivered through the future, as a remote failure would be
            future.set_exception(exc)
        return future

    def close(self):
        self.shard.close()


def worker_context(backend_name: str):
    """The multiprocessing context of every worker pool (indexing and searching): a fork server that imported
    the analyzers (warm) and the backend once. Never a plain fork: a server or a test runner has threads, and a
    child forked while another thread holds a lock can hang."""
    from search.core.store import backend

    context = multiprocessing.get_context("forkserver")
    # One list for every pool of the process: the first pool to start the fork server fixes its preloads.
    context.set_forkserver_preload(["analyzers.warm", backend(backend_name).WORKER_PRELOAD])
    return context


def default_workers(shards: int) -> int:
    return max(1, min(shards, os.cpu_count() or 1))


class WorkerPool:
    """``workers`` processes; shard ``i`` lives in process ``i % workers``."""

    def __init__(self, backend_name: str, paths: list[str], workers: int, warm: bool = True):
        self.backend_name = backend_name
        self.paths = paths
        self.workers = max(1, min(workers, len(paths)))
        self.warm = warm
        self._lock = threading.Lock()
        self._context = worker_context(backend_name)
        self._executors = [self._start(w) for w in range(self.workers)]
        for executor in self._executors:  # open every shard now: the first search does not wait for it
            executor.submit(_ready).result()

    def _start(self, w: int) -> ProcessPoolExecutor:
        owned = {i: p for i, p in enumerate(self.paths) if i % self.workers == w}
        return ProcessPoolExecutor(max_workers=1, mp_context=self._context, initializer=_init_worker,
                                   initargs=(self.backend_name, owned, self.warm))

    def handles(self) -> list:
        return [_RemoteShard(self, i) for i in range(len(self.paths))]

    def submit(self, shard: int, method: str, args) -> Future:
        w = shard % self.workers
        executor = self._executors[w]
        try:
            return executor.submit(_call, shard, method, args)
        except (BrokenProcessPool, RuntimeError):
            with self._lock:  # a dead worker: start a new one (its shards reopen from disk), once
                if self._executors[w] is executor:
                    executor.shutdown(wait=False, cancel_futures=True)
                    self._executors[w] = self._start(w)
                executor = self._executors[w]
            return executor.submit(_call, shard, method, args)

    def close(self):
        for executor in self._executors:
            executor.shutdown(wait=False, cancel_futures=True)
        self._executors = []


class _RemoteShard:
    def __init__(self, pool: WorkerPool, number: int):
        self.pool = pool
        self.number = number

    def call(self, method: str, *args) -> Future:
        return self.pool.submit(self.number, method, args)

    def close(self):
        pass


_shards: dict = {}


def _init_worker(backend_name, owned, warm):
    from search.core.store import backend

    impl = backend(backend_name)
    for number, path in owned.items():
        _shards[number] = impl.open_shard(path, warm=warm)


def _ready():
    return sorted(_shards)


def _call(number, method, args):
    return getattr(_shards[number], method)(*args)
