"""Fixtures for the search tests: one engine on the demo index (the demo articles as the index stores them are
``articles`` in tests/conftest.py)."""

import pytest

from search import SearchEngine


@pytest.fixture(scope="session")
def engine(demo_index):
    return SearchEngine(demo_index)
