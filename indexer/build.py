"""Index archives: ``index_archives(paths, index_dir, rebuild=False, ...) -> Summary`` (the indexer's Python API).

Incremental by article id: an article whose id is in the index replaces it, so indexing an archive twice leaves
the count unchanged. Commits every ``batch_size`` articles: a crash or ``kill -9`` loses at most the current batch
and a re-run completes the index (Whoosh's TOC is written atomically, and its write lock is an ``flock``, which the
kernel releases with the dead process, so the ``MAIN_WRITELOCK`` file a killed run leaves behind is not held).
"""

import os
import sys
import time
from dataclasses import asdict, dataclass

from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from indexer.duplicates import DuplicateIds
from indexer.location import INDEX_NAME
from indexer.mapping import FieldMap
from indexer.pipeline import DEFAULT_JOBS, WorkerPool
from indexer.readers import archive_files, count_articles, read_records
from indexer.readers.text import encoding_name
from indexer.schema import build_schema
from indexer.survey import survey

LOCK_NAME = "MAIN_WRITELOCK"
# Writer settings, measured on Hamshahri (CPU seconds, plain Whoosh): commits every 1000 articles cost less than
# every 250 (fewer segment writes) and than every 2500+ (bigger in-memory sorts, and more lost on a crash);
# a pool below ~128 MB spills postings to disk (+30-70% CPU). Whoosh's default merge policy (MERGE_SMALL) stays:
# it merges only once small segments pile up, so commits do not rewrite the index.
BATCH_SIZE = 1000
LIMIT_MB = 256
LOG_EVERY = 10.0   # seconds between progress lines when stderr is not a terminal


class IndexUnavailable(RuntimeError):
    """The index cannot be written (locked by a running process, or built with another schema)."""


@dataclass
class Summary:
    indexed: int = 0        # articles written by this run (new or replacing)
    replaced: int = 0       # of which replaced an article with the same id
    skipped: int = 0        # records not indexed (reported as FILE:LINE: reason)
    warnings: int = 0       # problems reported without skipping (unreadable date, bytes replaced, empty file)
    seconds: float = 0.0
    documents: int = 0      # documents in the index after the run

    @property
    def rate(self) -> float:
        return self.indexed / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        return (f"indexed {self.indexed} articles ({self.replaced} replaced), skipped {self.skipped}, "
                f"warnings {self.warnings}, {self.seconds:.1f} s, {self.rate:.1f} articles/s; "
                f"the index holds {self.documents} documents")

    def as_dict(self) -> dict:
        return {**asdict(self), "articles_per_second": round(self.rate, 1)}


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def check_inputs(paths, fmt: str | None = None) -> None:
    """Fail before touching the index when an archive is missing or its format cannot be told."""
    for _ in archive_files(paths, fmt):
        pass


def open_index(index_dir: str, rebuild: bool = False):
    """The index in ``index_dir``, created (or emptied, with ``rebuild``) as needed."""
    os.makedirs(index_dir, exist_ok=True)
    storage = FileStorage(index_dir)
    if rebuild or not storage.index_exists(INDEX_NAME):
        lock = storage.lock(LOCK_NAME)
        if not lock.acquire():
            raise IndexUnavailable(f"{index_dir}: another process is writing this index")
        try:
            return storage.create_index(build_schema(), indexname=INDEX_NAME)
        finally:
            lock.release()
    try:
        ix = storage.open_index(INDEX_NAME)
    except Exception as exc:  # an index from an incompatible version of the code, or damaged by hand
        raise IndexUnavailable(f"{index_dir}: cannot open the index ({type(exc).__name__}: {exc}); "
                               "re-run with --rebuild") from exc
    expected = set(build_schema().names())
    if set(ix.schema.names()) != expected:
        raise IndexUnavailable(f"{index_dir}: built with another schema (fields differ); re-run with --rebuild")
    return ix


class _BatchWriter:
    """Adds documents through one plain Whoosh writer at a time, committing every ``batch_size`` documents."""

    def __init__(self, ix, batch_size: int, limitmb: int):
        self.ix = ix
        self.batch_size = max(1, batch_size)
        self.limitmb = limitmb
        self.writer = None
        self.pending: set[str] = set()
        # On an index that started empty, only ids committed by this run can need replacing (no lookups).
        self.started_empty = ix.doc_count() == 0
        self.committed: set[str] = set()
        self.commits = 0

    def _writer(self):
        if self.writer is None:
            try:
                self.writer = self.ix.writer(limitmb=self.limitmb, timeout=2.0)
            except LockError:
                raise IndexUnavailable(f"{self.ix.storage.folder}: another process is writing this index") from None
        return self.writer

    def add(self, doc: dict) -> bool:
        """Add ``doc``; True when it replaced a document with its id."""
        doc_id = doc["id"]
        if doc_id in self.pending:
            # Whoosh cannot delete a document it has not committed yet: commit, then replace it.
            self.commit()
        writer = self._writer()
        replaced = False
        if not self.started_empty or doc_id in self.committed:
            replaced = writer.delete_by_term("id", doc_id) > 0
        writer.add_document(**doc)
        self.pending.add(doc_id)
        if len(self.pending) >= self.batch_size:
            self.commit()
        return replaced

    def commit(self) -> None:
        if self.writer is not None:
            self.writer.commit()
            self.writer = None
            self.commits += 1
            if self.started_empty:
                self.committed |= self.pending
            self.pending = set()

    def cancel(self) -> None:
        if self.writer is not None:
            self.writer.cancel()
            self.writer = None
            self.pending = set()


def index_archives(paths, index_dir: str, rebuild: bool = False, *, fmt: str | None = None,
                   fields: dict[str, str] | None = None, encoding: str | None = None, batch_size: int = BATCH_SIZE,
                   jobs: int | None = None, limitmb: int = LIMIT_MB, progress: bool = False,
                   report=_stderr) -> Summary:
    """Index every article of ``paths`` (files, folders or feed URLs) into ``index_dir``.

    ``fields`` overrides the field mapping (``{"body": "text"}``); ``encoding`` forces the encoding of every
    archive (None: detected per file); ``jobs`` is the number of analysis processes
    (0 analyzes in this process; None: ``pipeline.DEFAULT_JOBS``); ``report`` receives the ``FILE:LINE: reason``
    lines and the progress lines.
    """
    paths = list(paths)
    jobs = DEFAULT_JOBS if jobs is None else jobs
    check_inputs(paths, fmt)
    encoding = encoding_name(encoding) if encoding else None
    field_map = FieldMap(fields)
    started = time.monotonic()
    survey(paths, fmt, encoding, field_map, report)
    ix = open_index(index_dir, rebuild)
    summary = Summary()
    # Workers fork before any writer exists, so they never inherit the write lock, and before the progress bar
    # starts its monitor thread (forking a threaded process can deadlock the child).
    with WorkerPool(jobs, field_map, ix.schema) as pool:
        meter = _Progress(progress, report, started, total=count_articles(paths, fmt) if progress else None)
        batch = _BatchWriter(ix, batch_size, limitmb)
        duplicates = DuplicateIds()
        try:
            for item in pool.prepared(read_records(paths, fmt, encoding)):
                if item.doc is not None:
                    duplicate = duplicates.check(item.doc["id"], item.where)
                    if duplicate:
                        item.warnings.append(duplicate)
                for warning in item.warnings:
                    summary.warnings += 1
                    meter.write(f"{item.where}: warning: {warning}")
                if item.skip is not None:
                    summary.skipped += 1
                    meter.write(f"{item.where}: {item.skip}; skipped")
                elif item.doc is not None:
                    summary.replaced += batch.add(item.doc)
                    summary.indexed += 1
                meter.advance(summary, batch.commits)
            batch.commit()
        except BaseException:
            batch.cancel()   # what was committed stays; the current batch is dropped cleanly
            meter.close()
            raise
    meter.close()
    summary.seconds = time.monotonic() - started
    summary.documents = ix.doc_count()
    return summary


class _Progress:
    """A tqdm bar (articles/s) on a terminal; otherwise a plain log line every ``LOG_EVERY`` seconds."""

    def __init__(self, bar: bool, report, started: float, total: int | None = None):
        self.report = report
        self.started = started
        self.last = started
        self.bar = None
        if bar:
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit=" articles", desc="indexing", file=sys.stderr, mininterval=0.5,
                            smoothing=0.1)

    def write(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            self.report(message)

    def advance(self, summary: Summary, commits: int) -> None:
        if self.bar is not None:
            self.bar.update(1)
            return
        now = time.monotonic()
        if now - self.last >= LOG_EVERY:
            self.last = now
            rate = summary.indexed / (now - self.started)
            self.report(f"indexed {summary.indexed} articles, {rate:.1f} articles/s, {commits} commits")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
