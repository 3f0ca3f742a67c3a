"""Warnings that help: a duplicate id names both places, an empty file is a warning, a file whose content is not
its extension's format says so and suggests --format."""

import json

from indexer_helpers import ARTICLES, stored_docs, write_jsonl


def test_a_duplicate_id_names_both_places(tmp_path, index_cli):
    first = write_jsonl(tmp_path / "a.jsonl", [ARTICLES[0], ARTICLES[1]])
    second = write_jsonl(tmp_path / "b.jsonl", [ARTICLES[2], dict(ARTICLES[0], title="نسخه دوم")])
    run = index_cli(first, second, "--index", tmp_path / "ix")
    assert (f"{second}:2: warning: duplicate id 'a1', also at {first}:1: this later record replaces it"
            in run.err)
    assert stored_docs(tmp_path / "ix")["a1"]["title"] == "نسخه دوم"
    assert run.summary["warnings"] == 1


def test_an_empty_file_is_a_warning(tmp_path, index_cli):
    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    (tmp_path / "header-only.csv").write_text("id,title\n", encoding="utf-8")
    run = index_cli(tmp_path / "empty.jsonl", tmp_path / "header-only.csv", "--index", tmp_path / "ix")
    assert f"{tmp_path / 'empty.jsonl'}: warning: empty file: no articles" in run.err
    assert f"{tmp_path / 'header-only.csv'}: warning: no articles in this file" in run.err
    assert (run.code, run.summary["warnings"], run.summary["skipped"]) == (0, 2, 0)


def test_json_lines_named_csv_says_so_and_suggests_format(tmp_path, index_cli):
    archive = tmp_path / "export.csv"
    write_jsonl(archive, ARTICLES)
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert (f"{archive}: the content is JSON Lines, not CSV as the extension says: use --format jsonl; skipped"
            in run.err)
    assert run.err.count("no text") == 0
    assert index_cli(archive, "--index", tmp_path / "ix", "--format", "jsonl").summary["indexed"] == 3


def test_a_web_page_named_json_says_so(tmp_path, index_cli):
    (tmp_path / "page.json").write_text("<!DOCTYPE html><html><body><p>متن</p></body></html>", encoding="utf-8")
    run = index_cli(tmp_path / "page.json", "--index", tmp_path / "ix")
    assert "the content is HTML, not JSON as the extension says: use --format html" in run.err


def test_a_csv_named_json_says_so(tmp_path, index_cli):
    (tmp_path / "table.json").write_text("id,title\n1,تیتر\n", encoding="utf-8")
    run = index_cli(tmp_path / "table.json", "--index", tmp_path / "ix")
    assert "the content is CSV, not JSON as the extension says: use --format csv" in run.err


def test_json_lines_named_json_are_read_as_json_lines(tmp_path, index_cli):
    run = index_cli(write_jsonl(tmp_path / "lines.json", ARTICLES), "--index", tmp_path / "ix")
    assert (run.summary["indexed"], run.summary["warnings"]) == (3, 0)


def test_a_minified_json_array_on_one_long_line_is_read(tmp_path, index_cli):
    articles = [{"id": f"m{i}", "title": f"خبر {i}", "body": "متن نسبتا بلند خبر " * 40} for i in range(200)]
    (tmp_path / "min.json").write_text(json.dumps(articles, ensure_ascii=False), encoding="utf-8")
    assert (tmp_path / "min.json").stat().st_size > 1 << 17   # longer than two of the reader's 64 kB pieces
    assert index_cli(tmp_path / "min.json", "--index", tmp_path / "ix").summary["indexed"] == 200


def test_a_syntax_error_in_a_json_array_keeps_the_elements_before_it(tmp_path, index_cli):
    archive = tmp_path / "a.json"
    archive.write_text('[\n{"id": "x", "title": "یک"},\n{"id": "y", "title": \n]\n', encoding="utf-8")
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert f"{archive}:4: invalid JSON (" in run.err and "the rest of the file is unreadable; skipped" in run.err
    assert set(stored_docs(tmp_path / "ix")) == {"x"}


def test_a_truncated_gzip_file_keeps_what_was_read_and_says_where_it_ended(tmp_path, index_cli):
    articles = [{"id": f"z{i}", "title": f"خبر {i}", "body": f"متن خبر شماره {i} " * 30} for i in range(300)]
    whole = write_jsonl(tmp_path / "whole.jsonl.gz", articles, compress=True).read_bytes()
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    run = index_cli(tmp_path / "cut.jsonl.gz", "--index", tmp_path / "ix")
    kept = run.summary["indexed"]
    assert 0 < kept < 300
    assert set(stored_docs(tmp_path / "ix")) == {f"z{i}" for i in range(kept)}
    assert (f"{tmp_path / 'cut.jsonl.gz'}:{kept}: cannot read further (Compressed file ended before the "
            "end-of-stream marker was reached); the rest of the file is not indexed; skipped") in run.err
