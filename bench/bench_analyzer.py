"""Analyzer speed: tokens/s of the index analyzer on Hamshahri text, next to Whoosh's StandardAnalyzer.

Usage: python bench/bench_analyzer.py [DATA.jsonl] [--docs N]
Both analyzers run in the same process on the same text, after one warm-up pass (which builds the hazm tables
and fills the per-word caches, as happens after the first few documents of a real indexing run).
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from whoosh.analysis import StandardAnalyzer  # noqa: E402

from analyzers.analysis import index_analyzer  # noqa: E402

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "hamshahri2.jsonl"


def load_texts(path, limit):
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            texts.append(doc.get("title", "") + "\n" + doc.get("body", ""))
            if limit and len(texts) >= limit:
                break
    return texts


def run(analyzer, texts):
    """(tokens, seconds) for analyzing every text the way the indexer does (positions and offsets)."""
    n = 0
    start = time.process_time()
    for text in texts:
        for _ in analyzer(text, positions=True, chars=True, mode="index"):
            n += 1
    return n, time.process_time() - start


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT))
    ap.add_argument("--docs", type=int, default=0, help="number of articles to analyze (0 = all)")
    args = ap.parse_args(argv)
    if not Path(args.data).exists():
        print(f"skipped: {args.data} missing")
        return 0
    texts = load_texts(args.data, args.docs)
    chars = sum(map(len, texts))
    print(f"{len(texts)} articles, {chars:,} characters (CPU time, one core; machine shared, figures noisy)")
    rows = [("whoosh StandardAnalyzer", StandardAnalyzer()), ("bayegan index_analyzer", index_analyzer())]
    for _, analyzer in rows:
        run(analyzer, texts[:200])  # warm-up: hazm tables, caches
    results = {}
    for name, analyzer in rows:
        n, secs = run(analyzer, texts)
        results[name] = n / secs
        print(f"{name:26s} {n:>10,} tokens {secs:7.2f} s {n / secs:>12,.0f} tokens/s {chars / secs:>12,.0f} chars/s")
    ratio = results["whoosh StandardAnalyzer"] / results["bayegan index_analyzer"]
    ours = results["bayegan index_analyzer"]
    print(f"StandardAnalyzer / ours = {ratio:.2f}x (target <= 3x); ours {ours:,.0f} tokens/s (target >= 100,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
