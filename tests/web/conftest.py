"""Fixtures for the web tests: the app over the demo index (built by tests/conftest.py)."""

import pytest

from web import create_app


@pytest.fixture(scope="module")
def app(demo_index):
    return create_app({"INDEX_DIR": demo_index, "TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()
