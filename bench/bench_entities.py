"""Entity extraction speed: articles/s of ``analyzers.entities.extract`` next to the index analyzer, same text.

Usage: python bench/bench_entities.py [DATA.jsonl] [--docs N]
Indexing calls extract() on every article (title + summary + body), so it must not cost more than analyzing the
same text. Both run in one process after a warm-up pass (lexicons, hazm tables, caches); CPU time of one core, alternating
rounds, fastest round of each. The machine is shared by several agents: figures are noisy, compare the two rows.
"""

import argparse
import sys
import time
from collections import Counter

from common import DATA_DIR, article_texts, missing, time_analyzer

from analyzers.analysis import index_analyzer
from analyzers.entities import extract

DEFAULT = DATA_DIR / "fars_news.jsonl"


def time_extract(texts):
    kinds = Counter()
    start = time.process_time()
    for text in texts:
        for entity in extract(text):
            kinds[entity.kind] += 1
    return time.process_time() - start, kinds


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT))
    ap.add_argument("--docs", type=int, default=0, help="number of articles (0 = all)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds; the fastest round of each counts")
    args = ap.parse_args(argv)
    if missing(args.data):
        return 0
    texts = article_texts(args.data, ("title", "summary", "body"), args.docs)
    analyzer = index_analyzer()
    print(f"{len(texts)} articles, {sum(map(len, texts)):,} characters (CPU time, one core; shared machine, noisy)")
    time_extract(texts[:100])  # warm-up: lexicons
    time_analyzer(analyzer, texts[:100])  # warm-up: hazm tables, caches
    # Other processes share the cores: alternate the two and keep each one's fastest round.
    a_runs, e_runs = [], []
    for _ in range(args.rounds):
        tokens, secs = time_analyzer(analyzer, texts)
        a_runs.append((secs, tokens))
        e_runs.append(time_extract(texts))
    a_secs, tokens = min(a_runs)
    e_secs, kinds = min(e_runs, key=lambda r: r[0])
    print(f"index_analyzer: {len(texts) / a_secs:8.1f} articles/s  ({tokens:,} tokens, {a_secs:.2f} s)")
    print(f"extract:        {len(texts) / e_secs:8.1f} articles/s  ({sum(kinds.values()):,} entities: "
          f"{dict(sorted(kinds.items()))}, {e_secs:.2f} s)")
    print(f"extract / analyzer cost: {e_secs / a_secs:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
