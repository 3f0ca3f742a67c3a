"""The default ranking of the search layer (owned by the analyzer agent, who tunes it on the dev topics).

Every query ranks on the single ``content`` field
(title repeated ``indexer.document.TITLE_REPEAT`` times + summary + body), so BM25F here is plain BM25 over that
field. ``feedback_terms`` is pseudo-relevance feedback (RM3 query expansion from the top-ranked articles).

Measured on the 25 Hamshahri dev topics (bench/eval_retrieval.py; its in-memory BM25 gives Whoosh's exact scores):
  OR of the words, BM25 k1=1.2 b=0.75 ............ MAP 0.826
  OR, k1=1.6 b=0.9 ................................ MAP 0.832 (title repeated 2-3x in content: 0.828/0.827)
  OR + feedback (10 docs, 20 terms, weight 0.5) ... MAP 0.851; 0.850 when feedback only re-ranks the matches
                                                    (what search.feedback does); surface+lemma indexed: 0.833
With feedback, how the engine treats "articles with every word" (issue 5: "they rank first"):
  every word first (search.engine today) .......... MAP 0.800
  every word first only for queries of <= 2 words . MAP 0.852
  words in > 30% / > 10% of articles not required . MAP 0.822 / 0.831
  a x1.05 / x1.2 score bonus instead of a tier .... MAP 0.849 / 0.836
Chosen: every word first for queries of <= 2 words (what a reader typing «حمله سوریه» expects, MAP 0.852); longer
queries rank by BM25 + feedback, where articles with every word still tend to lead but a missing common word
(«ایران», «تهران») no longer buries an otherwise relevant article.
"""

from collections import Counter
from itertools import islice

# BM25 parameters, tuned with bench/eval_retrieval.py --sweep (k1 0.9-2.0, b 0.5-0.9, title repeats 1-3).
K1 = 1.6
B = 0.9

# Rank plain-word queries with pseudo-relevance feedback (read by search.engine / search.feedback).
FEEDBACK = True
FEEDBACK_DOCS = 10
FEEDBACK_TERMS = 20
ORIGINAL_WEIGHT = 0.5

# Articles containing every query word rank first for queries of up to this many words (see the docstring).
ALL_WORDS_FIRST_MAX_WORDS = 2


def relevance_model(doc_counts, doc_scores) -> Counter:
    """term -> probability in the top-ranked articles, each weighted by its share of their scores (RM1)."""
    total_score = sum(doc_scores) or 1.0
    model = Counter()
    for counts, s in zip(doc_counts, doc_scores):
        length = sum(counts.values()) or 1
        for t, tf in counts.items():
            model[t] += (tf / length) * (s / total_score)
    return model


def feedback_terms(query_terms, doc_counts, doc_scores, idf, *, n_terms=FEEDBACK_TERMS,
                   original_weight=ORIGINAL_WEIGHT):
    """RM3: the query's (term, weight) pairs mixed with the terms most probable in the top-ranked articles.

    query_terms: [(term, weight)]; doc_counts: a Counter of analyzed content terms per top article; doc_scores: their
    scores; idf: term -> idf (used to skip terms found in nearly every article). Returns [(term, weight)] whose
    weights sum to 1: ``original_weight`` for the query, the rest for the expansion terms.
    """
    model = relevance_model(doc_counts, doc_scores)
    # Lazy: idf() is a term lookup in every segment, so only the candidates needed are looked up.
    expansion = list(islice(((t, p) for t, p in model.most_common() if idf(t) > 1.5), n_terms))
    q_total = sum(w for _, w in query_terms) or 1.0
    e_total = sum(p for _, p in expansion) or 1.0
    weights = Counter()
    for t, w in query_terms:
        weights[t] += original_weight * w / q_total
    for t, p in expansion:
        weights[t] += (1 - original_weight) * p / e_total
    return list(weights.items())
