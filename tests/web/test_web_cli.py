"""``bayegan serve``: its options, its refusal of a missing index, and a real waitress server answering."""

import subprocess
import sys
import urllib.request

import bayegan
from web_server import start_server, stop_server


def test_serve_is_a_bayegan_command():
    assert "web.cli" in bayegan.COMMAND_MODULES


def test_serve_help_lists_its_options(capsys):
    try:
        bayegan.main(["serve", "--help"])
    except SystemExit as exit:
        assert exit.code == 0
    out = capsys.readouterr().out
    assert "--index" in out and "--host" in out and "--port" in out


def test_serve_refuses_a_missing_index_with_a_hint(tmp_path):
    result = subprocess.run([sys.executable, "-m", "bayegan", "serve", "--index", str(tmp_path / "none")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"bayegan: error: no index at {tmp_path / 'none'} (create one with bayegan index")


def test_served_page_and_api_answer_over_http(live_server):
    with urllib.request.urlopen(live_server + "/?q=%D8%A7%DB%8C%D8%B1%D8%A7%D9%86") as response:
        assert response.status == 200
        assert response.headers["Server"].startswith("bayegan") or response.headers["Server"] == "waitress"
        assert 'dir="rtl"' in response.read().decode()
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    with urllib.request.urlopen(live_server + "/api/search?per_page=1") as response:
        assert response.headers["Content-Type"] == "application/json"


def test_serve_stops_cleanly_on_sigterm(demo_index):
    process, _ = start_server(demo_index)
    assert stop_server(process) == 0


def test_many_idle_half_open_connections_do_not_lock_readers_out(live_server):
    # 150 sockets that send half a request line and wait: with waitress's default connection limit (100) every
    # new request would time out. Here a reader still gets an answer at once.
    import socket
    import time
    from urllib.parse import urlsplit

    host, port = urlsplit(live_server).hostname, urlsplit(live_server).port
    idle = []
    try:
        for _ in range(150):
            s = socket.create_connection((host, port), timeout=5)
            s.sendall(b"GET /api/search?q=")
            idle.append(s)
        started = time.monotonic()
        with urllib.request.urlopen(live_server + "/api/status", timeout=10) as response:
            assert response.status == 200
        assert time.monotonic() - started < 5
    finally:
        for s in idle:
            s.close()


def test_serve_refuses_an_unreadable_authority_file_in_one_line(demo_index, tmp_path):
    import shutil

    index = tmp_path / "ix"
    shutil.copytree(demo_index, index)
    (index / "entities.tsv").write_bytes(b"add\t\xff\xfe not utf-8\n")
    result = subprocess.run([sys.executable, "-m", "bayegan", "serve", "--index", str(index), "--port", "0"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"bayegan serve: {index / 'entities.tsv'}: cannot read the authority file")
