"""Field mapping: usual key names are found, --field overrides them, ids are derived when absent."""

from indexer_helpers import search_ids, stored_docs, write_jsonl


def test_usual_key_names_are_detected(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [{
        "ID": 7, "Headline": "تیتر", "text": "متن خبر", "abstract": "چکیده", "link": "https://example.com/7",
        "published": "1388/02/03", "publisher": "منبع", "section": "اقتصادی", "keywords": "نفت، بازار"}])
    index_cli(archive, "--index", tmp_path / "ix")
    doc = stored_docs(tmp_path / "ix")["7"]
    assert (doc["title"], doc["body"], doc["summary"]) == ("تیتر", "متن خبر", "چکیده")
    assert (doc["url"], doc["source"], doc["category"]) == ("https://example.com/7", "منبع", "اقتصادی")
    assert doc["tags"] == "نفت,بازار"
    assert doc["date"].date().isoformat() == "2009-04-23"


def test_paragraph_list_is_joined_into_the_body(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "p", "title": "t", "paragraphs": ["بند یک", "بند دو"]}])
    index_cli(archive, "--index", tmp_path / "ix")
    assert stored_docs(tmp_path / "ix")["p"]["body"] == "بند یک\nبند دو"


def test_field_flag_chooses_the_body_key(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "f", "title": "t", "body": "خلاصه کوتاه",
                                                  "story": "متن کامل خبر"}])
    index_cli(archive, "--index", tmp_path / "ix", "--field", "body=story")
    assert stored_docs(tmp_path / "ix")["f"]["body"] == "متن کامل خبر"


def test_empty_field_flag_ignores_the_field(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "f", "title": "t", "body": "b", "category": "بی‌ربط"}])
    index_cli(archive, "--index", tmp_path / "ix", "--field", "category=")
    assert "category" not in stored_docs(tmp_path / "ix")["f"]


def test_unknown_field_in_flag_is_an_error(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "f", "title": "t"}])
    run = index_cli(archive, "--index", tmp_path / "ix", "--field", "author=writer")
    assert run.code == 2
    assert "author" in run.err


def test_articles_without_id_get_the_same_id_on_every_run(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [
        {"title": "با نشانی", "body": "متن", "url": "https://example.com/x"},
        {"title": "بی نشانی", "body": "متن دیگر"}])
    index_cli(archive, "--index", tmp_path / "ix")
    first = set(stored_docs(tmp_path / "ix"))
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert set(stored_docs(tmp_path / "ix")) == first
    assert run.summary["replaced"] == 2


def test_articles_without_id_but_with_one_url_are_one_article(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [
        {"title": "نسخه اول", "body": "متن", "url": "https://example.com/x"},
        {"title": "نسخه اصلاح‌شده", "body": "متن", "url": "https://example.com/x"}])
    index_cli(archive, "--index", tmp_path / "ix")
    (doc,) = stored_docs(tmp_path / "ix").values()
    assert doc["title"] == "نسخه اصلاح‌شده"


def test_date_gives_jalali_and_gregorian_facet_values(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "d", "title": "t", "date": "1387/10/21"}])
    index_cli(archive, "--index", tmp_path / "ix")
    assert search_ids(tmp_path / "ix", "year_jalali", "1387") == {"d"}
    assert search_ids(tmp_path / "ix", "month_jalali", "1387-10") == {"d"}
    assert search_ids(tmp_path / "ix", "year", "2009") == {"d"}


def test_decomposed_text_is_stored_and_indexed_composed(tmp_path, index_cli):
    # «آمریکا» typed as ا + U+0653 (madda above): composed on read, so it is not folded to «امریکا».
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "d", "title": "ا\u0653مریکا", "body": "خبر"}])
    index_cli(archive, "--index", tmp_path / "ix")
    assert stored_docs(tmp_path / "ix")["d"]["title"] == "آمریکا"
    assert search_ids(tmp_path / "ix", "countries", "US") == {"d"}
