"""The default ranking of the search layer (owned by the analyzer agent, who tunes it on the dev topics).

The search engine calls ``weighting()`` once per searcher; every query ranks on the single ``content`` field
(title + summary + body), so BM25F here is plain BM25 over that field.
"""

from whoosh import scoring

K1 = 1.2
B = 0.75


def weighting() -> scoring.WeightingModel:
    return scoring.BM25F(B=B, K1=K1)
