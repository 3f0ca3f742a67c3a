"""What the benchmarks share: where the real data lives, how to read article texts, how to time an analyzer."""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT.parent / "shared" / "data"  # research data beside the clone; never copied into it

sys.path.insert(0, str(ROOT))  # the project's packages, also when it is not installed
os.environ.setdefault("HF_HUB_OFFLINE", "1")  # hazm must never reach for a model hub


def missing(*paths) -> bool:
    """True (after saying so) when a data file the benchmark needs is absent."""
    absent = [str(p) for p in paths if not Path(p).exists()]
    if absent:
        print(f"skipped: {', '.join(absent)} missing")
    return bool(absent)


def article_texts(path, fields=("title", "body"), limit=0) -> list[str]:
    """The ``fields`` of each JSON Lines article joined by newlines (the first ``limit`` articles; 0: all)."""
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            texts.append("\n".join(doc.get(k) or "" for k in fields))
            if limit and len(texts) >= limit:
                break
    return texts


def time_analyzer(analyzer, texts) -> tuple[int, float]:
    """(tokens, CPU seconds) for analyzing every text the way the indexer does (positions and offsets)."""
    n = 0
    start = time.process_time()
    for text in texts:
        for _ in analyzer(text, positions=True, chars=True, mode="index"):
            n += 1
    return n, time.process_time() - start
