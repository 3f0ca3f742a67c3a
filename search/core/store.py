"""An index folder as a whole: its manifest and its shards, created, checked and opened through a backend.

The core names backends only by string (``manifest.backend``); ``backend(name)`` imports the package that
implements one, so nothing here imports a search library. A backend package provides ``create_shard(path)``,
``ShardSink(path, batch_size, limitmb)`` and ``open_shard(path)`` (see ``search.core.backend``).
"""

import importlib
import os
import shutil

from search.core import manifest as mf
from search.core.errors import IndexBusy, IndexIncompatible, IndexMissing

DEFAULT_BACKEND = "whoosh"
_BACKENDS = {"whoosh": "search.whoosh_backend"}
MAX_SHARDS = 64


def backend(name: str, index_dir="the index folder"):
    try:
        return importlib.import_module(_BACKENDS[name])
    except KeyError:
        raise IndexIncompatible(index_dir, f"unknown backend {name!r}") from None


def analyzer_fingerprint() -> str:
    from analyzers.fingerprint import fingerprint

    return fingerprint()


def shard_paths(index_dir, manifest: mf.Manifest) -> list[str]:
    return [os.path.join(os.fspath(index_dir), s.name) for s in manifest.shards]


def open_manifest(index_dir) -> mf.Manifest:
    """The manifest of an existing index built by this analyzer (else one clear ``IndexProblem``)."""
    manifest = mf.read(index_dir)
    backend(manifest.backend, index_dir)  # an unknown backend is named with the folder, by every command
    mf.check_analyzer(index_dir, manifest, analyzer_fingerprint())
    return manifest


AUTHORITY_FILE = "entities.tsv"  # the archive's authority file, kept with the index (indexer.entities_file)


def authority_file(index_dir) -> str | None:
    """The path of the index's authority file, or None when it has none."""
    path = os.path.join(os.fspath(index_dir), AUTHORITY_FILE)
    return path if os.path.exists(path) else None


def create_or_open(index_dir, *, rebuild: bool = False, shards: int | None = None,
                   backend_name: str = DEFAULT_BACKEND) -> mf.Manifest:
    """The manifest of ``index_dir`` for writing: created with ``shards`` empty shards when there is no index yet
    (or with ``rebuild``), else the existing one, which must agree with ``shards`` when given."""
    index_dir = os.fspath(index_dir)
    if shards is not None and not 1 <= shards <= MAX_SHARDS:
        raise ValueError(f"--shards must be from 1 to {MAX_SHARDS}, not {shards}")
    if not rebuild:
        try:
            manifest = open_manifest(index_dir)
        except IndexMissing:
            pass
        else:
            if shards is not None and shards != manifest.shard_count:
                raise ValueError(f"{index_dir} has {manifest.shard_count} shard(s), not {shards}: "
                                 "add --rebuild to change the number of shards")
            return manifest
    return _create(index_dir, shards or 1, backend_name)


def _create(index_dir: str, shards: int, backend_name: str) -> mf.Manifest:
    os.makedirs(index_dir, exist_ok=True)
    empty_folder(index_dir)
    manifest = mf.new_manifest(backend_name, analyzer_fingerprint(), shards)
    impl = backend(backend_name)
    for path in shard_paths(index_dir, manifest):
        impl.create_shard(path)
    mf.write(index_dir, manifest)
    return manifest


def empty_folder(index_dir: str) -> None:
    """Remove what a previous index left in ``index_dir`` (its shards, manifest, legacy files), nothing else of
    the user's: only names an index writes."""
    for name in os.listdir(index_dir):
        path = os.path.join(index_dir, name)
        ours = name in (mf.MANIFEST, AUTHORITY_FILE) or name.startswith(("shard-", ".manifest-", "_MAIN_", "MAIN", ".search-columns"))
        if not ours:
            continue
        try:
            if os.path.isdir(path):
                shutil.rmtree(path)
            else:
                os.remove(path)
        except PermissionError as exc:
            raise IndexBusy(index_dir, f"cannot remove {name}: {exc.strerror}") from None


def record_counts(index_dir, manifest: mf.Manifest, counts: dict[int, int]) -> None:
    """Write the article count of each shard into the manifest (after a build or an upkeep command)."""
    for number, count in counts.items():
        manifest.shards[number].articles = count
    mf.write(index_dir, manifest)
