"""Analyzer speed: tokens/s of the index analyzer on Hamshahri text, next to Whoosh's StandardAnalyzer.

Usage: python bench/bench_analyzer.py [DATA.jsonl] [--docs N]
Both analyzers run in the same process on the same text, after one warm-up pass (which builds the hazm tables
and fills the per-word caches, as happens after the first few documents of a real indexing run).
"""

import argparse
import sys

from common import DATA_DIR, article_texts, missing, time_analyzer
from whoosh.analysis import StandardAnalyzer

from analyzers.analysis import index_analyzer

DEFAULT = DATA_DIR / "hamshahri2.jsonl"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT))
    ap.add_argument("--docs", type=int, default=0, help="number of articles to analyze (0 = all)")
    args = ap.parse_args(argv)
    if missing(args.data):
        return 0
    texts = article_texts(args.data, ("title", "body"), args.docs)
    chars = sum(map(len, texts))
    print(f"{len(texts)} articles, {chars:,} characters (CPU time, one core; machine shared, figures noisy)")
    rows = [("whoosh StandardAnalyzer", StandardAnalyzer()), ("bayegan index_analyzer", index_analyzer())]
    for _, analyzer in rows:
        time_analyzer(analyzer, texts[:200])  # warm-up: hazm tables, caches
    results = {}
    for name, analyzer in rows:
        n, secs = time_analyzer(analyzer, texts)
        results[name] = n / secs
        print(f"{name:26s} {n:>10,} tokens {secs:7.2f} s {n / secs:>12,.0f} tokens/s {chars / secs:>12,.0f} chars/s")
    ratio = results["whoosh StandardAnalyzer"] / results["bayegan index_analyzer"]
    ours = results["bayegan index_analyzer"]
    print(f"StandardAnalyzer / ours = {ratio:.2f}x (target <= 3x); ours {ours:,.0f} tokens/s (target >= 100,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
