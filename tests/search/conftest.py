"""Fixtures for the search tests: one engine on the demo index, and the demo articles as the index stores them
with their analyzed terms, for brute-force expectations computed without the search layer."""

import datetime

import pytest

from analyzers.analysis import index_analyzer
from search import SearchEngine


@pytest.fixture(scope="session")
def engine(demo_index):
    return SearchEngine(demo_index)


def _split(value):
    if not value:
        return []
    return [v for v in value.split(",") if v] if isinstance(value, str) else list(value)


@pytest.fixture(scope="session")
def articles(demo_index):
    """id -> {"terms", "persons", "countries", "date", "year_jalali", "month_jalali", "source"}."""
    import jdatetime

    from shard_helpers import stored_docs

    analyzer = index_analyzer()
    out = {}
    for stored in stored_docs(demo_index).values():
        text = "\n".join(str(stored.get(k) or "") for k in ("title", "summary", "body"))
        date = stored.get("date")
        day = date.date() if isinstance(date, datetime.datetime) else None
        j = jdatetime.date.fromgregorian(date=day) if day else None
        out[stored["id"]] = {
            "terms": {t.text for t in analyzer(text)},
            "persons": _split(stored.get("persons")),
            "countries": _split(stored.get("countries")),
            "date": day,
            "year_jalali": f"{j.year:04d}" if j else None,
            "month_jalali": f"{j.year:04d}-{j.month:02d}" if j else None,
            "source": stored.get("source"),
        }
    return out
