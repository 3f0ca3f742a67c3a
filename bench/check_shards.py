"""One shard against four on a real archive: identical hits, scores (to 1e-9), totals, facet counts, snippets.

    .venv/bin/python bench/check_shards.py [ARCHIVE] [TOPICS]

Builds ARCHIVE (default: Hamshahri) once with one shard and once with four shards written by two processes, then
runs every dev topic query (and each with a facet filter, sorted by date, and on its second page) through both,
the four-shard index also through worker processes, and compares everything a result holds. The test suite
does the same on the demo corpus (tests/search/test_shards.py); this is the check at real size.
"""

import shutil
import sys
import time
from pathlib import Path

from common import DATA_DIR, ROOT, missing

CACHE = ROOT / "bench" / ".cache" / "check_shards"


def comparable(result):
    hits = [(h["id"], h["snippet"], h["persons"], h["countries"]) for h in result["hits"]]
    scores = [h["score"] for h in result["hits"]]
    return (result["total"], hits, result["facets"], result["did_you_mean"]), scores


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    archive = Path(argv[0]) if argv else DATA_DIR / "hamshahri2.jsonl"
    topics = Path(argv[1]) if len(argv) > 1 else DATA_DIR / "hamshahri2_topics_dev.tsv"
    if missing(archive, topics):
        return 0
    from indexer.build import index_archives
    from search.core.engine import SearchEngine

    shutil.rmtree(CACHE, ignore_errors=True)
    for name, shards, jobs in (("one", 1, 1), ("four", 4, 2)):
        t = time.monotonic()
        summary = index_archives([str(archive)], str(CACHE / name), shards=shards, jobs=jobs, report=lambda m: None)
        print(f"{name}: {summary.documents} articles in {shards} shard(s), {time.monotonic() - t:.0f} s", flush=True)
    engines = {"one": SearchEngine(str(CACHE / "one"), workers=0), "four": SearchEngine(str(CACHE / "four"), workers=0),
               "four-processes": SearchEngine(str(CACHE / "four"), workers=2)}
    queries = [line.split("\t", 1)[1].strip() for line in topics.read_text(encoding="utf-8").splitlines() if "\t" in line]
    cases = []
    for q in queries:
        cases += [(q, {}, "relevance", 1), (q, {}, "relevance", 2), (q, {}, "newest", 1),
                  (q, {"country": ["IR"]}, "relevance", 1), (q, {"year_jalali": ["1385"]}, "oldest", 1)]
    worst, differing = 0.0, []
    for q, filters, sort, page in cases:
        got = {n: comparable(e.search(q, filters=filters, sort=sort, page=page, per_page=20))
               for n, e in engines.items()}
        ref, ref_scores = got["one"]
        for name in ("four", "four-processes"):
            same, scores = got[name]
            if same != ref:
                differing.append((name, q, filters, sort, page))
                continue
            for a, b in zip(scores, ref_scores):
                if a is not None:
                    worst = max(worst, abs(a - b))
    print(f"{len(cases)} searches x 2 set-ups: {len(differing)} differ; largest score difference {worst:.2e} "
          f"(must be <= 1e-9)")
    for case in differing[:10]:
        print("  differs:", case)
    for e in engines.values():
        e.close()
    return 1 if differing or worst > 1e-9 else 0


if __name__ == "__main__":
    sys.exit(main())
