"""An archive's own authority file for the person facet (issue 10): what an archive's editors keep.

A UTF-8 TSV given to ``bayegan index --entities FILE``. One instruction per line; ``#`` starts a comment:

    person<TAB>canonical full name<TAB>other written forms, |-separated (optional; ~ marks a weak one)
    merge<TAB>value<TAB>the value it is counted as
    block<TAB>value

``person`` adds someone the gazetteer lacks (with the variants that should meet); ``merge`` makes two facet values
one; ``block`` keeps a value out of the facet. Values are written as a reader writes them and folded like every key.
A bad line is an error naming ``FILE:LINE`` (the index is not built with half a file).
"""

import hashlib
from pathlib import Path

from analyzers.lexicon import tokens


class AuthorityError(ValueError):
    pass


_persons: tuple = ()  # (canonical, aliases) rows added to the gazetteer
_merges: dict = {}  # value key -> value key
_blocks: frozenset = frozenset()
_digest = ""


def _value(text: str) -> str:
    return " ".join(tokens(text))


def parse(path) -> tuple[tuple, dict, frozenset]:
    persons, merges, blocks = [], {}, set()
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AuthorityError(f"{path}: cannot read the authority file ({exc.__class__.__name__}: {exc})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        action = fields[0].lower()
        where = f"{path}:{number}"
        if action == "person" and len(fields) in (2, 3) and tokens(fields[1]):
            aliases = tuple(a.strip() for a in (fields[2] if len(fields) == 3 else "").split("|") if a.strip())
            persons.append((fields[1], aliases))
        elif action == "merge" and len(fields) == 3 and tokens(fields[1]) and tokens(fields[2]):
            merges[_value(fields[1])] = _value(fields[2])
        elif action == "block" and len(fields) == 2 and tokens(fields[1]):
            blocks.add(_value(fields[1]))
        else:
            raise AuthorityError(f"{where}: expected 'person<TAB>name[<TAB>forms]', 'merge<TAB>value<TAB>into' or "
                                 f"'block<TAB>value', got {line[:80]!r}")
    return tuple(persons), merges, frozenset(blocks)


def load(path) -> None:
    """Use the authority file at ``path`` (None: none) in this process, from the next document on."""
    global _persons, _merges, _blocks, _digest
    if path is None:
        persons, merges, blocks, digest = (), {}, frozenset(), ""
        if digest == _digest:
            return
    else:
        # The file is compared before it is parsed: every engine opened on the index (and ``bayegan serve`` before
        # it) loads it again, and an unchanged file needs no second parse.
        try:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
        except OSError:
            digest = None  # parse() reports it
        if digest == _digest:
            return
        persons, merges, blocks = parse(path)
    _persons, _merges, _blocks, _digest = persons, merges, blocks, digest
    _forget_lexicons()


def _forget_lexicons() -> None:
    """Drop what was built from the gazetteer: the next document sees the added persons."""
    from analyzers import display, person_lexicon, person_values, persons
    person_lexicon.person_lexicon.cache_clear()
    display._gazetteer_labels.cache_clear()
    display._spellings.cache_clear()
    for cached in (person_values._normalized_gazetteer, person_values._canonicals, person_values._title_words):
        cached.cache_clear()
    persons._word_classes.clear()


def persons() -> tuple:
    return _persons


def merged(value: str) -> str:
    seen = set()
    while value in _merges and value not in seen:  # a cycle of merges stops where it began
        seen.add(value)
        value = _merges[value]
    return value


def blocked(value: str) -> bool:
    return value in _blocks


def digest() -> str:
    """A short hash of the file in use ("" for none): part of the index's fingerprint."""
    return _digest


__all__ = ["AuthorityError", "blocked", "digest", "load", "merged", "parse", "persons"]
