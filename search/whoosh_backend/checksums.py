"""Checksums of a shard's segment files: recorded after every commit, checked before the shard is written again.

Whoosh keeps no checksum of a segment. Bytes changed on disk (a bad sector, a copy cut short and padded, a stray
write) are found only where a reader happens to decode them, or never: a zeroed stretch in a segment's id
postings made ``bayegan index`` find none of the articles it was replacing, exit 0, and leave 71 documents for 50
articles (tests/search/test_corruption.py). So each commit records the size and CRC-32 of every file of the
shard's current segments (``CHECKSUMS.json``, written atomically after Whoosh's TOC), and ``check_shard`` compares
them before a run writes: a mismatch is one ``IndexDamaged`` naming the shard and the file.

A file is hashed once, when it first appears (segments never change after their commit; deletions live in the
TOC); CRC-32 (zlib) reads ~1 GB/s, so checking a 1,000,000-article index (~4 GB) costs a few seconds of a run
that takes many minutes. A file without an entry (a shard from before this, or a crash between the TOC and this
file) is not checked, and is hashed at the next commit.
"""

import json
import os
import zlib

FILE = "CHECKSUMS.json"
CHUNK = 1 << 20


def crc32(path: str) -> int:
    value = 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            value = zlib.crc32(chunk, value)
    return value


def segment_files(path: str) -> list[str]:
    """Names of the files of the segments the shard's current TOC names."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    from search.whoosh_backend.sink import INDEX_NAME

    toc = TOC.read(FileStorage(path), INDEX_NAME)
    keep = {s.segment_id() for s in toc.segments}
    pattern = TOC._segment_pattern(INDEX_NAME)
    return sorted(n for n in os.listdir(path) if (m := pattern.match(n)) and m.group(1) in keep)


def read(path: str) -> dict:
    try:
        with open(os.path.join(path, FILE), encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}  # missing or unreadable: nothing to compare (written again at the next commit)
    return data if isinstance(data, dict) else {}


def _entry(known: dict, name: str) -> list | None:
    """``[size, crc]`` recorded for ``name``, or None (none, or not of that shape)."""
    entry = known.get(name)
    return entry if isinstance(entry, list) and len(entry) == 2 else None


def record(path: str) -> None:
    """After a commit: the size and CRC-32 of every current segment file (new files hashed, gone ones dropped)."""
    known = read(path)
    out = {}
    for name in segment_files(path):
        full = os.path.join(path, name)
        size = os.path.getsize(full)
        entry = _entry(known, name)
        out[name] = entry if entry is not None and entry[0] == size else [size, crc32(full)]
    tmp = os.path.join(path, FILE + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(out, f)
    os.replace(tmp, os.path.join(path, FILE))


def mismatch(path: str, verified: set | None = None) -> str | None:
    """What differs between the shard's segment files and their recorded checksums (None: nothing). Names in
    ``verified`` are not hashed again (segment files never change after their commit); the names found equal are
    added to it."""
    known = read(path)
    if not known:
        return None
    for name in segment_files(path):
        entry = _entry(known, name)
        if entry is None or (verified is not None and name in verified):
            continue
        full = os.path.join(path, name)
        try:
            size = os.path.getsize(full)
            changed = size != entry[0] or crc32(full) != entry[1]
        except FileNotFoundError:
            continue  # merged away by a commit since the TOC was read: not this shard's any more
        if changed and name in segment_files(path):  # still named by the latest commit: really changed
            if size != entry[0]:
                return f"the segment file {name} is {size} bytes, {entry[0]} when written"
            return f"the segment file {name} changed on disk since it was written (checksum)"
        if verified is not None and not changed:
            verified.add(name)
    return None
