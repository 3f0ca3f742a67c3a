"""Index archives: ``index_archives(paths, index_dir, rebuild=False, ...) -> Summary`` (the indexer's Python API).

The index folder holds ``shards`` shards and a manifest (``search.core.manifest``); each article goes to the shard
of its id, written by the process that owns that shard (``indexer.pipeline``). Incremental by id: an article whose
id is in the index replaces it, so indexing an archive twice leaves the count unchanged. Each shard commits every
``batch_size`` of its articles: a crash or ``kill -9`` loses at most the current batches and a re-run completes
the index.
"""

import sys
import time
from dataclasses import asdict, dataclass

from indexer import entities_file
from indexer.articles import to_article
from indexer.duplicates import DuplicateIds
from indexer.mapping import FieldMap
from indexer.pipeline import ShardWriters, default_jobs
from indexer.readers import archive_files, count_articles, read_records
from indexer.readers.text import encoding_name
from indexer.survey import survey
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
    warnings: int = 0       # problems reported without skipping (unreadable date, bytes replaced, empty file)
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
    for _ in archive_files(paths, fmt):
        pass


def index_archives(paths, index_dir: str, rebuild: bool = False, *, fmt: str | None = None,
                   fields: dict[str, str] | None = None, encoding: str | None = None, batch_size: int = BATCH_SIZE,
                   jobs: int | None = None, shards: int | None = None, limitmb: int = LIMIT_MB,
                   progress: bool = False, report=_stderr, ray: str | None = None,
                   entities: str | None = None) -> Summary:
    """Index every article of ``paths`` (files, folders or feed URLs) into ``index_dir``.

    ``fields`` overrides the field mapping (``{"body": "text"}``); ``encoding`` forces the encoding of every
    archive (None: detected per file); ``jobs``: analysis-and-writing processes (0:
    all in this process; None: one per core); ``shards``: for a new index (or with ``rebuild``) its number of
    shards (default: ``jobs``, at least 1), for an existing one it must match; ``report`` receives the
    ``FILE:LINE: reason`` lines and the progress lines. ``ray``: a Ray cluster's address (or ``local``): the
    shards are analyzed and written by Ray tasks on its nodes (``search.cluster.ray_build``). ``entities``: an
    authority file for the person facet (``indexer.entities_file``), kept with the index for later runs.
    """
    paths = list(paths)
    jobs = default_jobs() if jobs is None else max(0, jobs)
    check_inputs(paths, fmt)
    encoding = encoding_name(encoding) if encoding else None
    field_map = FieldMap(fields)
    started = time.monotonic()
    survey(paths, fmt, encoding, field_map, report)
    entities_file.check(index_dir, entities, rebuild, _has_articles(index_dir))
    if ray:
        return _index_on_ray(ray, paths, index_dir, rebuild, fmt, encoding, field_map, batch_size, shards, limitmb,
                             report, started, entities)
    try:
        if shards is None and (rebuild or not mf.exists(index_dir)):
            shards = max(1, jobs)
        manifest = store.create_or_open(index_dir, rebuild=rebuild, shards=shards)
    except IndexProblem as exc:
        raise IndexUnavailable(str(exc)) from None
    authority_path = entities_file.install(index_dir, entities)
    summary = Summary(shards=manifest.shard_count)
    paths_of_shards = store.shard_paths(index_dir, manifest)
    try:
        backend = store.backend(manifest.backend, index_dir)
        for path in paths_of_shards:  # a damaged shard or segment is named here, before any worker starts
            backend.check_shard(path)
        context = worker_context(manifest.backend) if jobs else None
        writers = ShardWriters(paths_of_shards, jobs, batch_size, limitmb, backend.ShardSink, context,
                               authority=authority_path)
    except IndexProblem as exc:
        raise IndexUnavailable(str(exc)) from None
    with writers:
        # The progress bar starts after the workers (forking a threaded process can deadlock the child).
        meter = _Progress(progress, report, started, total=count_articles(paths, fmt) if progress else None)
        try:
            for where, article in _articles(paths, fmt, encoding, field_map, summary, meter):
                writers.submit(mf.shard_of(article["id"], manifest.shard_count), where, article)
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


def _articles(paths, fmt, encoding, field_map, summary, meter):
    """``(FILE:LINE, article)`` of every record that holds one; the others and every warning reported."""
    duplicates = DuplicateIds()
    for record in read_records(paths, fmt, encoding):
        article, reason, warnings = to_article(record, field_map)
        if article is not None:
            duplicate = duplicates.check(article["id"], record.where)
            if duplicate:
                warnings.append(duplicate)
        for warning in warnings:
            summary.warnings += 1
            meter.write(f"{record.where}: warning: {warning}")
        if reason is not None:
            summary.skipped += 1
            meter.write(f"{record.where}: {reason}; skipped")
        elif article is not None:
            yield record.where, article


def _index_on_ray(address, paths, index_dir, rebuild, fmt, encoding, field_map, batch_size, shards, limitmb, report,
                  started, entities=None) -> Summary:
    from search.cluster import ray_build

    summary = Summary()
    meter = _Progress(False, report, started)
    try:
        counts, results = ray_build.build(address, _articles(paths, fmt, encoding, field_map, summary, meter),
                                          index_dir, rebuild=rebuild, shards=shards, batch_size=batch_size,
                                          limitmb=limitmb, report=report, entities=entities)
    except IndexProblem as exc:
        raise IndexUnavailable(str(exc)) from None
    for result in results:
        if isinstance(result, bool):  # written, without anything to report
            summary.indexed += 1
            summary.replaced += result
        else:
            _account(result, summary, meter)
    summary.shards = len(counts)
    summary.documents = sum(counts.values())
    summary.seconds = time.monotonic() - started
    return summary


def _has_articles(index_dir) -> bool:
    try:
        return store.open_manifest(index_dir).articles > 0
    except IndexProblem:
        return False


def _collect(writers: ShardWriters, summary: Summary, meter: "_Progress") -> None:
    for written in writers.ready():
        _account(written, summary, meter)


def _account(written, summary: Summary, meter: "_Progress") -> None:
    """Count one written (or skipped) article and report its warnings."""
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
