"""Operators users expect (issue 9): AND, +word, NOT, title:, Persian field names, unknown fields and Latin names,
against brute-force expectations over the demo articles."""

import json
from pathlib import Path

import pytest

from analyzers.analysis import index_analyzer
from search_helpers import all_ids, term
from test_query_forms import with_terms

DEMO_ARCHIVE = Path(__file__).resolve().parents[2] / "examples" / "demo" / "news.jsonl"


@pytest.fixture(scope="module")
def title_terms():
    analyzer = index_analyzer()
    with open(DEMO_ARCHIVE, encoding="utf-8") as f:
        return {doc["id"]: {t.text for t in analyzer(doc["title"])} for doc in map(json.loads, f)}


def test_and_requires_both_words(engine, articles):
    expected = with_terms(articles, "سوریه", "حمله")
    assert expected and engine.search("سوریه AND حمله")["total"] == len(expected)
    assert all_ids(engine, "سوریه AND حمله") == expected


def test_plus_requires_its_word_and_ranks_with_the_others(engine, articles):
    expected = with_terms(articles, "سوریه")
    assert all_ids(engine, "+سوریه حمله") == expected != with_terms(articles, "حمله") | expected


def test_not_excludes_like_minus(engine, articles):
    expected = with_terms(articles, "سوریه") - with_terms(articles, "حمله")
    assert expected and all_ids(engine, "سوریه NOT حمله") == all_ids(engine, "سوریه -حمله") == expected


def test_a_lone_operator_is_reported(engine):
    assert engine.search("سوریه AND")["notices"] == [{"code": "operator_without_operands",
                                                      "params": {"operator": "AND"}}]
    assert engine.search("NOT")["notices"] == [{"code": "not_without_word", "params": {}}]


@pytest.mark.parametrize("field", ["title", "عنوان"])
def test_title_field_finds_the_word_in_titles_only(engine, articles, title_terms, field):
    expected = {i for i, terms in title_terms.items() if term("سوریه") in terms}
    assert expected and expected != with_terms(articles, "سوریه")  # the word is in some bodies only
    result = engine.search(f"{field}:سوریه", per_page=100)
    assert {h["id"] for h in result["hits"]} == expected and result["hits"][0]["score"] is not None


def test_title_field_takes_a_phrase(engine, title_terms):
    wanted = [term("شورای"), term("امنیت")]
    expected = {i for i, terms in title_terms.items() if set(wanted) <= terms}
    assert expected and all_ids(engine, 'title:"شورای امنیت"') <= expected


@pytest.mark.parametrize("persian, english", [("کشور", "country"), ("شخص", "person"), ("تاریخ", "date"),
                                              ("منبع", "source")])
def test_persian_field_names_are_the_english_ones(engine, persian, english):
    value = {"country": "سوریه", "person": "لاریجانی", "date": "1387", "source": '"خبرگزاری نمونه"'}[english]
    assert all_ids(engine, f"{persian}:{value}") == all_ids(engine, f"{english}:{value}") != set()


def test_an_unknown_field_is_named_and_its_words_searched(engine):
    result = engine.search("موضوع:غزه")
    (notice,) = result["notices"]
    assert notice["code"] == "unknown_field" and (notice["params"]["field"], notice["params"]["value"]) == ("موضوع",
                                                                                                        "غزه")
    assert {h["id"] for h in result["hits"]} == all_ids(engine, "غزه") != set()


@pytest.mark.parametrize("latin, persian", [
    ("person:Ahmadinejad", "person:احمدی‌نژاد"),
    ('person:"Mahmoud Ahmadinejad"', "person:احمدی‌نژاد"),
    ("person:Larijani", "person:لاریجانی"),
    ("Larijani", "لاریجانی"),
    ("Obama", "اوباما"),
    ("Barack Obama", '"باراک اوباما"'),
    ("country:Iraq", "country:عراق"),
    ("Syria", "سوریه"),
])
def test_latin_names_find_the_articles_of_the_persian_names(engine, latin, persian):
    assert all_ids(engine, latin) == all_ids(engine, persian) != set()
