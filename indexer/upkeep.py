"""Index upkeep: delete articles by id, and compact the index (merge each shard's segments, drop deleted
documents).

Each shard changes in one commit, and a commit is all-or-nothing: Whoosh writes a commit's files first and its table
of contents (TOC) last, atomically (a temporary file renamed), and readers only follow the TOC. A ``kill -9``
before the rename leaves that shard at its previous commit (plus unreferenced files, removed the next time the
shard is written); after it, at the new one. So a killed command leaves every shard readable, at its old or its new
state, and running it again completes the job. Write locks are ``flock``s, released by the kernel with a dead
process. The manifest's article counts are written last.
"""

from dataclasses import dataclass, field

from search.core import manifest as mf
from search.core import store


@dataclass
class DeleteResult:
    deleted: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)   # ids that are not in the index
    documents: int = 0                                   # documents left


def delete_articles(index_dir: str, ids) -> DeleteResult:
    """Delete the articles with these ids: one commit (of deletion marks only) per shard that holds any."""
    manifest = store.open_manifest(index_dir)
    backend = store.backend(manifest.backend, index_dir)
    paths = store.shard_paths(index_dir, manifest)
    by_shard: dict[int, list[str]] = {}
    for doc_id in dict.fromkeys(i for i in ids if i):
        by_shard.setdefault(mf.shard_of(doc_id, manifest.shard_count), []).append(doc_id)
    result = DeleteResult()
    counts = {}
    for shard, shard_ids in sorted(by_shard.items()):
        backend.check_shard(paths[shard])  # a damaged segment: its ids would look missing (one line instead)
        sink = backend.ShardSink(paths[shard])
        try:
            for doc_id in shard_ids:
                (result.deleted if sink.delete(doc_id) else result.missing).append(doc_id)
            sink.commit(merge=False)  # rewriting segments is compact's job
        except BaseException:
            sink.cancel()
            raise
        counts[shard] = backend.open_shard_index(paths[shard]).doc_count()
    store.record_counts(index_dir, manifest, counts)
    result.documents = store.open_manifest(index_dir).articles
    return result


def read_ids(path: str) -> list[str]:
    """Ids from a file, one per line (blank lines and lines starting with ``#`` ignored); ``-`` reads stdin."""
    import sys

    stream = sys.stdin if path == "-" else open(path, encoding="utf-8-sig")
    with stream:
        return [line.strip() for line in stream if line.strip() and not line.lstrip().startswith("#")]


def compact(index_dir: str) -> tuple[int, int, int]:
    """Merge each shard's segments into one, dropping deleted documents: ``(segments before, after, documents)``."""
    manifest = store.open_manifest(index_dir)
    backend = store.backend(manifest.backend, index_dir)
    before = after = 0
    counts = {}
    paths = store.shard_paths(index_dir, manifest)
    for path in paths:  # every shard checked before any is rewritten: a damaged segment is not merged into a new one
        backend.check_shard(path)
    for shard, path in enumerate(paths):
        segments_before, segments_after, counts[shard] = backend.compact_shard(path)
        before, after = before + segments_before, after + segments_after
    store.record_counts(index_dir, manifest, counts)
    return before, after, sum(counts.values())
