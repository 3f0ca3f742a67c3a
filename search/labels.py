"""Display labels and name resolution for facet values, through the analyzers' contracts.

``analyzers.entities`` and ``analyzers.dates`` own the knowledge (country names, person aliases, Jalali labels);
this module only adapts their answers to facet values and falls back to the raw key when a part is missing, so a
search never fails because a label is unknown.
"""

import datetime
import functools

import icu
import jdatetime

from analyzers.fold import fold

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")


def _entities():
    """analyzers.entities (the contract), or analyzers.countries which holds the country half of it."""
    try:
        from analyzers import entities
        return entities
    except ImportError:
        pass
    try:
        from analyzers import countries
        return countries
    except ImportError:
        return None


def _dates():
    try:
        from analyzers import dates
        return dates
    except ImportError:
        return None


def persian_digits(s) -> str:
    return fold(str(s)).translate(_PERSIAN_DIGITS)


def country_label(code: str) -> str:
    entities = _entities()
    if entities is not None and hasattr(entities, "country_label"):
        try:
            return entities.country_label(code) or code
        except Exception:  # a label is cosmetic: the code is still a correct answer
            return code
    return code


def resolve_country(text: str) -> str | None:
    entities = _entities()
    if entities is not None and hasattr(entities, "resolve_country"):
        try:
            # The gazetteer knows every ISO code it can extract: a code it does not know (ZZ, UK) is no country.
            return entities.resolve_country(text) or None
        except Exception:
            pass
    stripped = text.strip()
    return stripped.upper() if len(stripped) == 2 and stripped.isascii() and stripped.isalpha() else None


def resolve_person(text: str) -> list[str]:
    """Canonical person keys for a name or alias; the folded text itself when nothing better is known."""
    entities = _entities()
    if entities is not None and hasattr(entities, "resolve_person"):
        try:
            keys = entities.resolve_person(text)
        except Exception:
            keys = None
        if isinstance(keys, str):
            keys = [keys]
        if keys:
            return list(keys)
    return [fold(text).strip()]


def jalali_label(date: datetime.date) -> str:
    dates = _dates()
    if dates is not None and hasattr(dates, "jalali_label"):
        try:
            return dates.jalali_label(date)
        except Exception:
            pass
    j = jdatetime.date.fromgregorian(date=date)
    return f"{persian_digits(j.day)} {_MONTHS[j.month - 1]} {persian_digits(j.year)}"


def month_label(value: str) -> str:
    """ "1387-10" -> «دی ۱۳۸۷» """
    try:
        year, month = value.split("-")
        return f"{_MONTHS[int(month) - 1]} {persian_digits(year)}"
    except (ValueError, IndexError):
        return value


def facet_label(facet: str, value: str) -> str:
    if facet == "country":
        return country_label(value)
    if facet == "year_jalali":
        return persian_digits(value)
    if facet == "month_jalali":
        return month_label(value)
    return value


@functools.lru_cache(maxsize=1)
def collator():
    return icu.Collator.createInstance(icu.Locale("fa"))


def sort_buckets(buckets: list[dict]) -> list[dict]:
    """Most frequent first, ties in Persian alphabetical order (ICU ``fa`` collation)."""
    key = collator().getSortKey
    return sorted(buckets, key=lambda b: (-b["count"], key(b["label"])))
