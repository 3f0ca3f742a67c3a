"""Fixtures for the web tests: the app over the demo index (built by tests/conftest.py)."""

import pytest
from web_server import start_server, stop_server

from web import create_app


@pytest.fixture(scope="module")
def app(demo_index):
    return create_app({"INDEX_DIR": demo_index, "TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def live_server(demo_index):
    """``bayegan serve`` on the demo index, in its own process on a free loopback port; yields its base URL."""
    process, base = start_server(demo_index)
    try:
        yield base
    finally:
        stop_server(process)
