"""Did-you-mean over all shards: ``search.core.suggest`` decides, with the document frequencies of the whole index.

``search.core.suggest`` asks the frequency of hundreds of candidate spellings, one at a time; across shards each
question would be a round trip. Which candidates it asks depends only on the word, so a first dry run records
them, one round trip fetches all their frequencies, and the real run reads them from a dict.
"""

from collections import Counter

from analyzers.fold import ZWNJ
from search.core import suggest as dym

SPELLING_SAMPLE = 3  # articles read to see how a suggested word is written


class _Index:
    """What ``search.core.suggest`` asks of a searcher, for one view."""

    def __init__(self, view):
        self.view = view

    def doc_count(self):
        return self.view.doc_count


def suggest(coordinator, view, raw, words):
    tokens = [t for _, t in words]
    own = view.doc_frequencies(tokens)
    if all(own[t] > max(dym.RARE, dym.RARE_SHARE * view.doc_count) for t in tokens):
        return None  # nothing rare: no correction to look for (the usual case)
    asked = set()

    def record(term):
        asked.add(term)
        return 0

    dym.did_you_mean(raw, words, _Index(view), None, record, None)
    known = view.doc_frequencies(sorted(asked))

    def together(a, b):
        return sum(counts[0] for counts in coordinator.fan(view, "together", [(a, b)]))

    def spell(term):
        found = [pair for answer in coordinator.fan(view, "spellings", term, SPELLING_SAMPLE) for pair in answer]
        seen = Counter()
        for _, forms in sorted(found)[:SPELLING_SAMPLE]:
            seen.update(forms)
        exact = [w for w, _ in seen.most_common() if w.replace(ZWNJ, "") == term]
        return exact[0] if exact else term

    return dym.did_you_mean(raw, words, _Index(view), together, lambda t: known.get(t, 0), spell)
