"""Scraped web pages: only the article's words are indexed, title/date/URL come from the page's metadata, and
every usual page extension counts as a page."""

import pytest

from analyzers.analysis import index_analyzer
from indexer.webpage import parse_page
from indexer_helpers import search_ids, stored_docs, write_jsonl
from page_fixtures import ARTICLES, BOILERPLATE_WORDS, news_page


def matching(index_dir, word: str) -> set[str]:
    """Ids of the articles whose text holds ``word`` as the index analyzes it."""
    terms = [token.text for token in index_analyzer()(word)]
    assert terms, word
    return set.intersection(*(search_ids(index_dir, "content", term) for term in terms))


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    for n, article in enumerate(ARTICLES, 1):
        (folder / f"news-{n}.html").write_text(news_page(article), encoding="utf-8")
    return folder


def test_boilerplate_words_match_no_page_and_article_words_match_their_page(site, tmp_path, index_cli):
    index_cli(site, "--index", tmp_path / "ix")
    docs = stored_docs(tmp_path / "ix")
    ids = {doc["url"]: doc_id for doc_id, doc in docs.items()}
    for word in BOILERPLATE_WORDS:
        assert matching(tmp_path / "ix", word) == set(), word
    assert matching(tmp_path / "ix", "نمایشگاه") == {ids["https://example.org/news/1"]}
    assert matching(tmp_path / "ix", "راهداران") == {ids["https://example.org/news/2"]}


def test_the_boilerplate_words_are_found_when_they_are_article_text(tmp_path, index_cli):
    # The control for the test above: the same words in an article's text do match.
    index_cli(write_jsonl(tmp_path / "a.jsonl", [{"id": "c", "title": "آزمون", "body": " ".join(BOILERPLATE_WORDS)}]),
              "--index", tmp_path / "ix")
    for word in BOILERPLATE_WORDS:
        assert matching(tmp_path / "ix", word) == {"c"}, word


def test_page_fields_come_from_the_metadata(site, tmp_path, index_cli):
    index_cli(site, "--index", tmp_path / "ix")
    doc = next(d for d in stored_docs(tmp_path / "ix").values() if d["url"] == "https://example.org/news/1")
    assert doc["title"] == "گشایش نمایشگاه کتاب"   # not «… | خبرگزاری نمونه»
    assert doc["body"] == "\n".join(ARTICLES[0]["paragraphs"])  # half-spaces (ZWNJ) kept
    assert doc["summary"] == ARTICLES[0]["lead"]
    assert doc["date"].date().isoformat() == "2009-01-10"


@pytest.mark.parametrize("date_in", ["meta", "time", "json-ld"])
def test_the_date_is_found_in_meta_time_or_json_ld(date_in):
    assert parse_page(news_page(ARTICLES[1], date_in=date_in)).date == ARTICLES[1]["date"]


def test_the_h1_comes_before_the_title_tag_and_the_site_name_is_dropped():
    page = news_page(ARTICLES[0], og_title=False).replace("<h1>گشایش نمایشگاه کتاب</h1>", "<h1>تیتر اصلی</h1>")
    assert parse_page(page).title == "تیتر اصلی"
    without_h1 = news_page(ARTICLES[0], og_title=False).replace("<h1>گشایش نمایشگاه کتاب</h1>", "")
    assert parse_page(without_h1).title == "گشایش نمایشگاه کتاب"


@pytest.mark.parametrize("extension", [".htm", ".html", ".shtml", ".xhtml", ".php", ".aspx"])
def test_every_page_extension_is_a_page(tmp_path, index_cli, extension):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / f"news{extension}").write_text(news_page(ARTICLES[1]), encoding="utf-8")
    run = index_cli(folder, "--index", tmp_path / "ix")
    assert run.summary["indexed"] == 1
    assert [d["title"] for d in stored_docs(tmp_path / "ix").values()] == [ARTICLES[1]["title"]]


def test_a_tiny_page_keeps_its_text():
    page = parse_page("<html><head><title>فشرده</title></head><body><p>متن کوتاه</p></body></html>")
    assert (page.title, page.text) == ("فشرده", "متن کوتاه")


def test_half_spaces_in_the_canonical_url_and_the_metadata_are_kept():
    url = "https://example.org/news/گزارش-نمایش\u200cگاه"
    page = parse_page(news_page(dict(ARTICLES[0], url=url, title="کتاب\u200cها و ناشر\u200cها")))
    assert (page.url, page.title) == (url, "کتاب\u200cها و ناشر\u200cها")
