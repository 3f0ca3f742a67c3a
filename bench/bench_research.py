"""Research features at 100,000 articles: the search page's timeline + co-mentions + all facets against a plain
search with facets, standalone timelines and comparisons, and exporting 10,000 rows.

    .venv/bin/python bench/bench_research.py [--data ../shared/data] [--size 100000] [--rounds 5]

Uses the index bench/bench_search.py builds (``bench_search.py --build-only --skip-hamshahri``, once). Targets
(issue 12): ``overview`` (search + all facets + timeline + co-mentions, what the page asks) p95 <= 1.5x a plain
search with all facets in the same run, the two interleaved query by query so that both see the same load;
an export of 10,000 rows (read, passage, CSV) <= 5 s. The machine is shared: figures are noisy.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench_search import CACHE, ONE_WORD, TWO_WORDS, cache_key, pct, row, timed  # noqa: E402
from corpus import CORPUS_VERSION  # noqa: E402

EXPORT_QUERIES = ["ایران", "تهران", "دولت", "قیمت نفت"]  # each matches more than 10,000 articles
EXPORT_ROWS = 10_000


def interleaved(engine, queries, rounds):
    """Per query, after one warm-up of each: ``rounds`` pairs (plain search with facets, overview)."""
    plain, overview = [], []
    for q in queries:
        engine.search(q)
        engine.overview(q)
        for _ in range(rounds):
            for fn, times in ((lambda: engine.search(q), plain), (lambda: engine.overview(q), overview)):
                t = time.perf_counter()
                fn()
                times.append((time.perf_counter() - t) * 1000)
    return plain, overview


def export_seconds(engine, query, limit):
    """(wall seconds, CPU seconds of this process, rows, matches) of one CSV export into memory."""
    from search.core.export import csv_chunks

    wall, cpu = time.perf_counter(), time.process_time()
    out = engine.export(query, limit=limit)
    sink, rows = io.StringIO(), []

    def counted(it):
        for r in it:
            rows.append(r["id"])
            yield r

    for chunk in csv_chunks(counted(out["rows"])):
        sink.write(chunk)
    return time.perf_counter() - wall, time.process_time() - cpu, len(rows), out["total"]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--size", type=int, default=100_000)
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args(argv)
    index_dir = CACHE / f"index-{args.size}-v{CORPUS_VERSION}-{cache_key()}"
    if not (index_dir / "manifest.json").exists():
        print(f"skipped: {index_dir} missing (build it: bench/bench_search.py --build-only --skip-hamshahri)")
        return 0
    from search import SearchEngine

    t = time.perf_counter()
    engine = SearchEngine(str(index_dir), workers=0)
    engine.wait_until_warm()
    engine.search("سلام")
    print(f"engine open and warm: {time.perf_counter() - t:.1f} s; {engine.stats(top=0)['documents']} articles")
    t = time.perf_counter()
    engine.timeline([""], normalize=True)  # the archive's articles per day and per facet value, once per view
    engine.comentions("")
    print(f"whole-archive day counts and facet counts (once per commit): {(time.perf_counter() - t) * 1000:.0f} ms")

    r = args.rounds
    print(f"latency, {r} rounds per query, 1-2 word queries ({len(ONE_WORD) + len(TWO_WORDS)}), interleaved (ms):")
    plain, overview = interleaved(engine, ONE_WORD + TWO_WORDS, r)
    row("plain search, top 10, all facets", plain)
    row("overview: + timeline + co-mentions", overview)
    ratio95, ratio50 = pct(overview, 95) / pct(plain, 95), statistics.median(overview) / statistics.median(plain)
    row("timeline alone (auto interval)", [x for q in ONE_WORD + TWO_WORDS for x in timed(lambda: engine.timeline([q]), r)])
    row("timeline, Jalali months, normalized", [x for q in ONE_WORD for x in timed(
        lambda: engine.timeline([q], interval="month", normalize=True), r)])
    row("compare 4 queries, months", timed(lambda: engine.timeline(ONE_WORD[:4], interval="month"), r * 4))
    row("co-mentions alone", [x for q in ONE_WORD + TWO_WORDS for x in timed(lambda: engine.comentions(q), r)])
    print(f"target: overview p95 <= 1.5x plain search with facets: x{ratio95:.2f} (p50 x{ratio50:.2f})")

    print(f"export of {EXPORT_ROWS:,} rows to CSV (read + passage around the first match + CSV), seconds:")
    worst = worst_cpu = 0.0
    for q in EXPORT_QUERIES:
        runs = [export_seconds(engine, q, EXPORT_ROWS) for _ in range(2)]
        (w1, c1, _, _), (w2, c2, rows, total) = runs
        worst, worst_cpu = max(worst, min(w1, w2)), max(worst_cpu, min(c1, c2))
        print(f"  {q:<12} {total:>6} matches, {rows} rows: {w1:.2f} s then {w2:.2f} s "
              f"(CPU {c1:.2f} s, {c2:.2f} s)")
    print(f"target: 10,000 rows <= 5 s: slowest query (best of 2) {worst:.2f} s wall, {worst_cpu:.2f} s CPU "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
