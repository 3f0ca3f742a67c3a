"""Search latency at 100,000 articles: term, two-word, phrase, all facets, filters, vs Whoosh ``groupedby``.

    .venv/bin/python bench/bench_search.py [--data ../shared/data] [--size 100000] [--rounds 5]

Builds once (cached under bench/.cache/) an index of ``--size`` articles made by recombining 2-4 real paragraphs
of the archives in ``--data`` (the date and source of the article the first paragraph came from; persons and
countries are extracted by the indexer from the recombined text, as for any archive), with the indexer's Python
API. Then prints p50/p95 latency per query family for ``SearchEngine.search`` and for Whoosh ``groupedby`` facet
counting on the same queries, the index build time and size, and, on the real Hamshahri archive with its dev topic
queries, plain search against search with all facets. The machine is shared: figures are noisy.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from corpus import ARCHIVES, CORPUS_VERSION, corpus_path  # noqa: E402

CACHE = ROOT / "bench" / ".cache"

ONE_WORD = ["ایران", "نفت", "مجلس", "انتخابات", "فوتبال", "دولت", "اقتصاد", "تهران", "آمریکا", "قیمت",
            "دانشگاه", "بازار"]
TWO_WORDS = ["قیمت نفت", "تیم ملی", "مجلس شورای", "انتخابات ریاست", "بانک مرکزی", "وزیر امور", "سازمان ملل",
             "شورای شهر", "جام جهانی", "بازار سهام"]
PHRASES = ['"تیم ملی"', '"سازمان ملل"', '"بانک مرکزی"', '"قیمت نفت"', '"شورای شهر"', '"جام جهانی"']


def build_index(archive: Path, index_dir: Path, meta_path: Path, jobs: int = 2, shards: int = 1) -> dict:
    """The cached index of ``archive`` (built once per analyzer: the cache key holds its fingerprint)."""
    from indexer.build import index_archives

    if meta_path.exists():
        return json.loads(meta_path.read_text())
    started = time.monotonic()
    summary = index_archives([str(archive)], str(index_dir), rebuild=True, jobs=jobs, shards=shards,
                             batch_size=5000, report=lambda message: None)
    meta = {"seconds": round(time.monotonic() - started, 1), "documents": summary.documents,
            "bytes": sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file())}
    meta_path.write_text(json.dumps(meta))
    return meta


def cache_key() -> str:
    from analyzers.fingerprint import fingerprint

    return fingerprint()[:8]


def timed(fn, rounds):
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def pct(times, p):
    s = sorted(times)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def row(label, times):
    print(f"  {label:<44} p50 {statistics.median(times):7.1f} ms   p95 {pct(times, 95):7.1f} ms   (n={len(times)})")
    return times


def groupedby_search(engine, query, limit=10):
    """The baseline: the same ranked query, facets counted by Whoosh groupedby (multi-valued fields overlap), on
    the engine's one shard."""
    from whoosh import sorting

    from search.core.searching import compiled
    from search.whoosh_backend.translate import to_whoosh

    facets = {"person": sorting.FieldFacet("persons", allow_overlap=True),
              "country": sorting.FieldFacet("countries", allow_overlap=True),
              "year_jalali": sorting.FieldFacet("year_jalali"),
              "month_jalali": sorting.FieldFacet("month_jalali")}
    (handle,) = engine.coordinator.handles
    _, comp = compiled(engine.coordinator, engine.coordinator.view(), query)
    with handle.shard._state(None).searcher() as s:
        res = s.search(to_whoosh(comp.any_word), limit=limit, groupedby=facets)
        return {name: res.groups(name) for name in facets}


def run_family(engine, label, queries, rounds, cold=None, **kwargs):
    """Warm figures: ``rounds`` runs per query after a first run. The first run of each query is recorded in
    ``cold`` when given (its rare terms and feedback terms are not in the engine's postings cache yet)."""
    times = []
    for q in queries:
        first = timed(lambda: engine.search(q, **kwargs), 1)
        if cold is not None:
            cold += first
        times += timed(lambda: engine.search(q, **kwargs), rounds)
    return row(label, times)


def bench_100k(args):
    from search import SearchEngine

    corpus = corpus_path(CACHE, args.data, args.size)
    index_dir = CACHE / f"index-{args.size}-v{CORPUS_VERSION}-{cache_key()}"
    meta_path = CACHE / f"index-{args.size}-v{CORPUS_VERSION}-{cache_key()}.json"
    if not meta_path.exists():
        print(f"indexing {corpus} -> {index_dir} (once; long on a shared machine)", flush=True)
    meta = build_index(corpus, index_dir, meta_path)
    print(f"index: {meta['documents']} articles, built in {meta['seconds']:.0f} s, "
          f"{meta['bytes'] / 1e6:.0f} MB ({index_dir})")
    if args.build_only:
        return
    t = time.perf_counter()
    engine = SearchEngine(str(index_dir), feedback=args.feedback, workers=0)
    print(f"engine open (readers + facet columns): {(time.perf_counter() - t) * 1000:.0f} ms; "
          f"feedback {'on' if engine.feedback else 'off'}")
    t = time.perf_counter()
    engine.wait_until_warm()
    print(f"frequent-term postings loaded/built (background at open): {(time.perf_counter() - t) * 1000:.0f} ms more")
    engine.search("سلام")  # loads the analyzer (hazm) once
    r = args.rounds
    print(f"latency, {r} rounds per query after its first run (ms):")
    cold_one, cold_two, cold_phrase = [], [], []
    one = run_family(engine, "one word, top 10, no facets", ONE_WORD, r, cold_one, facets=False)
    two = run_family(engine, "two words, top 10, no facets", TWO_WORDS, r, cold_two, facets=False)
    run_family(engine, "phrase, top 10, no facets", PHRASES, r, cold_phrase, facets=False)
    row("first run of each query: one word", cold_one)
    row("first run of each query: two words", cold_two)
    row("first run of each query: phrase", cold_phrase)
    ours = run_family(engine, "1-2 words + all facets", ONE_WORD + TWO_WORDS, r, facets=True)
    top = engine.facet_values("country")[:3]
    years = engine.facet_values("year_jalali")[:3]
    combos = [{"country": [c["value"]], "year_jalali": [y["value"]]} for c in top for y in years]
    times = []
    for flt in combos:
        for q in ONE_WORD[:4]:
            times += timed(lambda: engine.search(q, filters=flt), r)
    row("filter country + Jalali year, all facets", times)
    # groupedby takes seconds per query at this size: a subset, one timed run each (after one warm-up run).
    subset = ONE_WORD[:3] + TWO_WORDS[:3]
    base, same = [], []
    groupedby_search(engine, subset[0])
    for q in subset:
        base += timed(lambda: groupedby_search(engine, q), 1)
    for q in subset:
        same += timed(lambda: engine.search(q), 1)
    row("baseline: Whoosh groupedby (6 of the queries)", base)
    row("ours, all facets, the same 6 queries", same)
    print(f"targets: 1-2 words p95 <= 50 ms: {pct(one + two, 95):.1f}; all facets p95 <= 150 ms: "
          f"{pct(ours, 95):.1f}; groupedby / ours on the same queries, p50: "
          f"{statistics.median(base) / statistics.median(same):.0f}x (>= 5x)")


def bench_hamshahri(args):
    from search import SearchEngine

    archive = args.data / "hamshahri2.jsonl"
    topics = args.data / "hamshahri2_topics_dev.tsv"
    if not archive.exists() or not topics.exists():
        print(f"skipped: Hamshahri ({archive} or {topics} missing)")
        return
    index_dir = CACHE / f"index-hamshahri-{cache_key()}"
    meta = build_index(archive, index_dir, CACHE / f"index-hamshahri-{cache_key()}.json")
    queries = [line.split("\t", 1)[1].strip() for line in topics.read_text(encoding="utf-8").splitlines()
               if "\t" in line]
    engine = SearchEngine(str(index_dir), feedback=args.feedback, workers=0)
    engine.wait_until_warm()
    engine.search("سلام")
    print(f"Hamshahri: {meta['documents']} articles, {len(queries)} dev topic queries, {args.rounds} rounds:")
    plain = run_family(engine, "plain search (top 10, no facets)", queries, args.rounds, facets=False)
    full = run_family(engine, "search with all facets", queries, args.rounds, facets=True)
    print(f"  facets cost: p50 x{statistics.median(full) / statistics.median(plain):.2f}, "
          f"p95 x{pct(full, 95) / pct(plain, 95):.2f} (must stay <= 2)")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    p.add_argument("--size", type=int, default=100_000)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--build-only", action="store_true", help="build the cached indexes and exit")
    p.add_argument("--skip-hamshahri", action="store_true")
    p.add_argument("--feedback", type=lambda v: v.lower() in ("1", "on", "true", "yes"), default=None,
                   help="on/off: pseudo-relevance feedback (default: search.core.ranking.FEEDBACK)")
    args = p.parse_args(argv)
    if not any((args.data / name).exists() for name in ARCHIVES):
        print(f"skipped: no archive of {', '.join(ARCHIVES)} in {args.data} (missing)")
        return 0
    bench_100k(args)
    if not args.skip_hamshahri:
        bench_hamshahri(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
