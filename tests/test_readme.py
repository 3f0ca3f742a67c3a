"""The README's examples, run as they are written, so that what it promises is what happens.

Read from README.md on every run (editing the README changes what is tested):
- fenced ```sh blocks: every line that runs ``bayegan`` (``.venv/bin/bayegan ...`` or ``bayegan ...``) is run in
  order in one scratch folder, with ``var/demo-index`` built from examples/demo and the archives the README names
  (``news.jsonl``, ``more/*.csv.gz``, ``pages/``, ``crawl.warc.gz``, ``feed.rss``, ``retracted.txt``) made from the
  demo articles; ``curl URL`` lines are fetched from a live ``bayegan serve`` on the demo index, and a ```json block
  right after the curl block is the answer it must give (the same keys; the same query, total, filters, first hit).
  Other lines (``make ...``) are not run.
- fenced ```python blocks: executed in that scratch folder (their own ``assert``s are checked).
- inline API examples written ``GET /api/...`` → ``STATUS {json}``: the status and the JSON, exactly.
- did-you-mean promises in the paragraph that mentions it: «typed» → «suggested».
A block right after the line ``<!-- not-tested -->`` is not run (a placeholder, a server, a setup step).
Each command must do what it says: an index run indexes every article it was given, a search finds something, an
export writes rows, a timeline has counts; exit 0 alone is not enough.
"""

import gzip
import importlib.util
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DEMO = ROOT / "examples" / "demo" / "news.jsonl"
NOT_TESTED = "<!-- not-tested -->"
BAYEGAN = re.compile(r"^(?:\.venv/bin/)?bayegan\s")


def fenced_blocks(text: str):
    """``(language, code, line number)`` of every fenced block not marked ``<!-- not-tested -->``."""
    lines = text.splitlines()
    i, previous = 0, ""
    while i < len(lines):
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if not m:
            if lines[i].strip():
                previous = lines[i].strip()
            i += 1
            continue
        start = i
        i += 1
        body = []
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        i += 1
        if previous != NOT_TESTED:
            yield m.group(1), "\n".join(body), start + 1
        previous = "```"


def _uncommented(line: str) -> str:
    """``line`` without a trailing shell comment (`` # ...`` outside quotes), otherwise as written (globs kept)."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].strip()
    return line.strip()


def shell_commands(text: str):
    """``(line number, command)`` of the bayegan commands and ``(line, "curl ...", expected json or None)``."""
    blocks = list(fenced_blocks(text))
    out = []
    for n, (lang, code, line) in enumerate(blocks):
        if lang not in ("sh", "bash", "shell", "console"):
            continue
        for offset, raw in enumerate(code.splitlines(), start=1):
            command = _uncommented(raw.removeprefix("$ "))
            if BAYEGAN.match(command):
                out.append((line + offset, command, None))
            elif command.startswith("curl "):
                expected = blocks[n + 1][1] if n + 1 < len(blocks) and blocks[n + 1][0] == "json" else None
                out.append((line + offset, command, expected))
    return out


TEXT = README.read_text(encoding="utf-8")
COMMANDS = [c for c in shell_commands(TEXT) if not c[1].startswith("curl ")]
CURLS = [c for c in shell_commands(TEXT) if c[1].startswith("curl ")]
PYTHON = [(line, code) for lang, code, line in fenced_blocks(TEXT) if lang in ("python", "py")]


def test_the_readme_has_examples_and_the_extraction_finds_them():
    assert len(COMMANDS) >= 10 and CURLS and PYTHON, (len(COMMANDS), CURLS, PYTHON)
    assert {c.split()[1] for _, c, _ in COMMANDS} >= {"index", "stats", "search", "delete", "compact"}
    sample = "```sh\nbayegan stats --index x   # what it holds\nmake demo\n```\n" \
             f"{NOT_TESTED}\n```sh\nbayegan index placeholder.jsonl\n```\n```python\nprint(1)\n```\n"
    assert [c for _, c, _ in shell_commands(sample)] == ["bayegan stats --index x"]
    assert [lang for lang, _, _ in fenced_blocks(sample)] == ["sh", "python"]


# -- the scratch folder -------------------------------------------------------------------------------------------

def _demo_articles():
    return [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]


def _page_html(article, url):
    paragraphs = "".join(f"<p>{p}</p>" for p in article["body"].split("\n") if p.strip())
    return (f'<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>{article["title"]} | '
            f'نمونه</title><meta property="og:title" content="{article["title"]}"><link rel="canonical" '
            f'href="{url}"><meta property="article:published_time" content="{article["date"]}"></head><body>'
            f'<nav><a href="/">خانه</a></nav><article><h1>{article["title"]}</h1>{paragraphs}{paragraphs}</article>'
            f"<footer>نشانی ما</footer></body></html>")


def _make_archives(folder: Path) -> int:
    """The archives the README's index example names, from demo articles under new ids; returns their count."""
    import csv

    articles = _demo_articles()
    shutil.copy(DEMO, folder / "news.jsonl")
    count = len(articles)
    (folder / "more").mkdir()
    with gzip.open(folder / "more" / "extra.csv.gz", "wt", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "title", "body", "date"])
        for i, a in enumerate(articles[:3]):
            writer.writerow([f"csv-{i}", a["title"], a["body"], a["date"]])
    count += 3
    (folder / "pages").mkdir()
    (folder / "pages" / "story.html").write_text(_page_html(articles[3], "https://example.org/page/1"),
                                                 encoding="utf-8")
    count += 1
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(folder / "crawl.warc.gz", "wb") as f:
        writer = WARCWriter(f, gzip=True)
        html = _page_html(articles[4], "https://example.org/warc/1").encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/warc/1", "response",
                                                      payload=io.BytesIO(html), http_headers=headers))
    count += 1
    items = "".join(f"<item><guid>https://example.org/feed/{i}</guid><title>{a['title']}</title>"
                    f"<link>https://example.org/feed/{i}</link><description>{a['body']}</description>"
                    f"<pubDate>Sat, 10 Jan 2009 10:00:00 +0000</pubDate></item>" for i, a in enumerate(articles[5:7]))
    (folder / "feed.rss").write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                                     f"<title>نمونه</title>{items}</channel></rss>", encoding="utf-8")
    count += 2
    (folder / "retracted.txt").write_text("demo-003\ndemo-004\n", encoding="utf-8")
    return count


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    from indexer.build import index_archives

    folder = tmp_path_factory.mktemp("readme")
    (folder / "var").mkdir()
    index_archives([str(DEMO)], str(folder / "var" / "demo-index"), jobs=0, report=lambda m: None)
    return SimpleNamespace(path=folder, articles=_make_archives(folder))


def _run(folder, command):
    argv = f"{shlex.quote(sys.executable)} -m bayegan {command.split(None, 1)[1]}"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(["bash", "-c", argv], cwd=folder, capture_output=True, text=True, env=env, timeout=300)


def _number(pattern, text):
    m = re.search(pattern, text)
    assert m, f"{pattern!r} not in:\n{text}"
    return int(m.group(1).replace(",", ""))


@pytest.mark.parametrize("line,command", [(line, c) for line, c, _ in COMMANDS],
                         ids=[f"README.md:{line}" for line, _, _ in COMMANDS])
def test_shell_example(sandbox, line, command):
    p = _run(sandbox.path, command)
    where = f"README.md:{line}: {command}\nstdout:\n{p.stdout[-2000:]}\nstderr:\n{p.stderr[-2000:]}"
    assert p.returncode == 0 and "Traceback" not in p.stderr, where
    argv = shlex.split(command)
    verb = argv[1]
    if verb == "index":
        assert _number(r"indexed ([\d,]+) articles", p.stderr + p.stdout) == sandbox.articles, where
        assert _number(r"skipped ([\d,]+)", p.stderr + p.stdout) == 0, where
    elif verb == "stats":
        assert _number(r"documents: ([\d,]+)", p.stdout) > 0, where
    elif verb == "delete":
        assert "delet" in (p.stdout + p.stderr).lower(), where
    elif verb == "search":
        if "--export" in argv:
            target = argv[argv.index("--export") + 1]
            rows = (p.stdout if target == "-" else (sandbox.path / target).read_text(encoding="utf-8-sig")).splitlines()
            if "jsonl" in argv:
                assert rows and all(json.loads(r)["id"] for r in rows), where
            else:
                assert rows[0].startswith("id,") and len(rows) > 1, where
        elif "--timeline" in argv:
            counts = [int(m) for m in re.findall(r"^\S+\s+\S+\s+(\d+)", p.stdout, re.M)]
            assert counts and sum(counts) > 0, where
        elif "--json" in argv:
            result = json.loads(p.stdout)
            assert result["total"] > 0 and result["hits"], where
        else:
            assert _number(r"^([\d,]+) results?", p.stdout) > 0, where


# -- the API examples ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def live_server(sandbox):
    spec = importlib.util.spec_from_file_location("readme_web_server", ROOT / "tests" / "web" / "web_server.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    process, base = module.start_server(str(sandbox.path / "var" / "demo-index"))
    try:
        yield base
    finally:
        module.stop_server(process)


def _fetch(base, url):
    parts = urllib.parse.urlsplit(url)
    path = urllib.parse.quote(parts.path) + ("?" + urllib.parse.quote(parts.query, safe="=&%+") if parts.query else "")
    try:
        with urllib.request.urlopen(base + path, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


@pytest.mark.parametrize("line,command,expected", CURLS, ids=[f"README.md:{c[0]}" for c in CURLS])
def test_curl_example(live_server, line, command, expected):
    url = next(a for a in shlex.split(command)[1:] if a.startswith("http"))
    status, body = _fetch(live_server, url)
    assert status == 200, (line, status, body[:300])
    answer = json.loads(body)
    if expected is None:
        return
    promised = json.loads(expected)
    assert set(promised) <= set(answer), (line, set(promised) - set(answer))
    for key, value in promised.items():
        if key in ("took_ms",) or isinstance(value, (dict, list)):
            continue
        assert answer[key] == value, (line, key, answer[key], value)
    assert answer["filters"] == promised["filters"], line
    for shown, got in zip(promised["hits"], answer["hits"]):
        assert set(shown) <= set(got), (line, set(shown) - set(got))
        assert {k: got[k] for k in ("id", "title", "date", "date_jalali", "url")} == \
               {k: shown[k] for k in ("id", "title", "date", "date_jalali", "url")}, line
        assert got["persons"] == shown["persons"] and got["countries"] == shown["countries"], line
        for piece in (p.strip() for p in shown["snippet"].split("…")):  # a shortened snippet: its pieces
            assert piece in got["snippet"], (line, piece, got["snippet"])
    for facet, shown in promised["facets"].items():  # shortened lists: each bucket shown is one of the answer's
        for bucket in shown["buckets"]:
            assert bucket in answer["facets"][facet]["buckets"], (line, facet, bucket)


INLINE_API = re.compile(r"`GET (/api/\S+)` → `(\d{3}) (\{.*?\})`")


def test_inline_api_examples(sandbox):
    from web import create_app

    examples = INLINE_API.findall(TEXT)
    assert examples, "the README's `GET /api/...` → `STATUS {json}` examples"
    client = create_app({"INDEX_DIR": str(sandbox.path / "var" / "demo-index")}).test_client()
    for path, status, body in examples:
        response = client.get(path)
        assert response.status_code == int(status) and response.get_json() == json.loads(body), path


# -- Python examples and promises in the prose ---------------------------------------------------------------------

@pytest.mark.parametrize("line,code", PYTHON, ids=[f"README.md:{line}" for line, _ in PYTHON])
def test_python_example(sandbox, line, code, monkeypatch, capsys):
    monkeypatch.chdir(sandbox.path)
    monkeypatch.syspath_prepend(str(ROOT))
    exec(compile(code, f"README.md:{line}", "exec"), {"__name__": "__readme__"})
    assert capsys.readouterr().out.strip(), f"README.md:{line}: the example prints nothing"


def did_you_mean_promises(text: str):
    """``(typed, suggested)`` pairs written «typed» → «suggested» in the paragraph that mentions did-you-mean."""
    paragraph = next(p for p in text.split("\n\n") if "did-you-mean" in p)
    pairs = []
    for left, right in re.findall(r"((?:«[^»]+»,?\s*)+)→\s*«([^»]+)»", paragraph):
        pairs.extend((typed, right) for typed in re.findall(r"«([^»]+)»", left))
    return pairs


def test_did_you_mean_promises(sandbox):
    from search.core.engine import SearchEngine

    pairs = did_you_mean_promises(TEXT)
    assert len(pairs) >= 4, pairs
    engine = SearchEngine(str(sandbox.path / "var" / "demo-index"))
    wrong = [(typed, want, engine.search(typed, per_page=1)["did_you_mean"]) for typed, want in pairs]
    assert all(got == want for _, want, got in wrong), [w for w in wrong if w[1] != w[2]]
