"""Display labels and name resolution for facet values, through the analyzers' contracts.

``analyzers.entities`` and ``analyzers.dates`` own the knowledge (country names, person aliases, Jalali labels);
this module only adapts their answers to facet values.
"""

import functools

import icu

from analyzers.dates import jalali_label
from analyzers.entities import country_label as _country_label
from analyzers.entities import resolve_country as _resolve_country
from analyzers.entities import resolve_person as _resolve_person
from analyzers.fold import ZWNJ, fold
from analyzers.latin import country_code as _latin_country
from analyzers.latin import person_form as _latin_person

__all__ = ["country_label", "resolve_country", "resolve_person", "known_person", "jalali_label",
           "sort_buckets", "folded", "starts_with"]


def country_label(code: str) -> str:
    return _country_label(code) or code


def resolve_country(text: str) -> str | None:
    """The ISO code of a country name, alias, demonym or code, Persian or English («Iraq», «IRQ», «UK»); a code
    nobody knows (ZZ) is none."""
    return _resolve_country(text) or _resolve_country(_spaced(text)) or _latin_country(text) or None


def resolve_person(text: str) -> list[str]:
    """Canonical person keys for a name or alias, in Persian or Latin script («Ahmadinejad»); the folded text itself
    when nothing better is known."""
    text = _latin_person(text) or text
    keys = _resolve_person(text)
    if isinstance(text, str) and ZWNJ in text and not _known(keys):
        spaced = _resolve_person(_spaced(text))
        keys = spaced if _known(spaced) else keys
    return list(keys) or [fold(text).strip()]


def _spaced(text: str) -> str:
    """A name written with half-spaces as words («ایالات‌متحده»: the query reader joins dictionary compounds)."""
    return text.replace(ZWNJ, " ") if isinstance(text, str) else text


def _known(keys) -> bool:
    from analyzers.person_lexicon import person_lexicon

    return any(key in person_lexicon().surname_of for key in keys)


def known_person(text: str) -> bool:
    """Whether ``text`` names a gazetteer person (in Persian or Latin script), not just a name as typed."""
    return _known(resolve_person(text))


@functools.lru_cache(maxsize=1)
def collator():
    return icu.Collator.createInstance(icu.Locale("fa"))


def sort_buckets(buckets: list[dict]) -> list[dict]:
    """Most frequent first, ties in Persian alphabetical order (ICU ``fa`` collation)."""
    key = collator().getSortKey
    return sorted(buckets, key=lambda b: (-b["count"], key(b["label"])))


def folded(text: str) -> str:
    """``text`` as facet values are compared: folded, lower-cased, trimmed."""
    return fold(text).strip().lower()


def starts_with(text: str, want: str) -> bool:
    """``text`` (folded) or one of its words starts with ``want``: a facet search box finds «علی لاریجانی» by
    «لاریجانی» and «دی ۱۳۸۷» by «۱۳۸۷»."""
    value = fold(text).lower()
    return value.startswith(want) or any(w.startswith(want) for w in value.replace("\u200c", " ").split())
