"""Spelling variants through the whole search (issue 9): two articles, one spelling each, on a small index of our
own sentences; both spellings find both, snippets mark the word as printed, person facets read as written."""

import pytest

from search_helpers import all_ids, small_engine

# (id, title, body): each pair of articles writes one word in two spellings.
ARTICLES = [
    ("madda-1", "سفر وزیر", "وزیر خارجه آمریکا دیروز به پکن رفت."),
    ("madda-2", "دیدار وزیران", "وزیر خارجه امریکا امروز با همتای چینی دیدار کرد."),
    ("yeh-1", "جلسه مجلس", "رئیس مجلس درباره مسائل بودجه سخن گفت."),
    ("yeh-2", "نشست شورا", "رییس شورا از مسایل شهری گزارش داد."),
    ("seat-1", "سفر به ژنو", "هیئت ایرانی دیروز به ژنو رفت."),
    ("seat-2", "بازگشت از ژنو", "هیات ایرانی امروز از ژنو بازگشت."),
    ("waw-1", "گزارش بازرسی", "مسئول بازرسی گزارش سالانه را منتشر کرد."),
    ("waw-2", "انتشار گزارش", "مسؤول روابط عمومی از انتشار گزارش خبر داد."),
    ("person-1", "سخنرانی", "ابراهیم رئیسی در دانشگاه سخنرانی کرد."),
    ("person-2", "بازدید", "ابراهیم رییسی از یک کارخانه بازدید کرد."),
    ("distinct-1", "زیارت", "زائران به آستان قدس رضوی رفتند."),
    ("distinct-2", "بودجه", "بودجه استان فارس افزایش یافت."),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return small_engine(tmp_path_factory.mktemp("spellings"), [(i, t, b, "1387/10/21") for i, t, b in ARTICLES])


@pytest.mark.parametrize("spellings, ids", [
    (("آمریکا", "امریکا"), {"madda-1", "madda-2"}),
    (("رئیس", "رییس"), {"yeh-1", "yeh-2"}),
    (("مسائل", "مسایل"), {"yeh-1", "yeh-2"}),
    (("هیئت", "هیات", "هیأت"), {"seat-1", "seat-2"}),
    (("مسئول", "مسؤول", "مسوول"), {"waw-1", "waw-2"}),
])
def test_every_spelling_finds_the_articles_of_every_other(engine, spellings, ids):
    assert [all_ids(engine, s) for s in spellings] == [ids] * len(spellings)


def test_words_the_madda_tells_apart_find_only_their_own_article(engine):
    assert (all_ids(engine, "آستان"), all_ids(engine, "استان")) == ({"distinct-1"}, {"distinct-2"})


def test_the_snippet_marks_the_word_as_printed_whichever_spelling_matched(engine):
    hits = {h["id"]: h["snippet"] for h in engine.search("امریکا")["hits"]}
    assert "<mark>آمریکا</mark>" in hits["madda-1"] and "<mark>امریکا</mark>" in hits["madda-2"]


def test_a_person_in_either_spelling_is_one_facet_value_labelled_as_written(engine):
    result = engine.search("person:رئیسی")
    assert {h["id"] for h in result["hits"]} == {"person-1", "person-2"}
    buckets = result["facets"]["person"]["buckets"]
    assert [(b["value"], b["label"], b["count"]) for b in buckets] == [("سید ابراهیم رییسی", "سید ابراهیم رئیسی", 2)]
    assert {p["label"] for h in result["hits"] for p in h["persons"]} == {"سید ابراهیم رئیسی"}


def test_a_country_without_its_madda_is_the_country(engine):
    assert all_ids(engine, "country:امریکا") == all_ids(engine, "country:آمریکا") == {"madda-1", "madda-2"}
