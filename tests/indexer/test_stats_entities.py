"""Entities become facet keys in the index; ``bayegan stats`` reports what the index holds."""

import json

import bayegan
from indexer_helpers import ARTICLES, search_ids, stored_docs, write_jsonl

POLITICS = [
    {"id": "p1", "title": "دیدار در آنکارا", "body": "علی لاریجانی با مقام‌های تركيه درباره سوریه گفت‌وگو کرد.",
     "date": "1387/10/21"},
    {"id": "p2", "title": "سفر به دمشق", "body": "علی لاریجانی امروز به سوریه رفت.", "date": "1388/01/05"},
]


def test_countries_are_indexed_as_iso_codes(tmp_path, index_cli):
    index_cli(write_jsonl(tmp_path / "a.jsonl", POLITICS), "--index", tmp_path / "ix")
    assert search_ids(tmp_path / "ix", "countries", "SY") == {"p1", "p2"}
    assert search_ids(tmp_path / "ix", "countries", "TR") == {"p1"}


def test_persons_are_indexed_by_canonical_name(tmp_path, index_cli):
    index_cli(write_jsonl(tmp_path / "a.jsonl", POLITICS), "--index", tmp_path / "ix")
    assert search_ids(tmp_path / "ix", "persons", "علی لاریجانی") == {"p1", "p2"}
    assert stored_docs(tmp_path / "ix")["p2"]["persons"] == "علی لاریجانی"


def _stats(tmp_path, capsys) -> dict:
    assert bayegan.main(["stats", "--index", str(tmp_path / "ix"), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_stats_reports_documents_and_date_range(tmp_path, index_cli, capsys):
    index_cli(write_jsonl(tmp_path / "a.jsonl", ARTICLES), "--index", tmp_path / "ix")
    stats = _stats(tmp_path, capsys)
    assert stats["documents"] == 3
    assert stats["date_range"]["first"] == "2009-01-10"
    assert stats["date_range"]["last"] == "2012-03-05"
    assert stats["index_bytes"] > 0


def test_stats_top_countries_carry_labels_and_live_counts(tmp_path, index_cli, capsys):
    index_cli(write_jsonl(tmp_path / "a.jsonl", POLITICS), "--index", tmp_path / "ix")
    # Re-indexing replaces documents: their old postings must not be counted twice.
    index_cli(write_jsonl(tmp_path / "a.jsonl", POLITICS), "--index", tmp_path / "ix")
    stats = _stats(tmp_path, capsys)
    assert stats["top_countries"][0] == {"key": "SY", "label": "سوریه", "documents": 2}
    assert stats["top_persons"][0]["documents"] == 2


def test_stats_text_output_names_the_count(tmp_path, index_cli, capsys):
    index_cli(write_jsonl(tmp_path / "a.jsonl", ARTICLES), "--index", tmp_path / "ix")
    assert bayegan.main(["stats", "--index", str(tmp_path / "ix")]) == 0
    assert "documents: 3" in capsys.readouterr().out


def test_stats_on_a_folder_without_index_is_an_error(tmp_path, capsys):
    assert bayegan.main(["stats", "--index", str(tmp_path)]) == 2
    assert "no index" in capsys.readouterr().err
