"""An archive's own authority file, ``bayegan index --entities FILE`` (issue 10): add, merge, block."""

import pytest

from analyzers import authority
from indexer_helpers import search_ids, write_jsonl

ARTICLES = [
    {"id": "n1", "title": "گزارش", "body": "کیوان نوروزیان‌فر در این نشست گفت که کار ادامه دارد."},
    {"id": "n2", "title": "گزارش", "body": "نوروزیان‌فر دیروز به شهر رسید و با مردم گفت‌وگو کرد."},
    {"id": "n3", "title": "بازی", "body": "بهرام رادمنش و مهران کیامهر در این بازی گل زدند."},
]


@pytest.fixture(autouse=True)
def no_authority_left():
    yield
    authority.load(None)  # the file of one test must not key the next test's articles


def _authority(tmp_path, text):
    path = tmp_path / "entities.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_without_the_file_a_bare_surname_is_no_value(tmp_path, index_cli):
    run = index_cli(write_jsonl(tmp_path / "a.jsonl", ARTICLES), "--index", tmp_path / "ix")
    assert run.code == 0
    assert search_ids(tmp_path / "ix", "persons", "کیوان نوروزیان\u200cفر") == {"n1"}


def test_an_added_person_is_found_by_its_variants(tmp_path, index_cli):
    entities = _authority(tmp_path, "# our editors' list\nperson\tکیوان نوروزیان‌فر\tنوروزیان‌فر\n")
    run = index_cli(write_jsonl(tmp_path / "a.jsonl", ARTICLES), "--index", tmp_path / "ix", "--entities", entities)
    assert run.code == 0, run.err
    assert search_ids(tmp_path / "ix", "persons", "کیوان نوروزیان\u200cفر") == {"n1", "n2"}


def test_merge_makes_two_values_one_and_block_removes_one(tmp_path, index_cli):
    entities = _authority(tmp_path, "merge\tمهران کیامهر\tبهرام رادمنش\nblock\tکیوان نوروزیان‌فر\n")
    index_cli(write_jsonl(tmp_path / "a.jsonl", ARTICLES), "--index", tmp_path / "ix", "--entities", entities)
    assert search_ids(tmp_path / "ix", "persons", "بهرام رادمنش") == {"n3"}
    assert search_ids(tmp_path / "ix", "persons", "مهران کیامهر") == set()
    assert search_ids(tmp_path / "ix", "persons", "کیوان نوروزیان\u200cفر") == set()


def test_worker_processes_use_the_file_too(tmp_path, index_cli):
    entities = _authority(tmp_path, "block\tبهرام رادمنش\n")
    run = index_cli(write_jsonl(tmp_path / "a.jsonl", ARTICLES), "--index", tmp_path / "ix", "--entities", entities,
                    "--shards", "2", jobs=2)
    assert run.code == 0, run.err
    assert search_ids(tmp_path / "ix", "persons", "بهرام رادمنش") == set()
    assert search_ids(tmp_path / "ix", "persons", "مهران کیامهر") == {"n3"}


def test_the_file_is_kept_with_the_index_for_later_runs(tmp_path, index_cli):
    entities = _authority(tmp_path, "block\tبهرام رادمنش\n")
    index_cli(write_jsonl(tmp_path / "a.jsonl", ARTICLES[:1]), "--index", tmp_path / "ix", "--entities", entities)
    authority.load(None)
    run = index_cli(write_jsonl(tmp_path / "b.jsonl", ARTICLES[2:]), "--index", tmp_path / "ix")  # no --entities
    assert run.code == 0
    assert search_ids(tmp_path / "ix", "persons", "بهرام رادمنش") == set()


def test_another_file_for_a_built_index_needs_rebuild(tmp_path, index_cli):
    first = _authority(tmp_path, "block\tبهرام رادمنش\n")
    index_cli(write_jsonl(tmp_path / "a.jsonl", ARTICLES), "--index", tmp_path / "ix", "--entities", first)
    other = tmp_path / "other.tsv"
    other.write_text("block\tمهران کیامهر\n", encoding="utf-8")
    run = index_cli(tmp_path / "a.jsonl", "--index", tmp_path / "ix", "--entities", other)
    errors = [line for line in run.err.splitlines() if line.startswith("bayegan: error:")]
    assert run.code == 2 and len(errors) == 1 and "--rebuild" in errors[0]
    run = index_cli(tmp_path / "a.jsonl", "--index", tmp_path / "ix", "--entities", other, "--rebuild")
    assert run.code == 0
    assert search_ids(tmp_path / "ix", "persons", "بهرام رادمنش") == {"n3"}


def test_a_bad_line_is_named_and_nothing_is_indexed(tmp_path, index_cli):
    entities = _authority(tmp_path, "person\tکیوان نوروزیان‌فر\nmerge\tفقط یک مقدار\n")
    run = index_cli(write_jsonl(tmp_path / "a.jsonl", ARTICLES), "--index", tmp_path / "ix", "--entities", entities)
    assert run.code == 2
    assert f"{entities}:2:" in run.err and "merge" in run.err
    assert not (tmp_path / "ix").exists()


def test_a_merge_cycle_stops():
    authority._merges = {"الف ب": "ج د", "ج د": "الف ب"}
    try:
        assert authority.merged("الف ب") in ("الف ب", "ج د")
    finally:
        authority._merges = {}


def test_loading_the_same_file_again_does_not_parse_it_again_but_a_changed_one_is(tmp_path, monkeypatch):
    path = _authority(tmp_path, "person\tکیوان نوروزیان‌فر\n")
    authority.load(path)
    parses = []
    real_parse = authority.parse
    monkeypatch.setattr(authority, "parse", lambda p: parses.append(p) or real_parse(p))
    authority.load(path)  # what an engine opened after `bayegan serve` read the file does
    assert parses == []
    path.write_text("person\tبهرام رادمنش\n", encoding="utf-8")
    authority.load(path)
    assert parses == [path] and [p[0] for p in authority.persons()] == ["بهرام رادمنش"]
