"""Starting ``bayegan serve`` in its own process for the tests that need a real HTTP server."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_server(index_dir: str) -> tuple[subprocess.Popen, str]:
    """``bayegan serve`` on a free loopback port, answering; returns the process and its base URL."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "bayegan", "serve", "--index", index_dir, "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "HF_HUB_OFFLINE": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
    except BaseException:
        stop_server(process)
        raise
    return process, base


def stop_server(process) -> int:
    process.terminate()
    try:
        return process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(base, process, timeout=90):
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
