"""Column names in Persian and their common alternatives; the mapping is printed; a --field naming no column is an
error listing the columns; "no text" names the columns found."""

import pytest

from indexer.mapping import FieldMap
from indexer_helpers import stored_docs, write_jsonl

PERSIAN_HEADER = ("شناسه,تیتر,متن,لید,تاریخ,منبع,نشانی,برچسب\n"
                  "n1,بارش برف در گردنه‌ها,راهداران از بامداد جاده‌ها را بازگشایی کردند.,برف سنگین بارید,"
                  "1387/10/21,روزنامه نمونه,https://example.org/n1,\"آب‌وهوا، جاده\"\n")


def test_persian_headers_map_to_every_field(tmp_path, index_cli):
    (tmp_path / "fa.csv").write_text(PERSIAN_HEADER, encoding="utf-8")
    run = index_cli(tmp_path / "fa.csv", "--index", tmp_path / "ix")
    doc = stored_docs(tmp_path / "ix")["n1"]
    assert (doc["title"], doc["body"], doc["summary"]) == (
        "بارش برف در گردنه‌ها", "راهداران از بامداد جاده‌ها را بازگشایی کردند.", "برف سنگین بارید")
    assert (doc["source"], doc["url"], doc["tags"]) == ("روزنامه نمونه", "https://example.org/n1", "آب‌وهوا,جاده")
    assert doc["date"].date().isoformat() == "2009-01-10"
    assert run.summary["skipped"] == 0


def test_the_mapping_is_printed_before_the_run(tmp_path, index_cli):
    (tmp_path / "fa.csv").write_text(PERSIAN_HEADER, encoding="utf-8")
    run = index_cli(tmp_path / "fa.csv", "--index", tmp_path / "ix")
    first = run.err.splitlines()[0]
    assert first == (f"{tmp_path / 'fa.csv'}: UTF-8; fields: id <- شناسه, title <- تیتر, body <- متن, "
                     "summary <- لید, date <- تاریخ, url <- نشانی, source <- منبع, tags <- برچسب")


@pytest.mark.parametrize("keys, expected", [
    ({"عنوان": 1, "خبر": 1, "خلاصه": 1}, {"title": "عنوان", "body": "خبر", "summary": "خلاصه"}),
    ({"headline": 1, "story": 1, "published": 1, "link": 1}, {"title": "headline", "body": "story",
                                                              "date": "published", "url": "link"}),
    ({"article_no": 1, "content": 1, "pubdate": 1}, {"id": "article_no", "body": "content", "date": "pubdate"}),
    ({"Article": 1, "Pub-Date": 1}, {"body": "Article", "date": "Pub-Date"}),
    # Arabic letter forms and a half-space written as a space are the same name.
    ({"برچسب ها": 1, "كد خبر": 1}, {"tags": "برچسب ها", "id": "كد خبر"}),
])
def test_alternative_column_names(keys, expected):
    assert FieldMap().plan(keys) == expected


def test_field_naming_a_column_no_file_has_is_an_error_listing_the_columns(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "title": "تیتر", "text": "متن"}])
    run = index_cli(archive, "--index", tmp_path / "ix", "--field", "body=nosuchcol")
    assert run.code == 2
    assert "--field body=nosuchcol: no archive has a column 'nosuchcol'; the columns found are: id, title, text" \
        in run.err
    assert not (tmp_path / "ix").exists()


def test_field_naming_an_existing_column_in_another_spelling_is_accepted(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "title": "تیتر", "Full Story": "متن کامل"}])
    run = index_cli(archive, "--index", tmp_path / "ix", "--field", "body=full-story")
    assert run.code == 0
    assert stored_docs(tmp_path / "ix")["1"]["body"] == "متن کامل"


def test_no_text_names_the_columns_found(tmp_path, index_cli):
    (tmp_path / "a.csv").write_text("کد,نویسنده,یادداشت\n1,مریم,نوشته‌ای بلند\n", encoding="utf-8")
    run = index_cli(tmp_path / "a.csv", "--index", tmp_path / "ix")
    assert (f"{tmp_path / 'a.csv'}:2: no text (no title, body or summary; columns found: کد, نویسنده, یادداشت; "
            "name one with --field body=COLUMN); skipped") in run.err
    assert "columns not used: نویسنده, یادداشت" in run.err
