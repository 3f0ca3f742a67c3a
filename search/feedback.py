"""Pseudo-relevance feedback (RM3) on the numpy scorer, with the analyzer agent's model from search.ranking.

``search.ranking.feedback_terms`` decides the expanded, weighted terms (tuned on the dev topics); this module only
feeds it fast: the first pass and the final ranking are numpy score vectors (search.scoring), and the top
articles are re-analyzed from their stored text as the indexer built ``content``. Feedback re-weights the ranking
of the matching articles; it does not add articles without any query word to the results (the total stays the
number of articles that match the query).
"""

from collections import Counter

import numpy as np
from whoosh import query as wq

from search import ranking
from search.scoring import score_vector, top


def plain_terms(q) -> list[str] | None:
    """The content terms of a query made only of words (Term / Or / And), else None (phrases, prefixes ...)."""
    if isinstance(q, wq.Term) and q.fieldname == "content":
        return [q.text]
    if isinstance(q, (wq.Or, wq.And)) and not isinstance(q, wq.DisjunctionMax):
        out = []
        for sub in q.subqueries:
            got = plain_terms(sub)
            if got is None:
                return None
            out += got
        return out
    return None


def expanded_scores(searcher, docsets, terms, first_scores, mask):
    """Scores of the RM3-expanded query, or None when there is too little to learn from."""
    from analyzers.analysis import index_analyzer
    from indexer.document import content_text

    docs = ranking.FEEDBACK_DOCS
    best = top(first_scores, mask, docs)
    if len(best) < 2:
        return None
    analyzer = index_analyzer()
    counts, scores = [], []
    for docnum in best.tolist():
        stored = searcher.stored_fields(docnum)
        counts.append(Counter(t.text for t in analyzer(content_text(stored), mode="index")))
        scores.append(float(first_scores[docnum]))
    weighted = ranking.feedback_terms([(t, 1.0) for t in dict.fromkeys(terms)], counts, scores,
                                      lambda t: searcher.idf("content", t))
    q = wq.Or([wq.Term("content", t, boost=w) for t, w in weighted])
    return score_vector(q, docsets, searcher)


def apply(searcher, docsets, any_word, first_scores, mask):
    """Expanded scores for a plain-word query, else ``first_scores``."""
    terms = plain_terms(any_word)
    if not terms:
        return first_scores
    got = expanded_scores(searcher, docsets, terms, first_scores, mask)
    return first_scores if got is None else np.where(mask, got, 0.0)
