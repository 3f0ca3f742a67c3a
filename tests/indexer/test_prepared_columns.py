"""The indexer leaves each shard's facet columns and frequent terms' postings computed (issue 13): the first server
opens them instead of reading every stored article before its first answer and decoding postings beside it."""

import os

import numpy as np

from indexer_helpers import ARTICLES, write_jsonl
from search.whoosh_backend import hotpostings
from search.whoosh_backend.columns import SegmentCache
from search.whoosh_backend.shard import CACHE_DIR
from search.whoosh_backend.sink import open_shard_index


def _segments(shard):
    with open_shard_index(str(shard)).reader() as reader:
        if not reader.doc_count_all():
            return []
        return [leaf.segment().segment_id() for leaf, _ in reader.leaf_readers()]


def test_every_segment_has_its_columns_after_indexing(tmp_path, index_cli):
    for jobs in (0, 2):
        ix = tmp_path / f"ix{jobs}"
        run = index_cli(write_jsonl(tmp_path / "a.jsonl", ARTICLES), "--index", ix, "--shards", "2", jobs=jobs)
        assert run.code == 0, run.err
        checked = 0
        for shard in sorted(ix.glob("shard-*")):
            segments = _segments(shard)
            if segments:  # a shard the three articles did not reach has no segment
                saved = set(os.listdir(shard / CACHE_DIR))
                assert {f"{s}.columns.npz" for s in segments} <= saved
                assert {f"{s}.postings.npz" for s in segments} <= saved
                checked += 1
        assert checked


def test_the_saved_columns_are_what_a_search_would_compute(tmp_path, index_cli):
    ix = tmp_path / "ix"
    index_cli(write_jsonl(tmp_path / "a.jsonl", ARTICLES), "--index", ix, "--shards", "1")
    shard = ix / "shard-00"
    saved = SegmentCache(str(shard / CACHE_DIR))
    fresh = SegmentCache(None)  # no folder: computed from the segment itself
    with open_shard_index(str(shard)).reader() as reader:
        for leaf, _ in reader.leaf_readers():
            a, b = saved.get(leaf), fresh.get(leaf)
            assert a.doc_count == b.doc_count and list(a.ids) == list(b.ids)
            assert {k: v[0] for k, v in a.facets.items()} == {k: v[0] for k, v in b.facets.items()}


def test_a_server_loads_the_saved_postings_instead_of_decoding_them(tmp_path, index_cli, monkeypatch):
    monkeypatch.setattr(hotpostings, "MIN_DF", 1)  # three articles: let every word count as frequent
    ix = tmp_path / "ix"
    index_cli(write_jsonl(tmp_path / "a.jsonl", ARTICLES), "--index", ix, "--shards", "1", jobs=0)
    shard = ix / "shard-00"
    fresh = hotpostings.HotPostings(None)  # no folder: decoded from the segment itself
    fresh.fill(open_shard_index(str(shard)))

    def no_decoding(self, reader, segid):
        raise AssertionError(f"decoded {segid} again")

    monkeypatch.setattr(hotpostings.HotPostings, "_build", no_decoding)
    saved = hotpostings.HotPostings(str(shard / CACHE_DIR))
    saved.fill(open_shard_index(str(shard)))
    assert saved._segments.keys() == fresh._segments.keys() and saved._segments
    for segid, (terms, ids, weights) in fresh._segments.items():
        assert len(terms) > 3
        for term in terms:
            a, b = saved.lookup(segid, "content", term), fresh.lookup(segid, "content", term)
            assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert saved._vocab == fresh._vocab
