"""Building a sharded index on a Ray cluster: one Ray task per shard analyzes and writes that shard.

The reading process maps every record to an article and its shard (as a local build does) and writes each shard's
articles to a work file in the index folder (storage every node reaches); a task per shard then runs the Persian
analysis and writes the shard through the backend's sink, on whichever node Ray chooses. A task lost with its node
is run again by Ray (``max_retries``): writing an article replaces the one with its id, so a repeated task gives
the same shard. A new index is built in a staging folder and moved into place only when every shard committed,
then the manifest is written: the manifest never names a half-written shard. Adding to an existing index writes
the shards in place (each commit is atomic) and rewrites the manifest's counts at the end.
"""

import json
import os
import shutil
import time
import uuid

from indexer import entities_file
from search.core import manifest as mf
from search.core import store
from search.core.errors import ClusterProblem

WORK = ".ray-work"
STAGING = ".ray-staging"
RETRIES = 3


def build(address, articles, index_dir: str, *, rebuild: bool, shards: int | None, batch_size: int, limitmb: int,
          report, entities: str | None = None) -> tuple[dict, list]:
    """Index ``articles`` (``(where, article)`` pairs, read and mapped by the caller) on the cluster; returns
    ``({shard: documents}, [Written...])``."""
    from search.cluster.ray_shards import connect

    ray = connect(address)
    index_dir = os.path.abspath(index_dir)
    fresh = rebuild or not mf.exists(index_dir)
    if fresh:
        os.makedirs(index_dir, exist_ok=True)
        target = os.path.join(index_dir, STAGING)
        shutil.rmtree(target, ignore_errors=True)
        manifest = store.create_or_open(target, rebuild=True, shards=shards or 1)
    else:
        target = index_dir
        manifest = store.create_or_open(index_dir, shards=shards)
    authority_path = entities_file.install(target, entities)  # on the shared storage: every node reads it
    work = os.path.join(index_dir, WORK, uuid.uuid4().hex)
    os.makedirs(work)
    try:
        started = time.monotonic()
        files = _split(articles, manifest.shard_count, work)
        report(f"ray: articles read and split into {len(files)} shard work files in "
               f"{time.monotonic() - started:.1f} s")
        task = ray.remote(max_retries=RETRIES, retry_exceptions=False, num_cpus=1)(_write_shard)
        paths = store.shard_paths(target, manifest)
        refs = {n: task.remote(manifest.backend, paths[n], files[n], batch_size, limitmb, authority_path)
                for n in range(manifest.shard_count) if n in files}
        counts, written = {}, []
        for n, ref in refs.items():
            try:
                counts[n], results, seconds, node = ray.get(ref)
            except Exception as exc:  # noqa: BLE001 - a task that failed after its retries: one clear line
                raise ClusterProblem(index_dir, f"shard {n} could not be built on the cluster ({type(exc).__name__}: "
                                   f"{str(exc).splitlines()[0] if str(exc) else ''}); nothing was replaced, "
                                   "run the same command again") from None
            written += results
            report(f"ray: {mf.shard_name(n)} written in {seconds:.1f} s on node {node[:12]} "
                   f"({counts[n]} documents)")
        for n in range(manifest.shard_count):
            counts.setdefault(n, manifest.shards[n].articles)
        store.record_counts(target, manifest, counts)
        if fresh:
            _move_into_place(target, index_dir, manifest)
        return counts, written
    finally:
        shutil.rmtree(os.path.join(index_dir, WORK), ignore_errors=True)


def _split(articles, shard_count: int, work: str) -> dict[int, str]:
    """One JSON Lines work file per shard holding ``[where, article]`` pairs, in input order."""
    handles, files = {}, {}
    try:
        for where, article in articles:
            n = mf.shard_of(article["id"], shard_count)
            if n not in handles:
                files[n] = os.path.join(work, f"{mf.shard_name(n)}.jsonl")
                handles[n] = open(files[n], "w", encoding="utf-8")
            handles[n].write(json.dumps([where, article], ensure_ascii=False) + "\n")
    finally:
        for h in handles.values():
            h.close()
    return files


def _write_shard(backend_name, shard_path, work_file, batch_size, limitmb, authority_path=None):
    """A Ray task: every article of one shard's work file written into the shard; (documents, [Written],
    seconds, node id)."""
    import ray

    from analyzers import authority
    from indexer.pipeline import write_one
    from search.core.store import backend

    authority.load(authority_path)  # the index's authority file (issue 10), on the shared storage

    started = time.monotonic()
    sink = backend(backend_name).ShardSink(shard_path, batch_size, limitmb)
    results = []
    try:
        with open(work_file, encoding="utf-8") as lines:
            for line in lines:
                where, article = json.loads(line)
                written = write_one({0: sink}, 0, where, article)
                if written.skip or written.warnings:
                    results.append(written)
                else:
                    results.append(written.replaced)  # most articles: just whether one was replaced
        sink.commit()
        sink.prepare()  # the facet columns, computed on the node that wrote the shard
    except BaseException:
        sink.cancel()
        raise
    return sink.doc_count(), results, time.monotonic() - started, ray.get_runtime_context().get_node_id()


def _move_into_place(staging: str, index_dir: str, manifest) -> None:
    """The staged shards replace the index's, then the manifest is written (last: it names only whole shards)."""
    store.empty_folder(index_dir)  # the staging and work folders are not the index's: they stay
    for name in [info.name for info in manifest.shards] + [store.AUTHORITY_FILE]:
        if os.path.exists(os.path.join(staging, name)):
            os.replace(os.path.join(staging, name), os.path.join(index_dir, name))
    mf.write(index_dir, manifest)
    shutil.rmtree(staging, ignore_errors=True)
