"""Name-safe lemmatization on top of hazm's dictionary Lemmatizer.

Terms arrive folded and without ZWNJ (``کتابها``, ``میروند``), so hazm's word list and verb conjugation table are
re-keyed once per process the same way. Rules, in order (why: hazm's own order keeps ``کتابها`` as a word, and its
Stemmer strips any suffix, mangling names such as لاریجانی → لاریجان):

1. a protected name (``analyzers.names.protected_words()``) is returned unchanged;
2. a word written with a half-space (or a joined space, or joined where hazm's list spells it with a half-space:
   هستهای as هسته‌ای) before a known suffix whose first part is a dictionary word → that part (کتاب‌ها → کتاب,
   خانه‌ای → خانه, هستهای → هسته);
3. a verb form written with a part boundary, a می/نمی prefix or a perfect ending → hazm's verb lemma
   ``past#present`` (می‌روند, رفته اند → رفت#رو), even where hazm's word list also holds the form;
4. a ها-plural/possessive whose stem is a dictionary word → that stem (کتابهای → کتاب; not تنها);
5. a dictionary word → itself (ایران, تهران, انتخابات);
6. any other conjugated verb → its verb lemma;
7. other suffixes (یان, گان, ان, ات, ترین, تر, ای) whose stem is a dictionary word → the stem;
8. anything else is returned unchanged.

The tables live in a module-level lazy singleton, so analyzers that use them pickle small.
"""

import hashlib
import json
import os
import tempfile
import threading
from importlib import metadata
from pathlib import Path

from analyzers.fold import SIGNATURE, ZWNJ, fold

_HA_SUFFIXES = ("هایشان", "هایتان", "هایمان", "هایی", "هایم", "هایت", "هایش", "های", "ها")
# (suffix, replacement): نمایندگان → نماینده, دانشجویان → دانشجو, کشاورزان → کشاورز.
_OTHER_SUFFIXES = (
    ("ترین", ""), ("یان", ""), ("گان", "ه"), ("ان", ""), ("ات", ""), ("تر", ""), ("ای", ""),
)
# A suffix after a half-space: the part before it is the word (خانه‌ای → خانه, not خان + های).
_BOUND_SUFFIXES = frozenset(_HA_SUFFIXES) | {"ترین", "تر", "تری", "ای", "ی", "ان", "ات", "ام", "اش", "ایم", "اید"}
_VERB_PREFIXES = ("می", "نمی")
_PERFECT_ENDINGS = ("هاند", "هایم", "هاید")
_MIN_STEM = 2
# Words that end in ها but are not plurals (تنها "alone" is not تن "body" + ها).
_NOT_PLURAL = frozenset({"تنها", "منتها", "انتها", "بها", "رها"})

_lock = threading.Lock()
_tables = None
_cache: dict[str, str] = {}
_CACHE_LIMIT = 500_000


def _key(word: str) -> str:
    return fold(word).replace(ZWNJ, "")


def _protected() -> frozenset[str]:
    from analyzers.names import protected_words  # lazy: the name lexicons load only when the tables are built

    return frozenset(_key(w) for w in protected_words())


# Second parts that are suffixes, not words: the tokenizer's own suffix rules decide about them.
_NOT_COMPOUND_TAILS = frozenset({"ها", "های", "هایی", "ای", "ی", "ام", "ات", "اش", "تر", "ترین", "تری", "اند", "ایم", "اید"})
# Bump when the way the tables are derived from hazm's lists changes (invalidates the disk cache).
_TABLES_VERSION = 4


def _compounds_of(hazm_words) -> dict[str, frozenset[str]]:
    found = {}
    for word in hazm_words:
        parts = fold(word).split(ZWNJ)
        if len(parts) == 2 and len(parts[0]) >= 2 and len(parts[1]) >= 2 and parts[1] not in _NOT_COMPOUND_TAILS:
            found.setdefault(parts[0], set()).add(parts[1])
    return {k: frozenset(v) for k, v in found.items()}


def _build_from_hazm():
    """(words, verbs, joined, compounds) re-keyed from hazm's word list (joined: the half-space spelling of
    suffixed words by their joined spelling) and verb conjugations (about 3 s with hazm's import)."""
    from hazm import Lemmatizer

    lem = Lemmatizer(joined_verb_parts=False)
    words = frozenset(_key(w) for w in lem.words)
    verbs = {}
    for form, lemma in lem.verbs.items():
        verbs.setdefault(_key(form), fold(lemma).replace(" ", ""))  # hazm has a few lemmas with a stray space
    # Words hazm writes with a half-space before a suffix (هسته‌ای، حرفه‌ای): their joined spelling must take the
    # same path as the half-space one, or «هستهای» and «هسته‌ای» would index as different terms.
    joined = {}
    for w in map(fold, lem.words):
        if ZWNJ in w and w.rsplit(ZWNJ, 1)[1] in _BOUND_SUFFIXES:
            joined[w.replace(ZWNJ, "")] = w
    return words, verbs, joined, _compounds_of(lem.words)


def _cache_path() -> Path:
    """A per-user cache file named by everything the tables depend on: hazm's version, the folding (its table and
    variant rules), the rules."""
    try:
        hazm_version = metadata.version("hazm")
    except metadata.PackageNotFoundError:
        hazm_version = "?"
    digest = hashlib.sha1(repr((hazm_version, SIGNATURE, _TABLES_VERSION)).encode()).hexdigest()[:16]
    root = os.environ.get("BAYEGAN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "bayegan")
    return Path(root) / f"lemma-tables-{digest}.json"


def _load_or_build():
    """Every process needs the tables and building them costs seconds (hazm's import alone is ~1 s), so they are
    kept in a per-user cache file; a missing, unreadable or unwritable cache only means building them here."""
    path = _cache_path()
    try:
        with open(path, encoding="utf-8") as f:
            return _from_json(json.load(f))
    except (OSError, ValueError, TypeError, KeyError):  # missing, damaged, or of another shape: built again
        pass
    built = _build_from_hazm()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as tmp:
            json.dump(_to_json(built), tmp, ensure_ascii=False)
        os.replace(tmp.name, path)  # atomic: concurrent processes never read a half-written file
    except OSError:
        pass
    return built


# The cache is JSON, not a pickle: a file in a user's folder must never be able to run code when read.
def _to_json(tables) -> dict:
    words, verbs, joined, compound_parts = tables
    return {"words": sorted(words), "verbs": verbs, "joined": joined,
            "compounds": {k: sorted(v) for k, v in compound_parts.items()}}


def _from_json(data: dict):
    words = frozenset(data["words"])
    verbs, joined = dict(data["verbs"]), dict(data["joined"])
    if not all(isinstance(w, str) for w in words) or not all(isinstance(v, str) for v in verbs.values()):
        raise ValueError("not the lemma tables")
    return words, verbs, joined, {k: frozenset(v) for k, v in data["compounds"].items()}


def tables():
    """(words, verbs, joined, protected): built once per process."""
    global _tables
    if _tables is None:
        with _lock:
            if _tables is None:
                words, verbs, joined, compound_parts = _load_or_build()
                _tables = (words, verbs, joined, _protected())
                global _compounds
                _compounds = compound_parts
    return _tables


_compounds = None


def compounds() -> dict[str, frozenset[str]]:
    """First part -> second parts of the two-part words hazm writes with a half-space (بین‌المللی، بهره‌برداری),
    ZWNJ-free: the tokenizer joins them when the text wrote them apart, so every spelling gives one term."""
    tables()
    return _compounds


def _lemma(key: str) -> str:
    words, verbs, joined, protected = tables()
    term = key.replace(ZWNJ, "")
    if term in protected:
        return term
    if ZWNJ not in key:
        key = joined.get(term, key)
    if ZWNJ in key:
        # Written with a half-space (or joined from a space): the last part is a suffix or a verb ending.
        base, suffix = key.rsplit(ZWNJ, 1)
        base = base.replace(ZWNJ, "")
        if suffix in _BOUND_SUFFIXES and (base in words or base in protected):
            return base
    if term in verbs and (ZWNJ in key or term.startswith(_VERB_PREFIXES) or term.endswith(_PERFECT_ENDINGS)):
        return verbs[term]  # a verb form, also when hazm's word list happens to hold it (میکند، رفتهاند)
    if term not in _NOT_PLURAL:
        for suffix in _HA_SUFFIXES:
            if term.endswith(suffix):
                stem = term[: -len(suffix)]
                if len(stem) >= _MIN_STEM and stem in words:
                    return stem
                break
    if term in words:
        return term
    verb = verbs.get(term)
    if verb is not None:
        return verb
    for suffix, repl in _OTHER_SUFFIXES:
        if term.endswith(suffix):
            stem = term[: -len(suffix)] + repl
            if len(stem) >= _MIN_STEM and stem in words:
                return stem
    return term


def lemma(key: str) -> str:
    """The lemma of a folded term; ``key`` may hold a ZWNJ where the text marked a suffix (کتاب‌ها) (cached)."""
    got = _cache.get(key)
    if got is None:
        if len(_cache) > _CACHE_LIMIT:
            _cache.clear()  # bounded memory on endless streams of new words (numbers, typos)
        got = _cache[key] = _lemma(key)
    return got
