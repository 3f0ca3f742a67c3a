"""Hostile records (issue 15): text is valid Unicode from the reader on, records are parsed with bounded depth
and size, every field is type-checked with a clear reason, and distinct records never collapse into one id."""

import json

from indexer.readers.record import MAX_DEPTH, MAX_RECORD_BYTES
from indexer_helpers import stored_docs, write_jsonl

GOOD = [{"id": f"g{i}", "title": f"خبر سالم {i}", "body": "متن خبر سالم"} for i in range(3)]


def _encodable(docs) -> bool:
    for doc in docs.values():
        for value in doc.values():
            if isinstance(value, str):
                value.encode("utf-8")  # raises on a lone surrogate
    return True


def test_lone_surrogates_are_replaced_and_reported(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [GOOD[0], r'{"id":"s","title":"\ud800 x","body":"\udfff y"}'])
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert f"{archive}:2: warning: invalid code points (lone surrogates) replaced with U+FFFD" in run.err
    docs = stored_docs(tmp_path / "ix")
    assert (docs["s"]["title"], docs["s"]["body"]) == ("\ufffd x", "\ufffd y")
    assert _encodable(docs)


def test_lone_surrogates_in_a_json_array_are_replaced_and_reported(tmp_path, index_cli):
    archive = tmp_path / "a.json"
    archive.write_text('[\n{"id": "ok", "title": "\\ud83d\\ude00 سالم"},\n{"id": "s", "title": "\\udfff x"}\n]\n')
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert f"{archive}:3: warning: invalid code points (lone surrogates) replaced with U+FFFD" in run.err
    docs = stored_docs(tmp_path / "ix")
    assert (docs["ok"]["title"], docs["s"]["title"]) == ("\U0001f600 سالم", "\ufffd x")  # a valid pair stays
    assert run.summary["warnings"] == 1


def test_ten_thousand_nested_brackets_are_skipped_and_the_rest_indexed(tmp_path, index_cli):
    deep = "[" * 10_000 + "]" * 10_000
    archive = write_jsonl(tmp_path / "a.jsonl", [GOOD[0], deep, GOOD[1], '{"id": "d", "x": ' + deep + "}", GOOD[2]])
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert run.code == 0
    assert f"{archive}:2: nested deeper than {MAX_DEPTH} levels; skipped" in run.err
    assert f"{archive}:4: nested deeper than {MAX_DEPTH} levels; skipped" in run.err
    assert set(stored_docs(tmp_path / "ix")) == {"g0", "g1", "g2"}


def test_deep_nesting_inside_a_json_array_element_skips_that_element(tmp_path, index_cli):
    archive = tmp_path / "a.json"
    deep = "[" * 5_000 + "]" * 5_000
    archive.write_text(f'[\n{json.dumps(GOOD[0])},\n{{"id": "d", "x": {deep}}},\n{json.dumps(GOOD[1])}\n]\n')
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert f"{archive}:3: nested deeper than {MAX_DEPTH} levels; skipped" in run.err
    assert set(stored_docs(tmp_path / "ix")) == {"g0", "g1"}


def test_a_line_over_the_size_limit_is_skipped_with_its_line(tmp_path, index_cli):
    huge = json.dumps({"id": "huge", "title": "بزرگ", "body": "و" * (MAX_RECORD_BYTES // 2 + 10)})
    archive = write_jsonl(tmp_path / "a.jsonl", [GOOD[0], huge, GOOD[1]])
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert f"{archive}:2: line longer than the limit of {MAX_RECORD_BYTES:,} bytes; skipped" in run.err
    assert set(stored_docs(tmp_path / "ix")) == {"g0", "g1"}


def test_twenty_object_ids_are_twenty_skips_not_one_merged_article(tmp_path, index_cli):
    records = [{"id": {"k": n}, "title": "یک تیتر", "body": "یک متن"} for n in range(20)]
    run = index_cli(write_jsonl(tmp_path / "a.jsonl", records), "--index", tmp_path / "ix")
    assert run.summary["skipped"] == 20
    assert run.err.count("id is an object; an id must be a string or a whole number; skipped") == 20
    assert run.summary["documents"] == 0


def test_records_without_ids_that_differ_get_different_ids(tmp_path, index_cli):
    records = [{"id": None, "title": "یک تیتر", "body": "یک متن", "date": f"1390/01/{n:02d}"} for n in range(1, 21)]
    run = index_cli(write_jsonl(tmp_path / "a.jsonl", records), "--index", tmp_path / "ix")
    assert (run.summary["indexed"], run.summary["documents"], run.summary["replaced"]) == (20, 20, 0)
    assert run.err.count("warning: id is null: an id is made from the URL or the text") == 20


def test_bad_ids_are_skipped_with_their_reason(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [
        '{"id": NaN, "title": "ن"}', {"id": ["a", "b"], "title": "ف"}, {"id": True, "title": "ب"},
        {"id": "x" * 1_000_000, "title": "بلند"}, {"id": 7.0, "title": "عدد"}, {"id": 8, "title": "عدد"}])
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert f"{archive}:1: id is NaN; an id must be a string or a whole number; skipped" in run.err
    assert f"{archive}:2: id is a list; an id must be a string or a whole number; skipped" in run.err
    assert f"{archive}:3: id is a boolean; an id must be a string or a whole number; skipped" in run.err
    assert f"{archive}:4: id is 1,000,000 characters long (at most 512); skipped" in run.err
    assert set(stored_docs(tmp_path / "ix")) == {"7", "8"}


def test_field_types_are_checked_with_a_clear_reason(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "n", "title": 1404, "body": "متن"},
        '{"id": "nan", "title": NaN, "body": "متن", "source": NaN}',
        {"id": "t", "title": "تیتر", "tags": {"a": 1}, "category": {"x": "y"}},
        {"id": "l", "title": "تیتر", "tags": ["سیاست", {"x": 1}, 12]},
        {"id": "long", "title": "ب" * 5_000_000}])
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert f"{archive}:1: warning: title is a number (1404): indexed as text" in run.err
    assert f"{archive}:2: warning: title is NaN: left out" in run.err
    assert f"{archive}:2: warning: source is NaN: left out" in run.err
    assert f"{archive}:3: warning: tags is an object: left out" in run.err
    assert f"{archive}:3: warning: category is an object: left out" in run.err
    assert f"{archive}:4: warning: tags: 1 item(s) that are not text left out" in run.err
    assert f"{archive}:5: warning: title is 5,000,000 characters long: cut to 1,000" in run.err
    docs = stored_docs(tmp_path / "ix")
    assert docs["n"]["title"] == "1404"
    assert not docs["nan"].get("title") and "source" not in docs["nan"]
    assert "tags" not in docs["t"] and "category" not in docs["t"]
    assert docs["l"]["tags"] == "سیاست,12"
    assert docs["long"]["title"] == "ب" * 1_000
