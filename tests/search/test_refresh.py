"""The engine follows the index: a new commit shows in hits, totals and facet counts (new segment columns)."""

import json

from indexer.build import index_archives
from search import SearchEngine


def _write(path, articles):
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")


def test_new_articles_appear_after_a_commit(tmp_path):
    index_dir = str(tmp_path / "ix")
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    _write(first, [{"id": "r1", "title": "باران در تبریز", "body": "باران تند در تبریز بارید.", "date": "1390/01/05"}])
    _write(second, [{"id": "r2", "title": "باران در شیراز", "body": "باران در شیراز آمد.", "date": "1391/02/06"}])
    index_archives([str(first)], index_dir, jobs=0, report=lambda m: None)
    engine = SearchEngine(index_dir)
    assert engine.search("باران")["total"] == 1
    index_archives([str(second)], index_dir, jobs=0, report=lambda m: None)
    result = engine.search("باران")
    assert result["total"] == 2
    years = {b["value"]: b["count"] for b in result["facets"]["year_jalali"]["buckets"]}
    assert years == {"1390": 1, "1391": 1}


def test_an_index_with_no_articles_yet_answers_empty_then_follows(tmp_path):
    # An empty (or fully skipped) archive leaves an index without segments: it must search, not fail to open.
    index_dir = str(tmp_path / "ix")
    empty, first = tmp_path / "empty.jsonl", tmp_path / "a.jsonl"
    _write(empty, [])
    index_archives([str(empty)], index_dir, jobs=0, report=lambda m: None)
    engine = SearchEngine(index_dir, warm=False)
    result = engine.search("باران", filters={"year_jalali": ["1390"]}, sort="newest")
    assert result["total"] == 0 and result["hits"] == [] and result["notices"][-1]["code"] == "empty_archive"
    assert set(result["facets"]) == {"person", "country", "year_jalali", "month_jalali", "source", "year_gregorian"}
    assert engine.facet_values("person") == [] and engine.article("r1") is None and engine.more_like("r1") == []
    _write(first, [{"id": "r1", "title": "باران در تبریز", "body": "باران تند در تبریز بارید.", "date": "1390/01/05"}])
    index_archives([str(first)], index_dir, jobs=0, report=lambda m: None)
    assert engine.search("باران")["total"] == 1 and engine.article("r1")["id"] == "r1"


def test_second_engine_reads_saved_columns(demo_index, engine, monkeypatch):
    from search.whoosh_backend import columns

    def must_not_run(reader):
        raise AssertionError("segment columns recomputed although saved")

    monkeypatch.setattr(columns, "_read_segment", must_not_run)
    again = SearchEngine(demo_index)
    assert again.search("ایران")["facets"] == engine.search("ایران")["facets"]


def test_unwritable_cache_folder_is_not_an_error(demo_index, tmp_path):
    import shutil

    copy = tmp_path / "ix"
    shutil.copytree(demo_index, copy, ignore=shutil.ignore_patterns(".search-columns"))
    (copy / ".search-columns").write_text("not a folder")  # makedirs fails: columns stay in memory
    assert SearchEngine(str(copy)).search("ایران")["total"] > 0
