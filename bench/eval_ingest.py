"""Archives as they really come: the same real articles in each shape an archivist may hand over, indexed by
``bayegan index`` (a subprocess per shape, default settings), and checked against the source.

Shapes (built under bench/.cache/eval_ingest from ../shared/data/fars_news.jsonl, never committed):
- ``cp1256-csv``: Windows-1256 CSV (Persian ی/ۀ written with the Arabic forms the code page has);
- ``persian-csv``: UTF-8 CSV with Persian headers (شناسه، تیتر، متن، لید، تاریخ، نشانی);
- ``pages``: one scraped page per article (.html/.shtml/.php/.aspx), the article inside a site's menu, ads,
  sidebar, comments and footer;
- ``warc``: the same pages as WARC response records (.warc.gz), a tenth of the URLs captured twice (the older
  capture with other text, which must not win);
- ``feed``: an RSS 2.0 file of the articles;
- ``json-gz``: a gzip JSON array with alternative key names (headline, story, published, link).

Per shape: articles indexed, titles right, dates right (stored date = the source's), boilerplate-only words (the
site template's words that no article has) matching any article (target 0), and peak RSS of the indexing process
and of its largest worker process (sampled every 0.1 s). ``--big-json MB`` also streams a generated JSON array of MB megabytes through the
readers (peak RSS of the reading process; the writer's memory is bounded by its batches whatever the input) and
indexes its first ``--big-index`` articles. ``--compare-extractors`` measures readability-lxml against
trafilatura on the pages, where readability-lxml is installed.

    .venv/bin/python bench/eval_ingest.py [ARCHIVE] [--limit N] [--big-json MB] [--compare-extractors]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA_DIR, ROOT, missing  # noqa: E402
from ingest_shapes import BOILERPLATE_TEXT, SHAPES, build_big_json  # noqa: E402

CACHE = ROOT / "bench" / ".cache" / "eval_ingest"
def _process_tree_rss(root: int) -> dict[int, int]:
    """RSS in kB of ``root`` and of every process descended from it (worker processes of a fork server too)."""
    parents, rss = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:
            continue
        parents[int(entry)] = int(fields["PPid"])
        rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree = {}
    for pid in rss:
        ancestor = pid
        while ancestor and ancestor != root:
            ancestor = parents.get(ancestor, 0)
        if ancestor == root:
            tree[pid] = rss[pid]
    return tree


def index_shape(paths, index_dir: Path) -> dict:
    """``bayegan index`` in a subprocess; peak RSS of it and of its largest worker, sampled every 0.1 s."""
    shutil.rmtree(index_dir, ignore_errors=True)
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "bayegan", "index", *map(str, paths), "--index", str(index_dir),
                             "--json"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    main_peak = worker_peak = 0
    while proc.poll() is None:
        tree = _process_tree_rss(proc.pid)
        main_peak = max(main_peak, tree.pop(proc.pid, 0))
        worker_peak = max([worker_peak, *tree.values()])
        time.sleep(0.1)
    out, err = proc.communicate()
    usage = {"code": proc.returncode, "rss_mb": main_peak / 1024, "worker_rss_mb": worker_peak / 1024}
    summary = json.loads(out) if out.strip() else {}
    return {"summary": summary, "usage": usage, "log": err.splitlines(), "seconds": time.monotonic() - started}


def check_index(index_dir: Path, expected: list[dict], boilerplate: set[str]) -> dict:
    from whoosh.query import And, Term

    from analyzers.analysis import index_analyzer
    from indexer.document import date_fields
    from search.core import manifest, store
    from search.whoosh_backend import open_shard_index

    shards = [open_shard_index(p) for p in store.shard_paths(index_dir, manifest.read(index_dir))]
    analyzer = index_analyzer()
    by_url, leaked = {}, set()
    for ix in shards:
        with ix.searcher() as searcher:
            by_url.update((doc.get("url"), doc) for doc in searcher.documents())
            for word in boilerplate:
                terms = [Term("content", t.text) for t in analyzer(word)]
                if terms and searcher.search(And(terms), limit=1).scored_length():
                    leaked.add(word)
    titles = dates = 0
    for article in expected:
        doc = by_url.get(article["url"])
        if doc is None:
            continue
        # HTML shows runs of spaces as one (pages, feeds): titles are compared with spaces collapsed.
        titles += " ".join(doc.get("title", "").split()) == " ".join(article["title"].split())
        want = date_fields(article["date"]).get("date")
        dates += want is not None and doc.get("date") == want
    return {"titles": titles, "dates": dates, "leaked": sorted(leaked)}


def boilerplate_words(articles) -> set[str]:
    """Words of the site template that no article has (as the analyzer sees them)."""
    from analyzers.analysis import index_analyzer

    analyzer = index_analyzer()
    article_terms = {t.text for a in articles for t in analyzer("\n".join((a["title"], a["summary"], a["body"])))}
    words = set(re.findall(r"[\w\u200c]+", BOILERPLATE_TEXT))
    return {w for w in words if not any(t.text in article_terms for t in analyzer(w)) and any(analyzer(w))}


def compare_extractors(pages_dir: Path, boilerplate: set[str]) -> None:
    try:
        import lxml.html
        from readability import Document
    except ImportError:
        print("extractor comparison skipped: readability-lxml is not installed (pip install readability-lxml)")
        return
    from indexer.webpage import parse_page

    pages = sorted(p for p in pages_dir.iterdir() if p.is_file())
    for name, extract in (("trafilatura (indexer.webpage)", lambda h: parse_page(h).text),
                          ("readability-lxml", lambda h: lxml.html.fromstring(Document(h).summary()).text_content())):
        started = time.monotonic()
        leaks = pages_leaking = 0
        for path in pages:
            words = set(re.findall(r"[\w\u200c]+", extract(path.read_text(encoding="utf-8")) or ""))
            found = len(words & boilerplate)
            leaks, pages_leaking = leaks + found, pages_leaking + bool(found)
        ms = (time.monotonic() - started) * 1000 / max(1, len(pages))
        print(f"  {name:30s} boilerplate words kept {leaks:5d} in {pages_leaking} of {len(pages)} pages, "
              f"{ms:.1f} ms/page")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", nargs="?", default=str(DATA_DIR / "fars_news.jsonl"))
    parser.add_argument("--limit", type=int, default=0, help="articles to use (0: all)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes to run ('': none)")
    parser.add_argument("--big-json", type=int, default=0, metavar="MB", help="also stream a JSON array of MB MB")
    parser.add_argument("--big-index", type=int, default=20_000, metavar="N",
                        help="articles of the big array to index (default 20000; 0: all)")
    parser.add_argument("--compare-extractors", action="store_true")
    args = parser.parse_args()
    if missing(args.archive):
        return 0
    with open(args.archive, encoding="utf-8") as lines:
        articles = [json.loads(line) for line in lines]
    articles = [a for a in articles if a.get("title") and a.get("body") and a.get("date") and a.get("url")]
    articles = [dict(a, summary=a.get("summary") or "") for a in articles[: args.limit or None]]
    boilerplate = boilerplate_words(articles)
    print(f"{len(articles)} articles from {args.archive}; {len(boilerplate)} boilerplate-only words")
    print(f"{'shape':12s} {'indexed':>11s} {'titles':>11s} {'dates':>11s} {'leaked':>7s} {'RSS MB':>7s} "
          f"{'worker':>7s} {'s':>6s}")
    for name in filter(None, args.shapes.split(",")):
        folder = CACHE / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        paths, expected = SHAPES[name](articles, folder)
        run = index_shape(paths, CACHE / "index" / name)
        if run["usage"]["code"] != 0:
            print(f"{name}: bayegan index failed: {' / '.join(run['log'][-3:])}")
            continue
        found = check_index(CACHE / "index" / name, expected, boilerplate)
        n = len(expected)
        counts = " ".join(f"{f'{value}/{n}':>11s}" for value in (run["summary"]["documents"], found["titles"],
                                                                   found["dates"]))
        print(f"{name:12s} {counts} {len(found['leaked']):>7d} {run['usage']['rss_mb']:>7.0f} "
              f"{run['usage']['worker_rss_mb']:>7.0f} {run['seconds']:>6.1f}"
              + (f"  leaked: {' '.join(found['leaked'][:8])}" if found["leaked"] else ""))
        warnings = [line for line in run["log"] if ": warning: " in line or "; skipped" in line]
        if warnings:
            print(f"{'':12s} {len(warnings)} warning/skip lines, e.g. {warnings[0][:150]}")
    if args.compare_extractors:
        compare_extractors(CACHE / "pages", boilerplate)
    if args.big_json:
        big_json(articles, args.big_json, args.big_index)
    return 0


def big_json(articles, megabytes: int, to_index: int) -> None:
    path = CACHE / "big.json"
    count = build_big_json(articles, path, megabytes << 20)
    print(f"\nbig JSON array: {path.stat().st_size / 1e6:.0f} MB, {count} articles")
    reader = ("import json, resource, sys\nfrom indexer.readers import read_records\n"
              "n = sum(1 for r in read_records([sys.argv[1]]) if r.data)\n"
              "print(json.dumps({'records': n, 'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))")
    started = time.monotonic()
    out = json.loads(subprocess.run([sys.executable, "-c", reader, str(path)], cwd=ROOT, capture_output=True,
                                    text=True, check=True).stdout)
    print(f"  read (streamed): {out['records']} records, peak RSS {out['rss_mb']:.0f} MB, "
          f"{time.monotonic() - started:.0f} s")
    if to_index:
        part = CACHE / "big-part.json"
        build_big_json(articles, part, 0, count=to_index)
        source = part
    else:
        source = path
    run = index_shape([source], CACHE / "index" / "big")
    print(f"  indexed {run['summary'].get('documents')} articles ({source.stat().st_size / 1e6:.0f} MB): peak RSS "
          f"{run['usage']['rss_mb']:.0f} MB, worker {run['usage']['worker_rss_mb']:.0f} MB, {run['seconds']:.0f} s")
    os.remove(path)


if __name__ == "__main__":
    sys.exit(main())
