"""Frequent-term postings decoded ahead of time equal Whoosh's, and searches give the same answer with them."""

import numpy as np

from search import SearchEngine, hotpostings
from search.docsets import postings


def test_hot_postings_equal_whoosh_postings(demo_index, monkeypatch):
    monkeypatch.setattr(hotpostings, "MIN_DF", 2)  # the demo corpus is small: make most terms "frequent"
    store = hotpostings.HotPostings(cache_dir=None)
    from whoosh import index

    ix = index.open_dir(demo_index)
    store.fill(ix)
    with ix.reader() as reader:
        checked = 0
        for leaf, _ in reader.leaf_readers():
            segid = leaf.segment().segment_id()
            for btext in leaf.lexicon("content"):
                got = store.lookup(segid, "content", btext)
                if got is None:
                    continue
                ids, weights = postings(leaf, "content", btext)
                assert np.array_equal(got[0], ids) and np.allclose(got[1], weights)
                checked += 1
    assert checked > 50


def test_search_is_the_same_before_and_after_warming(demo_index, monkeypatch):
    monkeypatch.setattr(hotpostings, "MIN_DF", 2)
    cold = SearchEngine(demo_index)
    cold._hot = hotpostings.HotPostings(cache_dir=None)  # nothing loaded: the normal read path
    cold._postings.hot = cold._hot
    warm = SearchEngine(demo_index)
    warm.wait_until_warm()
    for q in ("ایران", "حمله سوریه", '"شورای امنیت"'):
        a, b = cold.search(q, per_page=100), warm.search(q, per_page=100)
        assert [h["id"] for h in a["hits"]] == [h["id"] for h in b["hits"]] and a["facets"] == b["facets"]
