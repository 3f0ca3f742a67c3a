"""Name lexicons: Persian first names, the gazetteer of recurring people, and the words the analyzer must not stem.

First names come from ``persian-gender-detection`` (≈19k Iranian first names, MIT) plus resources/first_names.txt
(Arabic, Turkish and foreign first names that appear in news, written by us). The gazetteer is
resources/people.tsv. ``protected_words()`` is what the analyzer consults: a name must reach the index as written
(hazm's stemmer and lemmatizer mangle names: لاریجانی -> لاریجان).
"""

import csv
import functools
import io
from importlib import resources

from analyzers import countries
from analyzers.lexicon import read_lines, read_table, squash, tokens

# Entries of the package's list that are ordinary words far more often than names are dropped from the first-name
# lexicon (not from protected_words: protecting an ordinary word from stemming costs nothing for its bare form).
_FIRST_NAME_PACKAGE = ("persian_gender_detection", "gender/iranianNamesDataset.csv")


@functools.cache
def package_names() -> tuple[str, ...]:
    """The names persian-gender-detection ships, as it writes them."""
    package, path = _FIRST_NAME_PACKAGE
    try:
        text = resources.files(package).joinpath(path).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # the package is optional at import time; our list remains
        return ()
    return tuple(row[0] for row in csv.reader(io.StringIO(text)) if row and row[0] != "Names")


@functools.cache
def package_first_names() -> frozenset[str]:
    """Single-token first names shipped by persian-gender-detection, folded and squashed."""
    out = set()
    for name in package_names():
        toks = tokens(name)
        if len(toks) == 1 and len(toks[0]) > 1:
            out.add(squash(toks[0]))
    return frozenset(out)


@functools.cache
def own_first_names() -> frozenset[str]:
    """Our list: common first names in news text, including Arabic, Turkish and Western names in Persian script."""
    out = set()
    for line in read_lines("first_names.txt"):
        toks = tokens(line)
        if len(toks) == 1:
            out.add(squash(toks[0]))
    return frozenset(out)


@functools.cache
def not_first_names() -> frozenset[str]:
    """Words in the package's list that are ordinary words in news text far more often than first names."""
    return frozenset(squash(t) for line in read_lines("not_first_names.txt") for t in tokens(line))


@functools.cache
def first_names() -> frozenset[str]:
    return (package_first_names() - not_first_names()) | own_first_names()


def gazetteer() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(canonical full name, other written forms) per person of resources/people.tsv and of the authority file in
    use (``analyzers.authority``); '~' and '?' mark weak and shared aliases."""
    from analyzers import authority  # an archive's own additions (``bayegan index --entities``)
    return _table_gazetteer() + authority.persons()


@functools.cache
def _table_gazetteer() -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = []
    for row in read_table("people.tsv"):
        canonical = row[0].strip()
        aliases = tuple(a.strip() for a in (row[1] if len(row) > 1 else "").split("|") if a.strip())
        out.append((canonical, aliases))
    return tuple(out)


@functools.cache
def protected_words() -> frozenset[str]:
    """Folded single tokens that must never be stemmed or lemmatized: first names, gazetteer names, countries.

    Tokens are folded with ``analyzers.fold.fold``; names written with ZWNJ are present both with the ZWNJ
    («خامنه‌ای») and squeezed («خامنهای»), and their ZWNJ-separated parts are present too. Words of hazm's
    dictionary inside names («مقام», «رهبری», and the ordinary words the first-name package lists) are left out:
    they are words first, and the lemmatizer keeps a dictionary word as it is anyway.
    """
    from analyzers.person_lexicon import dictionary_words  # hazm's word list: loaded once, on first use

    dictionary = dictionary_words()
    surnames, others = set(), set(package_first_names())
    for canonical, aliases in _table_gazetteer():  # never the authority file: terms are the same everywhere
        for phrase in (canonical, *aliases):
            toks = tokens(phrase.lstrip("~?"))
            for n, tok in enumerate(toks):
                # A surname is always protected (the lemmatizer would cut «خامنه‌ای» to «خامنه»); other words of
                # a name only when they are no dictionary word.
                target = surnames if n == len(toks) - 1 else others
                target.update((tok, squash(tok)))
                target.update(p for p in tok.split("\u200c") if len(p) > 1)
    words = surnames | {w for w in others if squash(w) not in dictionary}
    words |= own_first_names() | countries.name_tokens()
    return frozenset(w for w in words if len(w) > 1)
