"""Debian's headless Chromium for the browser tests (driven by the playwright package; never ``playwright
install``, which downloads a browser build): where it is, how it starts, the mark that skips without it."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

needs_chromium = pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                                    reason=f"{CHROMIUM} is missing: install Debian's chromium (make test does, as root)")
