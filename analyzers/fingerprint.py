"""The analyzer's fingerprint: one hash of everything that decides which terms and entity keys a text gets.

An index stores the fingerprint of the analyzer that built it (in its manifest). A search with another analyzer
would look up terms the index never had («رییس» folded one way at index time, another at query time) and find
nothing, silently; comparing fingerprints at open time turns that into a clear "rebuild" message instead.

What goes in: the folding table, our word lists (``analyzers/resources``), hazm's data files (dictionary, verbs,
stop words: the lemmas and compounds derive from them), the first-name package's list, ICU's version (country
names come from ICU) and ``RULES_VERSION``, a number to bump whenever a rule written in code changes what a word
becomes (tokenizer joins, lemma order, entity patterns). Tables are hashed, not source files: a comment or a
refactor does not force a rebuild.
"""

import functools
import hashlib
import importlib.util
from importlib import metadata, resources
from pathlib import Path

# Bump when code (not data) changes the terms or entity keys an article gets.
RULES_VERSION = 2  # 2: issue 10 (named-after heads, person values, country evidence)
_HAZM_FILES = ("words.dat", "verbs.dat", "stopwords.dat")


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)  # without importing: hazm's import costs a second
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


@functools.cache
def fingerprint() -> str:
    """A short hex digest of the analyzer's tables (stable across processes and machines with the same tables)."""
    import icu

    from analyzers import fold

    h = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        h.update(label.encode() + b"\0" + len(data).to_bytes(8, "big") + data)

    add("rules", str(RULES_VERSION).encode())
    add("fold", repr(sorted(fold.TABLE.items())).encode())
    for extra in getattr(fold, "FINGERPRINT_PARTS", ()):  # rule tables beyond the one-character map
        add("fold-extra", repr(extra).encode())
    folder = resources.files("analyzers").joinpath("resources")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".txt", ".tsv")):
            add("resource:" + entry.name, entry.read_bytes())
    hazm = _package_dir("hazm")
    add("hazm", _version("hazm").encode())
    for name in _HAZM_FILES:
        path = hazm / "data" / name if hazm else None
        add("hazm:" + name, path.read_bytes() if path and path.exists() else b"")
    names = _package_dir("persian_gender_detection")
    dataset = names / "gender" / "iranianNamesDataset.csv" if names else None
    add("first-names", dataset.read_bytes() if dataset and dataset.exists() else b"")
    add("icu", icu.ICU_VERSION.encode())
    return h.hexdigest()[:20]
