"""Analysis and writing in parallel: ``jobs`` processes, each analyzing the articles of its own shards and writing
them through the backend's sink.

The main process only reads the archives and maps fields (cheap); each article goes to the process that owns its
shard (``shard_of(id)``), so the two copies of one id always meet in the same writer, in input order (the later
one wins). A worker needs ~2.8 ms of CPU per Hamshahri article to analyze it and ~2.7 ms to write it, so with one
process per core both cores analyze and write. ``jobs=0`` does everything in this process (tests, tiny inputs).

Workers start from a fork server that loaded the analyzers' tables once (``analyzers.warm``: no copy per worker,
and never a fork of this process, which may run threads), take their shards' locks themselves, and each exits
when its parent disappears (``kill -9`` of the main process leaves no orphan holding a lock for long).
"""

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from analyzers import authority
from indexer.document import to_document

CHUNK = 32          # articles per task: amortizes inter-process overhead, keeps results flowing
IN_FLIGHT = 16      # chunks queued per worker: enough to keep it busy through a commit, memory stays flat


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


@dataclass
class Written:
    """What became of one article: written (``replaced`` or not), or skipped with a reason; its warnings."""
    where: str
    skip: str | None = None
    replaced: bool = False
    warnings: list[str] = field(default_factory=list)


def write_one(sinks: dict, shard: int, where: str, article: dict) -> Written:
    """Analyze ``article`` (dates, entities, fields) and add it to ``sinks[shard]``. An unexpected failure on one
    odd article is its skip reason, not a crash; a failure of the sink itself (a full disk) propagates."""
    try:
        doc = to_document(article)
    except Exception as exc:  # noqa: BLE001 - one article must not stop an archive
        return Written(where, skip=f"could not be processed ({type(exc).__name__}: {exc})")
    warnings = []
    if article.get("date") and "date" not in doc:
        warnings.append(f"unreadable date {article['date']!r}: indexed without a date")
    return Written(where, replaced=sinks[shard].add(doc), warnings=warnings)


class ShardWriters:
    """The writing side of a build; use as a context manager. ``submit`` articles, collect ``ready()`` results,
    then ``finish()`` (commit everything; returns ``{shard: documents}``) or, on failure, leave the block
    (uncommitted batches are cancelled; committed ones stay)."""

    def __init__(self, shard_paths: list[str], jobs: int, batch_size: int, limitmb: int, open_sink, context=None,
                 authority: str | None = None):
        self.paths = shard_paths
        self.open_sink = open_sink  # path, batch_size, limitmb -> sink (the backend's ShardSink)
        self.batch_size, self.limitmb = batch_size, limitmb
        self.workers = min(jobs, len(shard_paths))
        self.done: deque = deque()
        self._sinks = None
        self._executors = []
        self._chunks: list[list] = []
        self._pending: list[deque] = []
        if self.workers == 0:
            self._sinks = {n: open_sink(p, batch_size, limitmb) for n, p in enumerate(shard_paths)}
            return
        context = context or multiprocessing.get_context("spawn")
        for w in range(self.workers):
            owned = {n: p for n, p in enumerate(shard_paths) if n % self.workers == w}
            executor = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_init_worker,
                                           initargs=(owned, batch_size, limitmb, open_sink, os.getpid(), authority))
            executor.submit(os.getpid).result()  # start it now, while this process holds no lock
            self._executors.append(executor)
            self._chunks.append([])
            self._pending.append(deque())

    def submit(self, shard: int, where: str, article: dict) -> None:
        if self._sinks is not None:
            self.done.append(write_one(self._sinks, shard, where, article))
            return
        w = shard % self.workers
        chunk = self._chunks[w]
        chunk.append((shard, where, article))
        if len(chunk) >= CHUNK:
            self._send(w)

    def _send(self, w: int) -> None:
        chunk, self._chunks[w] = self._chunks[w], []
        if chunk:
            self._pending[w].append(self._executors[w].submit(_write_chunk, chunk))
        while len(self._pending[w]) >= IN_FLIGHT:
            self.done.extend(self._pending[w].popleft().result())
        for pending in self._pending:  # collect what is already finished elsewhere, without waiting
            while pending and pending[0].done():
                self.done.extend(pending.popleft().result())

    def ready(self):
        while self.done:
            yield self.done.popleft()

    def finish(self) -> dict[int, int]:
        if self._sinks is not None:
            for sink in self._sinks.values():
                sink.commit()
                sink.prepare()
            return {n: sink.doc_count() for n, sink in self._sinks.items()}
        for w in range(self.workers):
            self._send(w)
        for pending in self._pending:
            while pending:
                self.done.extend(pending.popleft().result())
        counts = {}
        for executor in self._executors:
            counts.update(executor.submit(_finish).result())
        return counts

    def close(self, failed: bool) -> None:
        if self._sinks is not None:
            if failed:
                for sink in self._sinks.values():
                    sink.cancel()
            return
        for executor in self._executors:
            if failed:
                try:
                    executor.submit(_cancel).result(timeout=30)
                except Exception:  # a dead worker cancels nothing: its uncommitted files are cleaned next time
                    pass
            executor.shutdown(wait=True, cancel_futures=True)
        self._executors = []

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *_):
        self.close(failed=exc_type is not None)


_state: dict = {}


def _init_worker(owned, batch_size, limitmb, open_sink, parent_pid, authority_path=None):
    # Ctrl-C reaches the whole process group: the main process handles it (cancels, shuts the workers down).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    authority.load(authority_path)  # the index's authority file (issue 10): persons keyed as in the main process
    _state["sinks"] = {n: open_sink(path, batch_size, limitmb) for n, path in owned.items()}


def _exit_with_parent(parent_pid):
    """Exit (without committing) once the indexing process is gone: a fork server's child is not its child."""
    while True:
        time.sleep(0.5)
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the pid was reused by another user's process: ours is gone
            os._exit(1)


def _write_chunk(chunk):
    sinks = _state["sinks"]
    return [write_one(sinks, shard, where, article) for shard, where, article in chunk]


def _finish():
    out = {}
    for n, sink in _state["sinks"].items():
        sink.commit()
        sink.prepare()  # what the first search would compute (facet columns), in this worker
        out[n] = sink.doc_count()
    return out


def _cancel():
    for sink in _state["sinks"].values():
        sink.cancel()
