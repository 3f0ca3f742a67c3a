"""The index folder's manifest: which shards it holds, which backend and analyzer made them, how many articles.

Layout of an index folder::

    DIR/manifest.json      this file's data (written atomically: a reader never sees half of it)
    DIR/shard-00/ ...      one folder per shard, in the backend's own format (a Whoosh index each)

An article always lives in shard ``shard_of(id, n)``: re-indexing an id replaces it in place, and a search of all
shards sees each article once. The manifest is written when the index is created (article counts 0) and again
when a build completes; a crashed build leaves the previous manifest, which names only shards that exist and open.
"""

import json
import os
import tempfile
import uuid
import zlib
from dataclasses import asdict, dataclass, field

from search.core.errors import IndexIncompatible, IndexMissing, IndexDamaged

FORMAT_VERSION = 2
MANIFEST = "manifest.json"
LEGACY_TOC_PREFIX = "_MAIN_"  # a folder holding one Whoosh index directly: Bayegan before shards


@dataclass
class ShardInfo:
    name: str
    articles: int = 0


@dataclass
class Manifest:
    backend: str
    analyzer: str
    shards: list = field(default_factory=list)  # ShardInfo
    format: int = FORMAT_VERSION
    build: str = ""  # a new id each time the index is created (or rebuilt): what a server watches for

    @property
    def shard_count(self) -> int:
        return len(self.shards)

    @property
    def articles(self) -> int:
        return sum(s.articles for s in self.shards)

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps({"format": data.pop("format"), **data}, ensure_ascii=False, indent=1)


def shard_name(number: int) -> str:
    return f"shard-{number:02d}"


def new_manifest(backend: str, analyzer: str, shards: int) -> Manifest:
    return Manifest(backend, analyzer, [ShardInfo(shard_name(i)) for i in range(shards)], build=uuid.uuid4().hex)


def shard_of(article_id: str, shards: int) -> int:
    """The shard an article id belongs to: a stable hash (the same on every machine and Python run)."""
    if shards == 1:
        return 0
    return zlib.crc32(article_id.encode("utf-8", "surrogatepass")) % shards


def manifest_path(index_dir) -> str:
    return os.path.join(os.fspath(index_dir), MANIFEST)


def exists(index_dir) -> bool:
    return os.path.isfile(manifest_path(index_dir))


def read(index_dir) -> Manifest:
    """The manifest of ``index_dir``; raises ``IndexMissing``, ``IndexIncompatible`` or ``IndexDamaged``."""
    index_dir = os.fspath(index_dir)
    path = manifest_path(index_dir)
    try:
        with open(path, encoding="utf-8") as f:
            raw = f.read()
    except FileNotFoundError:
        if os.path.isdir(index_dir) and any(n.startswith(LEGACY_TOC_PREFIX) for n in os.listdir(index_dir)):
            raise IndexIncompatible(index_dir, "it was made by an older version of Bayegan (one index, no "
                                    "manifest)") from None
        raise IndexMissing(index_dir) from None
    except (PermissionError, IsADirectoryError) as exc:
        raise IndexDamaged(index_dir, f"cannot read {MANIFEST}: {exc.strerror}") from None
    except OSError as exc:
        raise IndexDamaged(index_dir, f"cannot read {MANIFEST}: {exc}") from None
    try:
        data = json.loads(raw)
        if data.get("format") != FORMAT_VERSION:
            raise IndexIncompatible(index_dir, f"its format is {data.get('format')!r}, this Bayegan reads "
                                    f"{FORMAT_VERSION}")
        shards = [ShardInfo(str(s["name"]), int(s.get("articles", 0))) for s in data["shards"]]
        if not shards or any(os.sep in s.name or s.name.startswith(".") for s in shards):
            raise ValueError("bad shard list")
        return Manifest(str(data["backend"]), str(data["analyzer"]), shards, FORMAT_VERSION, str(data.get("build", "")))
    except IndexIncompatible:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise IndexDamaged(index_dir, f"{MANIFEST} is not a valid manifest ({exc})") from None


def write(index_dir, manifest: Manifest) -> None:
    """Write ``manifest`` atomically (a temporary file, flushed to disk, then renamed over the old one)."""
    index_dir = os.fspath(index_dir)
    fd, tmp = tempfile.mkstemp(dir=index_dir, prefix=".manifest-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(manifest.to_json())
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, manifest_path(index_dir))
    except BaseException:
        try:
            os.remove(tmp)
        except OSError:
            pass
        raise


def check_analyzer(index_dir, manifest: Manifest, current: str) -> None:
    """Raise ``IndexIncompatible`` when the index was built by another analyzer than ``current``."""
    if manifest.analyzer != current:
        raise IndexIncompatible(index_dir, f"it was built with another analyzer (fingerprint {manifest.analyzer},"
                                f" this one is {current}): its terms would not match the queries")
