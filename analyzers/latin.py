"""Names in Latin script: `person:Ahmadinejad`, `country:Iraq`, or a plain `Obama`, read as the Persian names.

Persons: resources/people_latin.tsv gives the gazetteer people their common Latin spellings. Countries: ICU's
English region names, plus resources/countries_latin.tsv (USA, UK, Britain ...), and ISO alpha-3 codes. A Latin
name is a key of lower-case ASCII words (accents dropped; hyphens, dots and apostrophes separate or vanish), so
«Ahmadi-Nejad», «ahmadi nejad» and «AHMADI NEJAD» are one key.
"""

import functools
import re
import unicodedata

import icu

from analyzers.lexicon import read_table, tokens

_SEPARATORS = str.maketrans({"-": " ", "_": " ", "&": " and ", ".": None, "'": None, "’": None, "‘": None,
                             "`": None, "(": " ", ")": " ", ",": " "})
_LATIN_WORD = re.compile(r"[a-z0-9]+")


def latin_key(text: str) -> tuple[str, ...]:
    """The words of a Latin-script name, lower-case ASCII; () when ``text`` has letters of another script."""
    if not isinstance(text, str):
        return ()
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = plain.lower().translate(_SEPARATORS).split()
    return tuple(words) if words and all(_LATIN_WORD.fullmatch(w) for w in words) else ()


def is_latin(text: str) -> bool:
    return bool(latin_key(text))


@functools.cache
def person_names() -> dict[tuple[str, ...], str]:
    """Latin key -> the Persian written form it stands for (a full name, or a surname standing for every person who
    bears it, as the Persian surname does)."""
    out: dict[tuple[str, ...], str] = {}
    for row in read_table("people_latin.tsv"):
        canonical, full, pairs = (row + ["", ""])[:3]
        persian_words = tokens(canonical)
        for name in (n for n in full.split("|") if n.strip()):
            key = latin_key(name)
            out.setdefault(key, canonical)
            if len(key) == len(persian_words) > 1:  # «Ali Larijani» = «علی لاریجانی»: «Larijani» = «لاریجانی»
                out.setdefault(key[-1:], canonical.split()[-1])
        for pair in (p for p in pairs.split("|") if p.strip()):
            latin, _, persian = pair.partition("=")
            out.setdefault(latin_key(latin), persian.strip())
    out.pop((), None)
    return out


@functools.cache
def country_names() -> dict[tuple[str, ...], str]:
    """Latin key -> ISO alpha-2 code: ICU's English name («Iraq», «United States», «Myanmar (Burma)» gives both)
    and the names of resources/countries_latin.tsv."""
    english = icu.Locale("en")
    out: dict[tuple[str, ...], str] = {}
    for code in icu.Locale.getISOCountries():
        name = icu.Locale("", code).getDisplayCountry(english)
        forms = [name, *re.findall(r"\((.+?)\)", name), re.sub(r"\s*\(.+?\)", "", name)]
        forms += [f.replace("St. ", "Saint ") for f in forms if "St. " in f]
        for form in forms:
            out.setdefault(latin_key(form), code)
    for code, names in ((row[0], row[1]) for row in read_table("countries_latin.tsv")):
        for name in names.split("|"):
            out[latin_key(name)] = code
    out.pop((), None)
    return out


@functools.cache
def country_codes() -> dict[str, str]:
    """ISO alpha-3 code («IRQ») -> alpha-2 code; for ``country:`` values only (as plain words «CAN», «PER», «ARE» are
    English words)."""
    return {icu.Locale("", code).getISO3Country(): code for code in icu.Locale.getISOCountries()}


def person_form(text: str) -> str | None:
    """The Persian written form of a Latin person name («Ahmadinejad» -> «احمدی‌نژاد»), or None."""
    return person_names().get(latin_key(text))


def country_code(text: str, codes: bool = True) -> str | None:
    """The ISO alpha-2 code of an English country name («Iraq» -> «IQ») or, when ``codes``, of an alpha-3 code
    («IRQ»); None if unknown."""
    if codes and isinstance(text, str) and text.strip().upper() in country_codes():
        return country_codes()[text.strip().upper()]
    return country_names().get(latin_key(text))


__all__ = ["country_code", "country_codes", "country_names", "is_latin", "latin_key", "person_form", "person_names"]
