"""The numpy evaluation against Whoosh itself, on the demo corpus: every mask equals Whoosh's own query results,
and the numpy BM25 equals Whoosh's BM25F scorer (with one shard's own statistics)."""

import numpy as np
import pytest

from search.core import query as Q
from search.core.engine import SearchEngine
from search.core.searching import compiled
from search.whoosh_backend.docsets import DocSets, PostingsCache
from search.whoosh_backend.scoring import score_vector
from search.whoosh_backend.shard import weighting
from search.whoosh_backend.translate import to_whoosh

QUERIES = ["ایران", "حمله سوریه", '"شورای امنیت"', "نفت -ایران", "سوریه OR لبنان", "لاریجانی country:سوریه",
           "person:لاریجانی", "date:1387", "date:2009-01..2010-12", "تحریم* ", "لاریجانا~", '"برنامه هسته‌ای" ایران',
           "-ایران", "کتاب‌ها", "مذاکرات هسته‌ای", '"شورای امنیت سازمان ملل"', '"امنیت شورای"']


@pytest.fixture(scope="module")
def one_shard(demo_index):
    engine = SearchEngine(demo_index, warm=False, workers=0)
    (handle,) = engine.coordinator.handles
    return engine, handle.shard


def _nodes(engine, query):
    _, comp = compiled(engine.coordinator, engine.coordinator.view(), query)
    nodes = [comp.any_word, comp.all_words, comp.exclude, *comp.constraints]
    return [n for n in nodes if n is not None]


def _whoosh_ids(searcher, node):
    return {hit.docnum for hit in searcher.search(to_whoosh(node), limit=None, scored=False)}


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("cached", [False, True])
def test_every_mask_equals_whoosh_results(one_shard, query, cached):
    """``cached``: through a postings cache, twice (phrase words decoded whole, then answered from it)."""
    engine, shard = one_shard
    state = shard._state(None)
    nodes = _nodes(engine, query)
    assert nodes, query
    cache = PostingsCache() if cached else None
    with state.searcher() as s:
        for _ in range(2 if cached else 1):
            ds = DocSets(s, state.columns, cache)
            for node in nodes:
                ours = set(np.flatnonzero(ds.of(node)).tolist())
                assert ours == _whoosh_ids(s, node), node
    if cached and query.count('"') == 2:  # a phrase: its words (common in the demo) are kept decoded
        assert cache.positions.size > 0


@pytest.mark.parametrize("query", ["ایران", "حمله سوریه", '"شورای امنیت"', "سوریه OR لبنان", "نفت -ایران",
                                   '"برنامه هسته‌ای" ایران'])
def test_numpy_bm25_equals_whoosh_bm25f(one_shard, query):
    engine, shard = one_shard
    state = shard._state(None)
    (node, *_) = _nodes(engine, query)
    view = engine.coordinator.view()
    stats = view.stats_for(Q.terms_of(node))
    with state.searcher() as s:
        ours = score_vector(node, DocSets(s, state.columns), stats)
        assert isinstance(s.weighting, type(weighting()))
        theirs = {hit.docnum: hit.score for hit in s.search(to_whoosh(node), limit=None)}
    assert theirs and set(np.flatnonzero(ours).tolist()) == set(theirs)
    for docnum, score in theirs.items():
        assert ours[docnum] == pytest.approx(score, rel=1e-9, abs=1e-12)
