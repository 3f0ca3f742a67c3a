"""From records to ready-to-write documents, in a worker process while the main process writes the index.

Whoosh's writer is single-threaded pure Python, and Persian analysis plus entity extraction cost as much again,
so they run in a second process: it maps fields, parses dates, extracts entities and analyzes the text fields into
postings (``PreIndexed``); the main process only adds postings to the index. Results come back in input order (the
last of two articles with one id must win), with at most a few chunks in flight so memory stays flat.

Workers are forked before the index writer takes its lock, so no worker ever holds the lock's file descriptor, and
each worker exits when its parent disappears (``kill -9`` of the main process leaves no orphan behind).
"""

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from indexer.document import to_document
from indexer.fields import BadRecord
from indexer.mapping import FieldMap, stable_id
from indexer.readers import Record
from indexer.schema import TEXT_FIELDS, PreIndexed

# One worker: on Hamshahri a worker needs ~2.8 ms of CPU per article and the writer ~2.7 ms (bench/bench_index.py),
# so one keeps the writer busy and a second only competes for the cores. On one core a worker only adds IPC.
DEFAULT_JOBS = 1 if (os.cpu_count() or 1) > 1 else 0
CHUNK = 32          # records per task: amortizes inter-process overhead, keeps results flowing
IN_FLIGHT = 16      # chunks queued per worker: ~500 articles each, enough to keep workers busy through a commit


@dataclass
class Prepared:
    where: str                      # FILE:LINE
    doc: dict | None = None         # Whoosh fields, ready for add_document
    skip: str | None = None         # why the record is not indexed
    warnings: list[str] = field(default_factory=list)


def prepare(record: Record, field_map: FieldMap, schema=None) -> Prepared:
    """One record to a document (or a skip reason). With ``schema``, text fields come back pre-analyzed.

    A record with neither data nor error is a notice about its file: only its warnings come back."""
    warnings = list(record.warnings)
    if record.error:
        return Prepared(record.where, skip=record.error, warnings=warnings)
    if record.data is None:
        return Prepared(record.where, warnings=warnings)
    try:
        article = field_map.article(record.data, warnings, record.canonical)
    except BadRecord as exc:
        return Prepared(record.where, skip=str(exc), warnings=warnings)
    if not (article.get("title") or article.get("body") or article.get("summary")):
        return Prepared(record.where, skip=no_text_reason(record), warnings=warnings)
    if "id" not in article:
        article["id"] = stable_id(article)
    doc = to_document(article)
    if article.get("date") and "date" not in doc:
        warnings.append(f"unreadable date {article['date']!r}: indexed without a date")
    if schema is not None:
        _preanalyze(doc, schema)
    return Prepared(record.where, doc=doc, warnings=warnings)


def no_text_reason(record: Record) -> str:
    if record.canonical:
        return "no text (the page or item has no title and no text)"
    columns = ", ".join(str(k) for k in list(record.data)[:20]) or "none"
    return f"no text (no title, body or summary; columns found: {columns}; name one with --field body=COLUMN)"


def safe_prepare(record: Record, field_map: FieldMap, schema=None) -> Prepared:
    """``prepare``, with an unexpected failure on one odd record reported as its skip reason, not a crash."""
    try:
        return prepare(record, field_map, schema)
    except Exception as exc:  # noqa: BLE001 - one article must not stop an archive
        return Prepared(record.where, skip=f"could not be processed ({type(exc).__name__}: {exc})",
                        warnings=list(record.warnings))


def _preanalyze(doc: dict, schema) -> None:
    for name in TEXT_FIELDS:
        text = doc.get(name)
        if text:
            doc[name] = PreIndexed(list(schema[name].index(text)))
            if schema[name].stored:
                doc["_stored_" + name] = text


class WorkerPool:
    """Worker processes, started (forked) before the index lock is taken; use as a context manager.

    ``jobs=0`` prepares in this process (small inputs, tests): same results, text analyzed by the writer.
    """

    def __init__(self, jobs: int, field_map: FieldMap, schema):
        self.jobs = jobs
        self.field_map = field_map
        self.executor = None
        if jobs > 0:
            # Load the analyzers' lexicons and models (hazm, gazetteers: seconds) once, here, so every worker
            # starts with them in copy-on-write memory instead of loading its own copy.
            safe_prepare(Record("warm-up", 0, data={"title": "علی لاریجانی در تهران", "date": "1387/10/21"}),
                         field_map, schema)
            self.executor = ProcessPoolExecutor(
                max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                initializer=_init_worker, initargs=(field_map, schema, os.getpid()))
            # Start the processes now, while this process holds no lock.
            list(self.executor.map(_ping, range(jobs)))

    def prepared(self, records):
        """``Prepared`` results in record order."""
        if self.executor is None:
            yield from (safe_prepare(r, self.field_map) for r in records)
            return
        pending = deque()
        chunk = []
        for record in records:
            chunk.append(record)
            if len(chunk) == CHUNK:
                pending.append(self.executor.submit(_prepare_chunk, chunk))
                chunk = []
                while len(pending) >= IN_FLIGHT * self.jobs:
                    yield from pending.popleft().result()
        if chunk:
            pending.append(self.executor.submit(_prepare_chunk, chunk))
        while pending:
            yield from pending.popleft().result()

    def close(self):
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_worker_state: dict = {}


def _init_worker(field_map, schema, parent_pid):
    # Ctrl-C reaches the whole process group: the main process handles it (cancels the open batch, shuts the
    # pool down); a worker dying of it first would only turn that into a BrokenProcessPool error.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_state.update(field_map=field_map, schema=schema)
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()


def _exit_with_parent(parent_pid):
    while True:
        time.sleep(0.5)
        if os.getppid() != parent_pid:
            os._exit(1)


def _ping(_):
    return os.getpid()


def _prepare_chunk(records):
    state = _worker_state
    return [safe_prepare(r, state["field_map"], state["schema"]) for r in records]
