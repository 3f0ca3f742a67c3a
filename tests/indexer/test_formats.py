"""Each archive format indexes its articles with their fields."""

import csv
import gzip
import io
import json

from indexer_helpers import ARTICLES, stored_docs, write_jsonl


def test_json_lines_articles_are_indexed_with_their_fields(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert run.code == 0
    docs = stored_docs(tmp_path / "ix")
    assert set(docs) == {"a1", "a2", "a3"}
    assert docs["a1"]["title"] == ARTICLES[0]["title"]
    assert docs["a1"]["body"] == ARTICLES[0]["body"]
    assert docs["a1"]["source"] == "خبرگزاری نمونه"
    assert docs["a1"]["tags"] == "سیاست,دیپلماسی"
    assert docs["a1"]["date"].date().isoformat() == "2009-01-10"


def test_json_array_elements_are_indexed(tmp_path, index_cli):
    archive = tmp_path / "news.json"
    archive.write_text(json.dumps(ARTICLES, ensure_ascii=False, indent=2), encoding="utf-8")
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert run.code == 0
    assert set(stored_docs(tmp_path / "ix")) == {"a1", "a2", "a3"}


def test_json_object_holding_an_article_array_is_indexed(tmp_path, index_cli):
    archive = tmp_path / "export.json"
    archive.write_text(json.dumps({"count": 3, "articles": ARTICLES}, ensure_ascii=False), encoding="utf-8")
    index_cli(archive, "--index", tmp_path / "ix")
    assert set(stored_docs(tmp_path / "ix")) == {"a1", "a2", "a3"}


def test_json_array_element_that_is_not_an_object_is_reported_at_its_line(tmp_path, index_cli):
    archive = tmp_path / "news.json"
    archive.write_text('[\n  {"id": "x", "title": "عنوان"},\n  "just a string",\n  {"id": "y", "title": "دیگر"}\n]\n',
                       encoding="utf-8")
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert f"{archive}:3: not a JSON object" in run.err
    assert set(stored_docs(tmp_path / "ix")) == {"x", "y"}


def test_csv_with_header_row_is_indexed(tmp_path, index_cli):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "headline", "text", "date"])
    for a in ARTICLES:
        writer.writerow([a["id"], a["title"], a["body"] + "\nبند دوم، با ویرگول", a["date"]])
    (tmp_path / "news.csv").write_text(buffer.getvalue(), encoding="utf-8")
    run = index_cli(tmp_path / "news.csv", "--index", tmp_path / "ix")
    assert run.code == 0
    docs = stored_docs(tmp_path / "ix")
    assert docs["a2"]["title"] == ARTICLES[1]["title"]
    assert docs["a2"]["body"] == ARTICLES[1]["body"] + "\nبند دوم، با ویرگول"


def test_tab_separated_file_is_indexed(tmp_path, index_cli):
    lines = ["id\ttitle\tbody"] + [f"{a['id']}\t{a['title']}\t{a['body']}" for a in ARTICLES]
    (tmp_path / "news.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    index_cli(tmp_path / "news.tsv", "--index", tmp_path / "ix")
    assert stored_docs(tmp_path / "ix")["a3"]["body"] == ARTICLES[2]["body"]


def test_folder_of_text_files_takes_the_title_from_the_first_line(tmp_path, index_cli):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "one.txt").write_text("عنوان نخست\n\nمتن خبر نخست.\nبند دوم.", encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    index_cli(folder, "--index", tmp_path / "ix")
    (doc,) = stored_docs(tmp_path / "ix").values()
    assert doc["title"] == "عنوان نخست"
    assert doc["body"] == "متن خبر نخست.\nبند دوم."


def test_folder_of_html_pages_is_indexed_as_text(tmp_path, index_cli):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.html").write_text(
        "<html><head><title>تیتر صفحه</title><style>p {color: red}</style></head>"
        "<body><script>var x = 'کد';</script><p>متن <b>پررنگ</b> خبر &amp; ادامه</p></body></html>",
        encoding="utf-8")
    index_cli(folder, "--index", tmp_path / "ix")
    (doc,) = stored_docs(tmp_path / "ix").values()
    assert doc["title"] == "تیتر صفحه"
    assert doc["body"] == "متن پررنگ خبر & ادامه"


def test_html_page_without_title_tag_takes_the_first_h1(tmp_path, index_cli):
    page = tmp_path / "page.html"
    page.write_text("<body><div>منو</div><h1>تیتر اصلی</h1><p>متن خبر</p></body>", encoding="utf-8")
    index_cli(page, "--index", tmp_path / "ix")
    (doc,) = stored_docs(tmp_path / "ix").values()
    assert doc["title"] == "تیتر اصلی"


def test_gzip_compressed_json_lines_are_indexed(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "news.jsonl.gz", ARTICLES, compress=True)
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert run.summary["indexed"] == 3


def test_gzip_compressed_html_in_a_folder_is_indexed(tmp_path, index_cli):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.html.gz").write_bytes(gzip.compress("<title>فشرده</title><p>متن</p>".encode("utf-8")))
    index_cli(folder, "--index", tmp_path / "ix")
    (doc,) = stored_docs(tmp_path / "ix").values()
    assert doc["title"] == "فشرده"


def test_format_flag_overrides_the_extension(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "news.dump", ARTICLES)
    run = index_cli(archive, "--index", tmp_path / "ix", "--format", "jsonl")
    assert run.summary["indexed"] == 3


def test_unknown_extension_is_an_error_that_leaves_no_index(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "news.dump", ARTICLES)
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert run.code == 2
    assert "--format" in run.err
    assert not (tmp_path / "ix").exists()


def test_missing_archive_is_an_error(tmp_path, index_cli):
    run = index_cli(tmp_path / "nope.jsonl", "--index", tmp_path / "ix")
    assert run.code == 2
    assert "nope.jsonl" in run.err


def test_html_page_in_a_declared_legacy_charset_is_decoded(tmp_path, index_cli):
    page = '<html><head><meta charset="windows-1256"><title>خبر قديمي</title></head><body>متن</body></html>'
    (tmp_path / "old.html").write_bytes(page.encode("cp1256"))
    run = index_cli(tmp_path / "old.html", "--index", tmp_path / "ix")
    (doc,) = stored_docs(tmp_path / "ix").values()
    assert doc["title"] == "خبر قديمي"
    assert run.summary["warnings"] == 0


def test_single_article_object_with_paragraph_objects_is_one_article(tmp_path, index_cli):
    archive = tmp_path / "one.json"
    archive.write_text(json.dumps({"id": "s", "title": "تیتر", "paragraphs": [{"text": "بند یک"}, {"text": "بند دو"}]},
                                  ensure_ascii=False), encoding="utf-8")
    index_cli(archive, "--index", tmp_path / "ix")
    docs = stored_docs(tmp_path / "ix")
    assert list(docs) == ["s"]
    assert docs["s"]["body"] == "بند یک\nبند دو"
