"""Writing one Whoosh shard: created or opened, cleaned of what a failed commit left, batched commits.

One plain Whoosh writer at a time (``AsyncWriter`` and ``procs=2`` lose documents in Whoosh 2.7). Commits every
``batch_size`` documents: a crash or ``kill -9`` loses at most the current batch. Whoosh's TOC is written
atomically and its write lock is an ``flock`` (released by the kernel with a dead process), so the shard always
opens at its last commit. A commit that failed (``No space left on device``) leaves segment files the TOC does not
name: they are removed when the shard is next opened for writing, so a rerun after freeing space works.
"""

import os
import time
from contextlib import contextmanager

from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from search.core.errors import IndexBusy, IndexDamaged, IndexIncompatible, IndexProblem
from search.whoosh_backend import checksums
from search.whoosh_backend.schema import build_schema, to_fields

INDEX_NAME = "MAIN"
LOCK_NAME = "MAIN_WRITELOCK"
# Measured on Hamshahri (CPU seconds, plain Whoosh): commits every 1000 articles cost less than every 250 (fewer
# segment writes) and than every 2500+ (bigger in-memory sorts, more lost on a crash); a pool below ~128 MB
# spills postings to disk (+30-70% CPU).
BATCH_SIZE = 1000
LIMIT_MB = 256
# Seconds to wait for a shard's write lock: the workers of a killed run take up to a second to exit.
LOCK_WAIT = 5.0


def create_shard(path: str) -> None:
    """An empty shard at ``path`` (an existing one is emptied)."""
    os.makedirs(path, exist_ok=True)
    storage = FileStorage(path)
    lock = storage.lock(LOCK_NAME)
    if not _acquire(lock, LOCK_WAIT):
        raise IndexBusy(os.path.dirname(path), "a shard is locked")
    try:
        storage.create_index(build_schema(), indexname=INDEX_NAME)
        remove_leftovers(path)
        # which shard this folder is: folders swapped or copied into the wrong place are told on open, before a
        # rerun writes each article into the shard its id says while its old copy sits in the other (a doubled count)
        with open(os.path.join(path, IDENTITY), "w", encoding="utf-8") as f:
            f.write(os.path.basename(os.path.normpath(path)))
    finally:
        lock.release()


def _acquire(lock, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not lock.acquire():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def open_shard_index(path: str):
    """The Whoosh index of the shard at ``path``; one clear error when it is missing, foreign or damaged."""
    if not os.path.isdir(path):
        raise IndexDamaged(os.path.dirname(path), f"shard {os.path.basename(path)} is missing")
    storage = FileStorage(path)
    try:
        ix = storage.open_index(INDEX_NAME)
    except windex.EmptyIndexError:
        raise IndexDamaged(os.path.dirname(path), f"shard {os.path.basename(path)} holds no index") from None
    except Exception as exc:  # a truncated TOC, unreadable files ...: Whoosh raises many kinds
        raise IndexDamaged(os.path.dirname(path), f"shard {os.path.basename(path)}: "
                           f"{type(exc).__name__}: {exc}") from None
    if set(ix.schema.names()) != set(build_schema().names()):
        raise IndexIncompatible(os.path.dirname(path), "it was built with another schema")
    _check_identity(path)
    return ix


IDENTITY = "SHARD"  # a shard folder's own name, written when it is created


def _check_identity(path: str) -> None:
    name = os.path.basename(os.path.normpath(path))
    try:
        with open(os.path.join(path, IDENTITY), encoding="utf-8") as f:
            own = f.read().strip()
    except FileNotFoundError:
        return  # a shard from before the identity file: nothing to compare
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexDamaged(os.path.dirname(path), f"shard {name}: its identity file cannot be read "
                                                  f"({type(exc).__name__})") from None
    if own != name:
        raise IndexDamaged(os.path.dirname(path), f"the folder {name} holds shard {own[:40]!r} (shard folders "
                                                  "swapped or moved): put them back or index again with --rebuild")


def check_shard(path: str) -> None:
    """Open the shard at ``path`` and a reader over every segment of its latest commit (what a writer opens when
    it replaces articles or merges): a truncated, emptied or garbled segment is one ``IndexDamaged`` naming the
    shard here, not a traceback from a worker process later."""
    ix = open_shard_index(path)
    try:
        reader = ix.reader()
        try:
            reader.doc_count_all()
        finally:
            reader.close()
        changed = checksums.mismatch(path)  # bytes no reader decodes until it is too late (checksums)
    except Exception as exc:
        raise IndexDamaged(os.path.dirname(path), f"shard {os.path.basename(path)}: "
                           f"{type(exc).__name__}: {exc}") from None
    if changed:
        raise IndexDamaged(os.path.dirname(path), f"shard {os.path.basename(path)}: {changed}")


def remove_leftovers(path: str) -> int:
    """Delete the files of segments and TOCs the current TOC does not name (what a failed commit wrote), and
    stray temporary files; the count removed. Call with the write lock held."""
    from whoosh.index import TOC

    storage = FileStorage(path)
    try:
        toc = TOC.read(storage, INDEX_NAME)
    except Exception:
        return 0
    keep = {s.segment_id() for s in toc.segments}
    toc_pattern, seg_pattern = TOC._pattern(INDEX_NAME), TOC._segment_pattern(INDEX_NAME)
    removed = 0
    for name in os.listdir(path):
        full = os.path.join(path, name)
        toc_m, seg_m = toc_pattern.match(name), seg_pattern.match(name)
        stale = (toc_m and int(toc_m.group(1)) != toc.generation) or (seg_m and seg_m.group(1) not in keep) \
            or name.endswith(".tmp")
        if stale and os.path.isfile(full):
            try:
                os.remove(full)
                removed += 1
            except OSError:
                pass
    return removed


class ShardSink:
    """Adds, replaces and deletes documents of one shard through one Whoosh writer at a time."""

    def __init__(self, path: str, batch_size: int = BATCH_SIZE, limitmb: int = LIMIT_MB):
        self.path = path
        self.ix = open_shard_index(path)
        self.batch_size = max(1, batch_size)
        self.limitmb = limitmb
        self.writer = None
        self.pending: set[str] = set()
        self.started_empty = False  # known once the write lock is ours (see _writer)
        self.committed: set[str] = set()
        self.commits = 0

    def _writer(self):
        if self.writer is None:
            first = self.commits == 0 and not self.pending
            if first:
                self._clean()
            try:
                self.writer = self.ix.writer(limitmb=self.limitmb, timeout=LOCK_WAIT)
            except LockError:
                raise IndexBusy(os.path.dirname(self.path)) from None
            if first:
                # Only now, with the lock held, is the shard's content settled: on a shard that started empty,
                # only ids committed by this run can need replacing (no look-ups).
                self.ix = self.ix.refresh()
                self.started_empty = self.ix.doc_count_all() == 0
        return self.writer

    def _clean(self):
        """Remove what a failed commit left, holding the write lock (a new writer creates its segment's files at
        once, so this must come before it)."""
        lock = FileStorage(self.path).lock(LOCK_NAME)
        if not _acquire(lock, LOCK_WAIT):
            raise IndexBusy(os.path.dirname(self.path))
        try:
            remove_leftovers(self.path)
        finally:
            lock.release()

    @contextmanager
    def _reading_segments(self):
        """Around what reads the shard's committed segments (replacing looks ids up, a commit merges): a damaged
        segment that opened cleanly fails here, in Whoosh's many ways (``Block tag error``, ``EOFError``,
        ``zlib.error`` ...), and is one ``IndexDamaged`` naming the shard. A full disk (``OSError``) stays itself."""
        try:
            yield
        except (OSError, MemoryError, IndexProblem):
            raise
        except Exception as exc:  # noqa: BLE001 - Whoosh's readers raise many kinds on damaged bytes
            raise IndexDamaged(os.path.dirname(self.path), f"shard {os.path.basename(self.path)}: "
                               f"{type(exc).__name__}: {exc}") from None

    def add(self, doc: dict) -> bool:
        """Add ``doc`` (backend-neutral fields); True when it replaced a document with its id."""
        doc_id = doc["id"]
        if doc_id in self.pending:
            self.commit()  # Whoosh cannot delete a document it has not committed yet: commit, then replace it
        writer = self._writer()
        replaced = False
        if not self.started_empty or doc_id in self.committed:
            with self._reading_segments():
                replaced = writer.delete_by_term("id", doc_id) > 0
        writer.add_document(**to_fields(doc))
        self.pending.add(doc_id)
        if len(self.pending) >= self.batch_size:
            self.commit()
        return replaced

    def delete(self, doc_id: str) -> bool:
        if doc_id in self.pending:
            self.commit()
        self.started_empty = False
        writer = self._writer()
        with self._reading_segments():
            return writer.delete_by_term("id", doc_id) > 0

    def commit(self, merge: bool = True) -> None:
        if self.writer is not None:
            with self._reading_segments():
                self.writer.commit(merge=merge)
            self.writer = None
            checksums.record(self.path)
            self.commits += 1
            if self.started_empty:
                self.committed |= self.pending
            self.pending = set()

    def cancel(self) -> None:
        if self.writer is not None:
            try:
                self.writer.cancel()
            finally:
                self.writer = None
                self.pending = set()

    def doc_count(self) -> int:
        return self.ix.doc_count()

    def prepare(self) -> None:
        """After the last commit: compute the facet columns and the frequent terms' decoded postings of the new
        segments and save them beside the shard (``columns.SegmentCache``, ``hotpostings.HotPostings``), here, in
        the process that wrote them (in parallel across workers), instead of in the first server that opens the
        index (columns: ~17 s at 100,000 articles before its first answer; postings: ~30 s at 1,000,000 of a
        background thread slowing the first searches). Best effort: what cannot be saved now is computed on first
        open, as before."""
        from search.whoosh_backend.columns import SegmentCache
        from search.whoosh_backend.hotpostings import HotPostings
        from search.whoosh_backend.shard import CACHE_DIR

        cache_dir = os.path.join(self.path, CACHE_DIR)
        cache, hot = SegmentCache(cache_dir), HotPostings(cache_dir)
        try:
            with self.ix.refresh().reader() as reader:
                leaves = reader.leaf_readers() if reader.doc_count_all() else []
                for leaf, _ in leaves:
                    cache.get(leaf)
                    hot.save_missing(leaf)
                cache.keep_only(leaves)
                hot.keep_only({leaf.segment().segment_id() for leaf, _ in leaves})
        except (OSError, ValueError):
            pass


def compact_shard(path: str) -> tuple[int, int, int]:
    """Merge every segment of the shard at ``path`` into one and drop its deleted documents, in one commit:
    ``(segments before, segments after, documents)``."""
    sink = ShardSink(path)
    writer = sink._writer()  # the sink removes what a failed commit left, then takes the lock
    before = _segment_count(sink.ix)
    try:
        writer.commit(optimize=True)
    except BaseException:
        writer.cancel()
        raise
    finally:
        sink.writer = None
    checksums.record(path)
    ix = open_shard_index(path)
    return before, _segment_count(ix), ix.doc_count()


def _segment_count(ix) -> int:
    with ix.reader() as reader:
        return len(reader.leaf_readers()) if reader.doc_count_all() else 0
