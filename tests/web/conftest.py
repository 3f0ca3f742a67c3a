"""Fixtures for the web tests: the app over the demo index (built by tests/conftest.py)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from web import create_app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def app(demo_index):
    return create_app({"INDEX_DIR": demo_index, "TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def live_server(demo_index):
    """``bayegan serve`` on the demo index, in its own process on a free loopback port; yields its base URL."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "bayegan", "serve", "--index", demo_index, "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "HF_HUB_OFFLINE": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(base, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"bayegan serve exited with {process.returncode}: {process.stdout.read()}")
        try:
            with urllib.request.urlopen(base + "/api/search?per_page=1", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"bayegan serve did not answer within {timeout} s")
