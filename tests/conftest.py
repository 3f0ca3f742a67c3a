"""Shared fixtures. ``demo_index``: the bundled demo archive indexed once per test session (search and web tests)."""

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
