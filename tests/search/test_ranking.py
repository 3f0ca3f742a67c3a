"""search.core.ranking: the BM25 weighting and the RM3 feedback model (the analyzer agent's tuning)."""

import math
from collections import Counter

from whoosh import scoring

from search.core import ranking


def test_weighting_is_bm25_with_the_tuned_parameters():
    from search.whoosh_backend.shard import weighting

    w = weighting()
    assert isinstance(w, scoring.BM25F)
    assert (w.K1, w.B) == (ranking.K1, ranking.B)


def idf_of(df, n=100):
    return lambda t: math.log(n / (df.get(t, 0) + 1)) + 1


def test_feedback_keeps_the_query_terms_at_the_original_weight():
    docs = [Counter({"زلزله": 3, "بم": 2}), Counter({"زلزله": 1, "امداد": 4})]
    weighted = dict(ranking.feedback_terms([("زلزله", 1.0)], docs, [2.0, 1.0], idf_of({}), original_weight=0.5))
    assert weighted["زلزله"] > 0.5
    assert math.isclose(sum(weighted.values()), 1.0)


def test_feedback_adds_the_words_of_the_top_articles_weighted_by_score():
    docs = [Counter({"زلزله": 1, "بم": 5}), Counter({"زلزله": 1, "امداد": 5})]
    weighted = dict(ranking.feedback_terms([("زلزله", 1.0)], docs, [3.0, 1.0], idf_of({})))
    assert weighted["بم"] > weighted["امداد"] > 0


def test_feedback_skips_words_found_in_nearly_every_article():
    docs = [Counter({"زلزله": 1, "سال": 9, "بم": 1})]
    weighted = dict(ranking.feedback_terms([("زلزله", 1.0)], docs, [1.0], idf_of({"سال": 90})))
    assert "سال" not in weighted and "بم" in weighted


def test_feedback_uses_at_most_n_terms_besides_the_query():
    docs = [Counter({f"واژه{i}": i + 1 for i in range(50)})]
    weighted = ranking.feedback_terms([("زلزله", 1.0)], docs, [1.0], idf_of({}), n_terms=5)
    assert len(weighted) == 6
