"""Fixtures for the web tests: the app over the demo index (built by tests/conftest.py), a live server, and\nheadless Chromium pages."""

import pytest
from browser_setup import CHROMIUM, CHROMIUM_ARGS
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


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (the tests that use it carry ``browser_setup.needs_chromium``)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def page(browser):
    """A fresh page that collects console errors and script errors (CSP violations are console errors)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fa-IR", accept_downloads=True)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()
