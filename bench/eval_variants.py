"""Do two spellings of one word find the same articles? Variant pairs (bench/variant_pairs.tsv) searched on the
Hamshahri archive through ``SearchEngine.search``.

Usage: python bench/eval_variants.py [DATA.jsonl] [--pairs bench/variant_pairs.tsv] [--quiet]

For each pair: both totals and the Jaccard overlap of the ids each spelling finds (every match, not one page); a
pair *agrees* when the overlap is >= 0.95. Then the share of agreeing pairs per class (target: >= 95% in every
class). Pairs of class ``distinct`` are two different words («آستان» / «استان»): they must stay apart (overlap
below 0.5), so folding is not bought by merging words. The index is the product's own (``eval_retrieval.product_index``: cached under bench/.cache/ and rebuilt
whenever an analyzer or indexer source changes).
"""

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from common import DATA_DIR, ROOT, missing

DEFAULT_PAIRS = ROOT / "bench" / "variant_pairs.tsv"
AGREE = 0.95
APART = 0.5  # a distinct pair's overlap must stay below this
DISTINCT = "distinct"
PAGE = 1000


def read_pairs(path):
    pairs = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, a, b = line.split("\t")[:3]
            pairs.append((kind, a, b))
    return pairs


def matching_ids(engine, query) -> tuple[int, set]:
    """The total and the ids of every article ``query`` finds (paged, date order: no ranking needed)."""
    ids, page = set(), 1
    while True:
        result = engine.search(query, page=page, per_page=PAGE, sort="newest", facets=False)
        ids.update(hit["id"] for hit in result["hits"])
        if len(ids) >= result["total"] or not result["hits"]:
            return result["total"], ids
        page += 1


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DATA_DIR / "hamshahri2.jsonl"))
    ap.add_argument("--pairs", default=str(DEFAULT_PAIRS))
    ap.add_argument("--quiet", action="store_true", help="print only the pairs that disagree and the summary")
    args = ap.parse_args(argv)
    if missing(args.data):
        return 0
    sys.path.insert(0, str(ROOT / "bench"))
    from eval_retrieval import product_index

    from search import SearchEngine

    engine = SearchEngine(str(product_index(args.data)), warm=False)
    by_class = defaultdict(list)
    unattested = []
    print(f"{'class':11s} {'spelling':>14s} {'total':>6s}   {'spelling':>14s} {'total':>6s}   jaccard")
    for kind, a, b in read_pairs(args.pairs):
        total_a, ids_a = matching_ids(engine, a)
        total_b, ids_b = matching_ids(engine, b)
        if not ids_a and not ids_b:
            unattested.append((kind, a, b))
            continue
        overlap = jaccard(ids_a, ids_b)
        good = overlap < APART if kind == DISTINCT else overlap >= AGREE
        by_class[kind].append(good)
        if not args.quiet or not good:
            print(f"{kind:11s} {a:>14s} {total_a:6d}   {b:>14s} {total_b:6d}   {overlap:.3f}"
                  + ("" if good else "   <- merged" if kind == DISTINCT else "   <- disagree"))
    print()
    for kind, agreed in by_class.items():
        what = "pairs kept apart" if kind == DISTINCT else "pairs agree"
        print(f"{kind:11s} {sum(agreed):3d} of {len(agreed):3d} {what} ({100 * sum(agreed) / len(agreed):5.1f}%)")
    every = [x for kind, agreed in by_class.items() if kind != DISTINCT for x in agreed]
    print(f"{'all':11s} {sum(every):3d} of {len(every):3d} pairs agree ({100 * sum(every) / len(every):5.1f}%), "
          f"target >= {AGREE:.0%} overlap in >= 95% of the pairs of every class")
    if unattested:
        print("not in this archive in either spelling (left out): "
              + ", ".join(f"{a}/{b}" for _, a, b in unattested))
    return 0


if __name__ == "__main__":
    sys.exit(main())
