"""Retrieval quality on the Hamshahri dev topics: MAP, P@10, nDCG@10, R@1000 for four analyzer set-ups.

Usage: python bench/eval_retrieval.py [DATA.jsonl TOPICS.tsv QRELS.trec] [--rows ...] [--spelling ...] [--sweep]

Rows (each a real Whoosh index, cached under bench/.cache/ keyed by set-up and data file):
  standard     Whoosh StandardAnalyzer, content = title + body, BM25F k1=1.2 b=0.75, OR of the query words
  fold         our tokenizer with character folding only (ZWNJ kept inside words)
  fold+zwnj    folding + half-space joining (ZWNJ-free terms, split prefixes/suffixes joined)
  default      the product: indexer.build.index_archives (schema, TITLE_REPEAT) searched through
               search.SearchEngine.search(query, per_page=1000), i.e. search.core.ranking's weighting and query expansion
  default-or   (extra) the product index, plain OR of the query words, search.core.ranking.weighting()
  default+prf  (extra) the same with search.core.ranking.feedback_query (RM3 pseudo-relevance feedback)

--spelling plain runs the topics as many readers type them: without madda and hamza, Persian ی/ک («آلودگي» ->
«الودگی», «آيين» -> «ایین»); both: the given topics, then the plain ones.

--sweep ranks with an in-memory copy of Whoosh's BM25F (same idf, same one-byte field lengths) to tune k1, b,
TITLE_REPEAT and the feedback parameters in seconds; only the default row's figures count.
"""

import argparse
import hashlib
import json
import math
import os
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

DATA_DIR = ROOT.parent / "shared" / "data"
CACHE = ROOT / "bench" / ".cache"
METRICS = ("map", "P_10", "ndcg_cut_10", "recall_1000")
DEPTH = 1000


# -- inputs ---------------------------------------------------------------------------------------------------------

def load_articles(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_topics(path):
    topics = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                qid, text = line.rstrip("\n").split("\t", 1)
                topics[qid] = text
    return topics


def load_qrels(path):
    qrels = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 4:
                qrels.setdefault(parts[0], {})[parts[2]] = int(parts[3])
    return qrels


# How many readers type: no madda, no hamza (a bare ی/و/ا for its seat), Persian ی and ک.
PLAIN_SPELLING = str.maketrans({"آ": "ا", "أ": "ا", "إ": "ا", "ئ": "ی", "ؤ": "و", "ء": None, "ي": "ی", "ك": "ک"})


def plain_spelling(topics):
    """The topics as typed without madda and hamza («آلودگي محيط زيست» -> «الودگی محیط زیست»)."""
    return {qid: text.translate(PLAIN_SPELLING) for qid, text in topics.items()}


def score(run, qrels):
    """Mean of each metric over the topics (pytrec_eval; topics without hits count as 0)."""
    import pytrec_eval

    evaluator = pytrec_eval.RelevanceEvaluator(qrels, set(METRICS))
    per_topic = evaluator.evaluate({q: run.get(q, {}) for q in qrels})
    return {m: sum(per_topic.get(q, {}).get(m, 0.0) for q in qrels) / len(qrels) for m in METRICS}


def as_run(ranked):
    """[(docid, score)] in rank order -> the pytrec_eval run dict (scores made strictly decreasing)."""
    return {docid: float(len(ranked) - i) for i, (docid, _) in enumerate(ranked[:DEPTH])}


# -- set-ups --------------------------------------------------------------------------------------------------------

def analyzer_for(row):
    from whoosh.analysis import StandardAnalyzer

    from analyzers.analysis import index_analyzer

    if row == "standard":
        return StandardAnalyzer()
    if row == "fold":
        return index_analyzer(join=False, stopwords=False, lemmatize=False)
    if row == "fold+zwnj":
        return index_analyzer(join=True, stopwords=False, lemmatize=False)
    return index_analyzer()


def cache_key(*parts):
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:12]


def data_stamp(path):
    st = Path(path).stat()
    return (str(Path(path).resolve()), st.st_size, int(st.st_mtime))


# -- real Whoosh indexes ---------------------------------------------------------------------------------------------

def baseline_index(row, data):
    """A two-field index (id, content = title + body) analyzed by the row's analyzer; built once, cached."""
    from whoosh import index
    from whoosh.fields import ID, TEXT, Schema

    analyzer = analyzer_for(row)
    path = CACHE / f"ix-{row.replace('+', '_')}-{cache_key(row, repr(analyzer), analyzer_sources(), data_stamp(data))}"
    if (path / "done").exists():
        return index.open_dir(str(path))
    path.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(path), Schema(id=ID(stored=True, unique=True), content=TEXT(analyzer=analyzer)))
    started = time.monotonic()
    with ix.writer(limitmb=256) as w:
        for art in load_articles(data):
            w.add_document(id=art["id"], content=art.get("title", "") + "\n" + art.get("body", ""))
    (path / "done").write_text(f"{time.monotonic() - started:.0f} s\n")
    return ix


def run_baseline(row, data, topics):
    from whoosh import query as wq
    from whoosh import scoring

    ix = baseline_index(row, data)
    analyzer = analyzer_for(row)
    run = {}
    with ix.searcher(weighting=scoring.BM25F(K1=1.2, B=0.75)) as s:
        for qid, text in topics.items():
            terms = [t.text for t in analyzer(text, mode="query")]
            q = wq.Or([wq.Term("content", t) for t in terms])
            hits = s.search(q, limit=DEPTH)
            run[qid] = as_run([(h["id"], h.score) for h in hits])
    return run


def analyzer_sources():
    """Every source and word list of analyzers/: an index is rebuilt whenever any of them changes (folding rules,
    variant tables and entity lexicons all change the terms or facet keys an index holds)."""
    files = sorted(p for p in (ROOT / "analyzers").rglob("*") if p.is_file() and p.suffix in (".py", ".txt", ".tsv"))
    return "".join(p.read_text(encoding="utf-8") for p in files)


def product_index(data):
    """The product's own index of ``data`` (indexer.build), cached by the analyzer and document code it used."""
    from analyzers.fingerprint import fingerprint
    from indexer import build, document

    sources = fingerprint() + "".join((ROOT / p).read_text(encoding="utf-8") for p in (
        "indexer/document.py", "search/whoosh_backend/schema.py"))
    path = CACHE / f"ix-default-{cache_key(sources, document.TITLE_REPEAT, data_stamp(data))}"
    if not (path / "done").exists():
        started = time.monotonic()
        build.index_archives([data], str(path), rebuild=True, shards=1, report=lambda *a: None)
        (path / "done").write_text(f"{time.monotonic() - started:.0f} s\n")
    return path


def run_product_whoosh(data, topics, feedback):
    """The product index (one shard) searched by Whoosh itself: an OR of the analyzed words with the product's
    BM25F, and with ``feedback`` expanded by ``feedback_query`` (RM3 as Whoosh would rank it)."""
    from whoosh import query as wq

    from analyzers.analysis import normalize_query, query_analyzer
    from search.whoosh_backend import open_shard_index
    from search.whoosh_backend.shard import weighting

    ix = open_shard_index(str(product_index(data) / "shard-00"))
    analyzer = query_analyzer()
    run = {}
    with ix.searcher(weighting=weighting()) as s:
        for qid, text in topics.items():
            terms = [t.text for t in analyzer(normalize_query(text), mode="query")]
            if feedback:
                q = feedback_query(s, terms)
            else:
                q = wq.Or([wq.Term("content", t) for t in terms])
            run[qid] = as_run([(h["id"], h.score) for h in s.search(q, limit=DEPTH)])
    return run


def feedback_query(searcher, terms, *, fieldname="content", restrict=None):
    """The expanded Whoosh query for a plain-word query of analyzed ``terms`` (RM3 pseudo-relevance feedback).

    Ranks ``terms`` (OR) with the searcher's weighting, re-analyzes the stored text of the top ``docs`` articles
    (the ``content`` text exactly as indexed), and returns an OR of boosted Term queries. Use it to rank plain-word
    queries (not phrases, prefixes or field searches); with fewer than 2 matching articles it returns the plain OR.
    ``restrict``: an optional Whoosh query/filter the feedback articles must match (e.g. the user's facets).
    """
    from whoosh import query as wq

    from analyzers.analysis import index_analyzer
    from indexer.document import content_text
    from search.core import ranking

    docs, n_terms, original_weight = ranking.FEEDBACK_DOCS, ranking.FEEDBACK_TERMS, ranking.ORIGINAL_WEIGHT

    terms = [t for t in terms if t]
    plain = wq.Or([wq.Term(fieldname, t) for t in terms])
    if not terms:
        return plain
    hits = searcher.search(plain, limit=docs, filter=restrict)
    if len(hits) < 2:
        return plain
    analyzer = index_analyzer()
    counts, scores = [], []
    for hit in hits:
        text = content_text(hit.fields())
        counts.append(Counter(t.text for t in analyzer(text, mode="index")))
        scores.append(hit.score)
    weighted = ranking.feedback_terms([(t, 1.0) for t in terms], counts, scores,
                              lambda t: searcher.idf(fieldname, t), n_terms=n_terms, original_weight=original_weight)
    return wq.Or([wq.Term(fieldname, t, boost=w) for t, w in weighted])


def run_default(data, topics):
    from search import SearchEngine

    engine = SearchEngine(str(product_index(data)))
    run = {}
    for qid, text in topics.items():
        result = engine.search(text, per_page=DEPTH, facets=False)
        run[qid] = as_run([(h["id"], h.get("score") or 0.0) for h in result["hits"]])
    return run


# -- in-memory BM25 for tuning ---------------------------------------------------------------------------------------

class MemoryIndex:
    """Term -> (doc numbers, tfs) of the content field, with Whoosh's one-byte document lengths."""

    def __init__(self, ids, doc_terms):
        import numpy as np
        from whoosh.util.numeric import byte_to_length, length_to_byte

        self.ids = ids
        self.pos = {d: i for i, d in enumerate(ids)}
        self.doc_terms = doc_terms
        lengths = [sum(c.values()) for c in doc_terms]
        self.avgfl = sum(lengths) / len(lengths)
        self.lengths = np.array([byte_to_length(length_to_byte(n)) for n in lengths], dtype=float)
        post = {}
        for d, counts in enumerate(doc_terms):
            for t, tf in counts.items():
                post.setdefault(t, ([], []))
                post[t][0].append(d)
                post[t][1].append(tf)
        self.post = {t: (np.array(ds), np.array(tfs, dtype=float)) for t, (ds, tfs) in post.items()}
        self.n = len(ids)

    def idf(self, t):
        df = len(self.post[t][0]) if t in self.post else 0
        return math.log(self.n / (df + 1)) + 1

    def scores(self, weighted_terms, k1, b):
        import numpy as np

        out = np.zeros(self.n)
        norm = k1 * ((1 - b) + b * self.lengths / self.avgfl)
        for t, w in weighted_terms:
            if t not in self.post:
                continue
            ds, tfs = self.post[t]
            out[ds] += w * self.idf(t) * tfs * (k1 + 1) / (tfs + norm[ds])
        return out

    def rank(self, weighted_terms, k1, b):
        import numpy as np

        s = self.scores(weighted_terms, k1, b)
        top = np.argsort(-s, kind="stable")[:DEPTH]
        return [(self.ids[d], s[d]) for d in top if s[d] > 0]


def memory_index(articles, analyzer, title_repeat, tag):
    path = CACHE / f"mem-{tag}-{title_repeat}.pkl"
    if path.exists():
        with open(path, "rb") as f:
            ids, doc_terms = pickle.load(f)
    else:
        ids, doc_terms = [], []
        for art in articles:
            text = "\n".join([art.get("title", "")] * title_repeat + [art.get("body", "")])
            ids.append(art["id"])
            doc_terms.append(Counter(t.text for t in analyzer(text, mode="index")))
        CACHE.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            pickle.dump((ids, doc_terms), f)
    return MemoryIndex(ids, doc_terms)


def sweep(args, topics, qrels):
    """Print MAP (and the other metrics) of the default analyzer over a grid of k1, b, title repeats, feedback."""
    from search.core import ranking

    from analyzers.analysis import index_analyzer

    articles = load_articles(args.data)
    analyzer = index_analyzer(**args.options)
    for repeat in args.repeats:
        mi = memory_index(articles, analyzer, repeat, cache_key(args.options, analyzer_sources(), data_stamp(args.data)))
        queries = {q: [(t.text, 1.0) for t in analyzer(text, mode="query")] for q, text in topics.items()}
        for k1 in args.k1:
            for b in args.b:
                for fb in args.feedback:
                    run = {}
                    for qid, terms in queries.items():
                        ranked = mi.rank(terms, k1, b)
                        if fb:
                            docs, weight, n_terms = fb
                            expanded = ranking.feedback_terms(
                                terms, [mi.doc_terms[mi.pos[d]] for d, _ in ranked[:docs]],
                                [s for _, s in ranked[:docs]], mi.idf, n_terms=n_terms, original_weight=weight)
                            ranked = mi.rank(expanded, k1, b)
                        run[qid] = as_run(ranked)
                    m = score(run, qrels)
                    print(f"repeat={repeat} k1={k1:<4} b={b:<4} fb={fb}  " +
                          "  ".join(f"{k}={v:.4f}" for k, v in m.items()), flush=True)


# -- main -----------------------------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DATA_DIR / "hamshahri2.jsonl"))
    ap.add_argument("topics", nargs="?", default=str(DATA_DIR / "hamshahri2_topics_dev.tsv"))
    ap.add_argument("qrels", nargs="?", default=str(DATA_DIR / "hamshahri2_qrels_dev.trec"))
    ap.add_argument("--rows", nargs="+", default=["standard", "fold", "fold+zwnj", "default", "default-or", "default+prf"])
    ap.add_argument("--spelling", choices=("given", "plain", "both"), default="given",
                    help="the topics as given, as typed without madda and hamza, or both")
    ap.add_argument("--title-repeat", type=int, help="override indexer.document.TITLE_REPEAT (for trying values)")
    ap.add_argument("--sweep", action="store_true", help="tune on an in-memory BM25 instead of the rows")
    ap.add_argument("--k1", type=float, nargs="+", default=[1.2])
    ap.add_argument("--b", type=float, nargs="+", default=[0.75])
    ap.add_argument("--repeats", type=int, nargs="+", default=[1])
    ap.add_argument("--feedback", type=json.loads, nargs="+", default=[None],
                    help='JSON [docs, original_weight, terms] per setting, or null')
    ap.add_argument("--options", type=json.loads, default={}, help="index_analyzer options (JSON) for --sweep")
    args = ap.parse_args(argv)
    for p in (args.data, args.topics, args.qrels):
        if not Path(p).exists():
            print(f"skipped: {p} missing")
            return 0
    topics, qrels = load_topics(args.topics), load_qrels(args.qrels)
    if args.title_repeat is not None:
        from indexer import document

        document.TITLE_REPEAT = args.title_repeat
    if args.sweep:
        sweep(args, topics, qrels)
        return 0
    print(f"{len(topics)} topics, top {DEPTH}; Lucene 9.5 PersianAnalyzer reference (BM25 1.2/0.75): MAP 0.8275")
    spellings = {"given": [("given", topics)], "plain": [("plain", plain_spelling(topics))],
                 "both": [("given", topics), ("plain", plain_spelling(topics))]}[args.spelling]
    print(f"{'row':18s} " + " ".join(f"{m:>12s}" for m in METRICS) + "   seconds")
    for spelling, these in spellings:
        for row in args.rows:
            started = time.monotonic()
            if row == "default":
                run = run_default(args.data, these)
            elif row in ("default-or", "default+prf"):
                run = run_product_whoosh(args.data, these, feedback=row == "default+prf")
            else:
                run = run_baseline(row, args.data, these)
            m = score(run, qrels)
            name = row if args.spelling == "given" else f"{row} ({spelling})"
            print(f"{name:18s} " + " ".join(f"{m[k]:12.4f}" for k in METRICS)
                  + f"   {time.monotonic() - started:7.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
