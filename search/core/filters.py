"""Filters passed as parameters (facet clicks, CLI options): normalized and checked (the core turns them into
the shard plan's facet selections and query nodes).

Multi-select within a facet is OR, across facets AND. Unknown keys are reported in ``messages`` and ignored; a
value that cannot be understood (a country nobody knows, a month «13870», a date «فردا») is reported and kept as
given, so it matches nothing: a filter never widens a search. Nothing is raised.
"""

import datetime

from analyzers.dates import parse_date
from search.core import query as Q
from search.core.notices import notice
from search.core.daterange import BadDate, bounds
from search.core.facets import BY_NAME

KNOWN = (*BY_NAME, "from", "to")
MAX_VALUES = 50


def normalize(filters, columns, messages) -> dict:
    """{facet: [values]} plus "source": [..], "from"/"to": ISO date strings; only keys that carry something."""
    out = {}
    if not filters:
        return out
    if not isinstance(filters, dict):
        messages.append(notice("filters_not_a_mapping"))
        return out
    for key, raw in filters.items():
        if key not in KNOWN:
            messages.append(notice("unknown_filter", name=str(key)))
            continue
        if key in ("from", "to"):
            day = _day(raw, key, messages)
            if day is not None:
                out[key] = day if isinstance(day, str) else day.isoformat()
            continue
        values = [raw] if isinstance(raw, (str, int)) else list(raw or [])
        cleaned = []
        for raw_value in values[:MAX_VALUES]:
            if raw_value is None:  # no value (a JSON null), not the word «None»
                continue
            for v in _values(key, str(raw_value), columns, messages):
                if v and v not in cleaned:
                    cleaned.append(v)
        if cleaned:
            out[key] = cleaned
    if _iso(out.get("from")) and _iso(out.get("to")) and out["from"] > out["to"]:
        messages.append(notice("from_after_to"))
    return out


def date_node(flt):
    """The query node of the normalized ``from``/``to`` bounds: a date range, or nothing when one of them was not
    understood (``normalize`` kept it as given and said so)."""
    if not (_iso(flt.get("from", "0001-01-01")) and _iso(flt.get("to", "0001-01-01"))):
        return Q.Nothing()
    lo = datetime.date.fromisoformat(flt["from"]) if "from" in flt else None
    hi = datetime.date.fromisoformat(flt["to"]) if "to" in flt else None
    return Q.DateRange(lo, hi)


def _iso(value) -> bool:
    try:
        datetime.date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


def _day(raw, key, messages):
    if isinstance(raw, datetime.date):
        return raw
    text = str(raw or "").strip()
    if not text:
        return None
    try:
        lo, hi = bounds(text)
        return lo if key == "from" else hi
    except BadDate:
        pass
    day = parse_date(text)
    if day is None:
        messages.append(notice("unreadable_date", value=text))
        return text  # kept as given: matches nothing (see date_node)
    return day


def _values(key, v, columns, messages) -> list:
    """The keys one filter value stands for (``search.core.facets``: each facet reads its own values)."""
    v = v.strip()
    if not v:
        return []
    known = columns.facets[key].ids if key in ("person", "country") else ()
    return BY_NAME[key].keys(v, known, messages)
