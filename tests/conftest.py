"""Shared fixtures. ``demo_index``: the bundled demo archive indexed once per test session (search and web tests);
``articles``: its articles as the index stores them, with their analyzed terms, for brute-force expectations
computed without the search layer."""

import datetime
import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # hazm must never reach a model hub in tests

ROOT = Path(__file__).resolve().parent.parent
DEMO_ARCHIVE = ROOT / "examples" / "demo" / "news.jsonl"


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory) -> str:
    """Path of an index built from examples/demo/news.jsonl with the indexer's Python API."""
    from indexer.build import index_archives

    assert DEMO_ARCHIVE.exists(), f"{DEMO_ARCHIVE} is part of the repository"
    index_dir = tmp_path_factory.mktemp("demo_index")
    summary = index_archives([str(DEMO_ARCHIVE)], str(index_dir), jobs=0, report=lambda message: None)
    assert summary.indexed > 0 and summary.skipped == 0, summary.line()
    return str(index_dir)


def _split(value):
    if not value:
        return []
    return [v for v in value.split(",") if v] if isinstance(value, str) else list(value)


@pytest.fixture(scope="session")
def articles(demo_index):
    """id -> {"terms", "persons", "countries", "date", "year_jalali", "month_jalali", "year", "source"}."""
    import jdatetime

    from analyzers.analysis import index_analyzer
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
            "year": f"{day.year:04d}" if day else None,
            "source": stored.get("source"),
        }
    return out
