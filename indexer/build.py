"""Index archives: ``index_archives(paths, index_dir, rebuild=False, ...) -> Summary`` (the indexer's Python API).

The index folder holds ``shards`` shards and a manifest (``search.core.manifest``); each article goes to the shard
of its id, written by the process that owns that shard (``indexer.pipeline``). Incremental by id: an article whose
id is in the index replaces it, so indexing an archive twice leaves the count unchanged. Each shard commits every
``batch_size`` of its articles: a crash or ``kill -9`` loses at most the current batches and a re-run completes
the index.
"""

import os
import sys
import time
from dataclasses import asdict, dataclass

from indexer.mapping import FieldMap, normalize_value, stable_id
from indexer.pipeline import ShardWriters, default_jobs
from indexer.readers import Record, count_articles, detect_format, read_records
from search.core import manifest as mf
from search.core import store
from search.core.errors import IndexProblem
from search.core.transport import worker_context

BATCH_SIZE = 1000
LIMIT_MB = 256
LOG_EVERY = 10.0   # seconds between progress lines when stderr is not a terminal


class IndexUnavailable(RuntimeError):
    """The index cannot be written (locked by a running process, built with another analyzer, damaged)."""


@dataclass
class Summary:
    indexed: int = 0        # articles written by this run (new or replacing)
    replaced: int = 0       # of which replaced an article with the same id
    skipped: int = 0        # records not indexed (reported as FILE:LINE: reason)
    warnings: int = 0       # records indexed with a problem (unreadable date, invalid UTF-8 replaced)
    seconds: float = 0.0
    documents: int = 0      # documents in the index after the run
    shards: int = 0

    @property
    def rate(self) -> float:
        return self.indexed / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        return (f"indexed {self.indexed} articles ({self.replaced} replaced), skipped {self.skipped}, "
                f"warnings {self.warnings}, {self.seconds:.1f} s, {self.rate:.1f} articles/s; "
                f"the index holds {self.documents} documents in {self.shards} shard(s)")

    def as_dict(self) -> dict:
        return {**asdict(self), "articles_per_second": round(self.rate, 1)}


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def check_inputs(paths, fmt: str | None = None) -> None:
    """Fail before touching the index when an archive is missing or its format cannot be told."""
    for path in paths:
        if not os.path.exists(path):
            raise FileNotFoundError(f"{path}: no such file or folder")
        if os.path.isfile(path) and not fmt:
            detect_format(path)


def to_article(record: Record, field_map: FieldMap) -> tuple[dict | None, str | None]:
    """``(article, None)`` for a record that holds an article (with an id), else ``(None, reason)``."""
    if record.error:
        return None, record.error
    if record.canonical:
        article = {k: v for k, v in ((k, normalize_value(k, v)) for k, v in record.data.items()) if v}
    else:
        article = field_map.article(record.data)
    if not (article.get("title") or article.get("body") or article.get("summary")):
        return None, "no text (no title, body or summary)"
    if "id" not in article:
        article["id"] = stable_id(article)
    return article, None


def index_archives(paths, index_dir: str, rebuild: bool = False, *, fmt: str | None = None,
                   fields: dict[str, str] | None = None, batch_size: int = BATCH_SIZE, jobs: int | None = None,
                   shards: int | None = None, limitmb: int = LIMIT_MB, progress: bool = False,
                   report=_stderr) -> Summary:
    """Index every article of ``paths`` (files or folders) into ``index_dir``.

    ``fields`` overrides the field mapping (``{"body": "text"}``); ``jobs``: analysis-and-writing processes (0:
    all in this process; None: one per core); ``shards``: for a new index (or with ``rebuild``) its number of
    shards (default: ``jobs``, at least 1), for an existing one it must match; ``report`` receives the
    ``FILE:LINE: reason`` lines and the progress lines.
    """
    paths = list(paths)
    jobs = default_jobs() if jobs is None else max(0, jobs)
    check_inputs(paths, fmt)
    field_map = FieldMap(fields)
    started = time.monotonic()
    try:
        if shards is None and (rebuild or not mf.exists(index_dir)):
            shards = max(1, jobs)
        manifest = store.create_or_open(index_dir, rebuild=rebuild, shards=shards)
    except IndexProblem as exc:
        raise IndexUnavailable(str(exc)) from None
    backend = store.backend(manifest.backend)
    summary = Summary(shards=manifest.shard_count)
    paths_of_shards = store.shard_paths(index_dir, manifest)
    try:
        for path in paths_of_shards:  # a damaged shard is named here, before any worker starts
            backend.open_shard_index(path)
        context = worker_context(manifest.backend) if jobs else None
        writers = ShardWriters(paths_of_shards, jobs, batch_size, limitmb, backend.ShardSink, context)
    except IndexProblem as exc:
        raise IndexUnavailable(str(exc)) from None
    with writers:
        # The progress bar starts after the workers (forking a threaded process can deadlock the child).
        meter = _Progress(progress, report, started, total=count_articles(paths, fmt) if progress else None)
        try:
            for record in read_records(paths, fmt):
                for warning in record.warnings:
                    summary.warnings += 1
                    meter.write(f"{record.where}: warning: {warning}")
                article, reason = to_article(record, field_map)
                if article is None:
                    summary.skipped += 1
                    meter.write(f"{record.where}: {reason}; skipped")
                else:
                    writers.submit(mf.shard_of(article["id"], manifest.shard_count), record.where, article)
                _collect(writers, summary, meter)
            counts = writers.finish()
            _collect(writers, summary, meter)
        except IndexProblem as exc:
            meter.close()
            raise IndexUnavailable(str(exc)) from None
        except BaseException:
            meter.close()
            raise
    meter.close()
    store.record_counts(index_dir, manifest, counts)
    summary.seconds = time.monotonic() - started
    summary.documents = sum(counts.values())
    return summary


def _collect(writers: ShardWriters, summary: Summary, meter: "_Progress") -> None:
    for written in writers.ready():
        for warning in written.warnings:
            summary.warnings += 1
            meter.write(f"{written.where}: warning: {warning}")
        if written.skip:
            summary.skipped += 1
            meter.write(f"{written.where}: {written.skip}; skipped")
        else:
            summary.indexed += 1
            summary.replaced += written.replaced
        meter.advance(summary)


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

    def advance(self, summary: Summary) -> None:
        if self.bar is not None:
            self.bar.update(1)
            return
        now = time.monotonic()
        if now - self.last >= LOG_EVERY:
            self.last = now
            rate = summary.indexed / (now - self.started)
            self.report(f"indexed {summary.indexed} articles, {rate:.1f} articles/s")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
