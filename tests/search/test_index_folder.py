"""The index folder: a manifest naming the shards and the analyzer; every problem is one clear line."""

import json

import pytest

import bayegan
from indexer.build import IndexUnavailable, index_archives
from search.core import manifest as mf
from search.core.engine import SearchEngine
from search.core.errors import IndexDamaged, IndexIncompatible, IndexMissing

DEMO = "examples/demo/news.jsonl"


@pytest.fixture
def built(tmp_path):
    index_dir = tmp_path / "ix"
    index_archives([DEMO], str(index_dir), jobs=0, shards=3, report=lambda m: None)
    return index_dir


def test_manifest_names_backend_analyzer_shards_and_counts(built):
    from analyzers.fingerprint import fingerprint

    data = json.loads((built / "manifest.json").read_text())
    assert data["format"] == mf.FORMAT_VERSION and data["backend"] == "whoosh"
    assert data["analyzer"] == fingerprint()
    assert [s["name"] for s in data["shards"]] == ["shard-00", "shard-01", "shard-02"]
    assert sum(s["articles"] for s in data["shards"]) == 50 and all(s["articles"] for s in data["shards"])


def test_an_article_always_lands_in_the_shard_of_its_id(built):
    from shard_helpers import shard_indexes

    for number, ix in enumerate(shard_indexes(built)):
        with ix.searcher() as s:
            ids = [d["id"] for d in s.documents()]
        assert ids and all(mf.shard_of(i, 3) == number for i in ids)
    again = index_archives([DEMO], str(built), jobs=2, report=lambda m: None)  # re-indexing replaces in place
    assert again.replaced == 50 and again.documents == 50


def test_another_analyzer_is_refused_with_how_to_rebuild(built, capsys):
    data = json.loads((built / "manifest.json").read_text())
    data["analyzer"] = "0" * 20
    (built / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(IndexIncompatible, match="another analyzer.*--rebuild"):
        SearchEngine(str(built))
    assert bayegan.main(["search", "ایران", "--index", str(built)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "another analyzer" in err and "--rebuild" in err
    with pytest.raises(IndexUnavailable, match="another analyzer"):
        index_archives([DEMO], str(built), jobs=0, report=lambda m: None)
    assert index_archives([DEMO], str(built), rebuild=True, jobs=0, report=lambda m: None).documents == 50


def test_a_different_shard_count_needs_rebuild(built):
    with pytest.raises(ValueError, match="has 3 shard"):
        index_archives([DEMO], str(built), shards=2, jobs=0, report=lambda m: None)
    assert index_archives([DEMO], str(built), shards=2, rebuild=True, jobs=0, report=lambda m: None).shards == 2


@pytest.mark.parametrize("damage,error", [
    (lambda d: (d / "manifest.json").write_text("{not json"), IndexDamaged),
    (lambda d: (d / "manifest.json").unlink(), IndexMissing),
    (lambda d: (d / "manifest.json").write_text(json.dumps({"format": 1, "shards": []})), IndexIncompatible),
])
def test_a_broken_manifest_is_one_clear_error(built, damage, error):
    damage(built)
    with pytest.raises(error, match=str(built)):
        SearchEngine(str(built))


def test_an_index_of_the_previous_layout_says_rebuild(tmp_path):
    (tmp_path / "_MAIN_3.toc").write_bytes(b"")
    with pytest.raises(IndexIncompatible, match="older version.*--rebuild"):
        SearchEngine(str(tmp_path))
