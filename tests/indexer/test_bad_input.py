"""Bad input is reported as FILE:LINE: reason and skipped; the rest is indexed; --strict turns skips into exit 1."""

from indexer_helpers import ARTICLES, stored_docs, write_jsonl

BROKEN = [ARTICLES[0], '{"id": "x", "title": ', ARTICLES[1], "[1, 2]", '{"id": "e", "title": "", "body": "  "}',
          ARTICLES[2]]


def test_broken_lines_are_reported_with_their_line_numbers(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", BROKEN)
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert f"{archive}:2: invalid JSON" in run.err
    assert f"{archive}:4: not a JSON object" in run.err
    assert f"{archive}:5: no text" in run.err
    assert run.summary["skipped"] == 3


def test_the_rest_of_a_broken_archive_is_indexed_and_the_run_succeeds(tmp_path, index_cli):
    run = index_cli(write_jsonl(tmp_path / "a.jsonl", BROKEN), "--index", tmp_path / "ix")
    assert run.code == 0
    assert set(stored_docs(tmp_path / "ix")) == {"a1", "a2", "a3"}


def test_strict_exits_1_when_a_line_was_skipped(tmp_path, index_cli):
    run = index_cli(write_jsonl(tmp_path / "a.jsonl", BROKEN), "--index", tmp_path / "ix", "--strict")
    assert run.code == 1
    assert len(stored_docs(tmp_path / "ix")) == 3


def test_strict_exits_0_on_a_clean_archive(tmp_path, index_cli):
    run = index_cli(write_jsonl(tmp_path / "a.jsonl", ARTICLES), "--index", tmp_path / "ix", "--strict")
    assert run.code == 0


def test_invalid_utf8_is_replaced_and_the_article_indexed(tmp_path, index_cli):
    archive = tmp_path / "a.jsonl"
    archive.write_bytes('{"id": "u", "title": "خبر '.encode() + b"\xff\xfe" + ' سالم", "body": "متن"}\n'.encode())
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert f"{archive}:1: warning: invalid UTF-8" in run.err
    assert stored_docs(tmp_path / "ix")["u"]["title"] == "خبر \ufffd\ufffd سالم"
    assert run.summary["warnings"] == 1


def test_unreadable_date_is_a_warning_and_the_article_is_indexed_without_date(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "d", "title": "خبر", "date": "روزی روزگاری"}])
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert f"{archive}:1: warning: unreadable date" in run.err
    assert run.summary["skipped"] == 0
    assert "date" not in stored_docs(tmp_path / "ix")["d"]


def test_csv_row_without_text_is_reported_at_its_line(tmp_path, index_cli):
    (tmp_path / "a.csv").write_text("id,title,body\n1,تیتر,متن\n2,,\n3,تیتر سوم,متن\n", encoding="utf-8")
    run = index_cli(tmp_path / "a.csv", "--index", tmp_path / "ix")
    assert f"{tmp_path / 'a.csv'}:3: no text" in run.err
    assert set(stored_docs(tmp_path / "ix")) == {"1", "3"}


def test_summary_line_names_every_count(tmp_path, capsys):
    import bayegan

    bayegan.main(["index", str(write_jsonl(tmp_path / "a.jsonl", BROKEN)), "--index", str(tmp_path / "ix"),
                  "--jobs", "0"])
    line = capsys.readouterr().out.strip()
    assert line.startswith("indexed 3 articles (0 replaced), skipped 3, warnings 0, ")
    assert "articles/s" in line


def test_invalid_utf8_in_a_csv_is_reported_at_its_row_only(tmp_path, index_cli):
    archive = tmp_path / "a.csv"
    archive.write_bytes("id,title\n1,سالم\n".encode() + b"2,\xff\xfe\n" + "3,سالم\n".encode())
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert f"{archive}:3: warning: invalid UTF-8" in run.err
    assert run.summary["warnings"] == 1
    assert len(stored_docs(tmp_path / "ix")) == 3

