"""Index upkeep: delete articles by id, and compact the index (merge its segments, drop deleted documents).

Both go through one Whoosh writer and end in one commit, so they are all-or-nothing: Whoosh writes a commit's
files first and its table of contents (TOC) last, atomically (a temporary file renamed), and readers only follow
the TOC. A ``kill -9`` before the rename leaves the previous commit in force (plus unreferenced files, which the
next commit removes); after it, the new one. The write lock is an ``flock`` the kernel releases with a dead process.
"""

from dataclasses import dataclass, field

from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from indexer.location import INDEX_NAME, require_index

LOCK_TIMEOUT = 2.0


class IndexBusy(RuntimeError):
    """Another process holds the index's write lock."""


@dataclass
class DeleteResult:
    deleted: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)   # ids that are not in the index
    documents: int = 0                                   # documents left


def _open(index_dir: str):
    require_index(index_dir)
    return FileStorage(index_dir).open_index(INDEX_NAME)


def _writer(ix, index_dir: str):
    try:
        return ix.writer(timeout=LOCK_TIMEOUT)
    except LockError:
        raise IndexBusy(f"{index_dir}: another process is writing this index; try again when it is done") from None


def delete_articles(index_dir: str, ids) -> DeleteResult:
    """Delete the articles with these ids, in one commit."""
    ix = _open(index_dir)
    result = DeleteResult()
    wanted = list(dict.fromkeys(i for i in ids if i))
    writer = _writer(ix, index_dir)
    try:
        for doc_id in wanted:
            (result.deleted if writer.delete_by_term("id", doc_id) else result.missing).append(doc_id)
        if result.deleted:
            writer.commit(merge=False)  # deletion marks only: rewriting segments is compact's job
        else:
            writer.cancel()
    except BaseException:
        writer.cancel()
        raise
    result.documents = ix.refresh().doc_count()
    return result


def read_ids(path: str) -> list[str]:
    """Ids from a file, one per line (blank lines and lines starting with ``#`` ignored); ``-`` reads stdin."""
    import sys

    stream = sys.stdin if path == "-" else open(path, encoding="utf-8-sig")
    with stream:
        return [line.strip() for line in stream if line.strip() and not line.lstrip().startswith("#")]


def compact(index_dir: str) -> tuple[int, int, int]:
    """Merge every segment into one and drop deleted documents: ``(segments before, after, documents)``."""
    ix = _open(index_dir)
    before = _segment_count(ix)
    writer = _writer(ix, index_dir)
    try:
        writer.commit(optimize=True)
    except BaseException:
        writer.cancel()
        raise
    ix = ix.refresh()
    return before, _segment_count(ix), ix.doc_count()


def _segment_count(ix) -> int:
    with ix.reader() as reader:
        return len(reader.leaf_readers()) if reader.doc_count_all() else 0
