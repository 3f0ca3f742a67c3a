"""Frequent-term postings decoded ahead of time equal Whoosh's, and searches give the same answer with them."""

import numpy as np

from search import SearchEngine
from search.whoosh_backend import hotpostings
from search.whoosh_backend.docsets import postings
from shard_helpers import shard_indexes


def test_hot_postings_equal_whoosh_postings(demo_index, monkeypatch):
    monkeypatch.setattr(hotpostings, "MIN_DF", 2)  # the demo corpus is small: make most terms "frequent"
    store = hotpostings.HotPostings(cache_dir=None)
    (ix,) = shard_indexes(demo_index)
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
    cold = SearchEngine(demo_index, warm=False)  # nothing decoded ahead: the normal read path
    warm = SearchEngine(demo_index)
    warm.wait_until_warm()
    (shard,) = [h.shard for h in warm.coordinator.handles]
    assert shard._hot.doc_frequency_fn(shard._state(None).segment_ids) is not None  # really warm
    for q in ("ایران", "حمله سوریه", '"شورای امنیت"'):
        a, b = cold.search(q, per_page=100), warm.search(q, per_page=100)
        assert [(h["id"], h["score"]) for h in a["hits"]] == [(h["id"], h["score"]) for h in b["hits"]]
        assert a["facets"] == b["facets"]
