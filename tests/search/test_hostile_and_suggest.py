"""Bad and hostile queries return a result (possibly empty) with a notice saying what was done, never an
exception; did-you-mean."""

import pytest

from search_helpers import codes, notices

HOSTILE = [
    '"ایران', 'ایران"', '"', '""', '"""', "-", "OR", "OR OR", "ایران OR", "OR ایران", "یا", "-OR",
    "*", "**", "~", "?", "***ایران", "ا*", "((((", ")", "person:", "country:", "date:", "source:",
    "x" * 5000, "ایران " * 1000, "\u202bایران\u202c", "\u200f\u200e\u2066", "\u200cایران\u200c",
    "date:1387/13/40", "date:2009-02-30", "date:abc", "date:1390..1380", "date:99999", "date:..",
    "country:ناکجاآباد", "person:\u202e", "\x00\x01", "🙂", "<script>alert(1)</script>", "a:b:c:d",
    "-ایران", '-"شورای امنیت"', "title:ایران", "\\", "%s%s%n", "\ufffd\ufffd",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_query_returns_a_result(engine, query):
    result = engine.search(query)
    assert isinstance(result["total"], int) and isinstance(result["hits"], list)
    assert len(result["hits"]) <= result["total"] or result["total"] == 0


@pytest.mark.parametrize("query, code, params", [
    ('"ایران', "unbalanced_quote", {}),
    ("*", "lone_operator", {"operator": "*"}),
    ("x" * 5000, "query_truncated", {"limit": 500}),
    ("date:1387/13/40", "date_not_in_calendar", {"calendar": "jalali", "value": "1387/13/40"}),
    ("date:1390..1380", "date_reversed", {"value": "1390..1380"}),
    ("OR", "operator_without_operands", {"operator": "OR"}),
    ("country:ناکجاآباد", "unknown_country", {"value": "ناکجاآباد"}),
])
def test_hostile_query_explains_itself(engine, query, code, params):
    result = engine.search(query)
    assert (code, params) in notices(result)
    assert len(result["messages"]) == len(result["notices"]) and all(result["messages"])


def test_bidi_marks_do_not_change_the_result(engine):
    assert engine.search("\u202bلبنان\u202c")["total"] == engine.search("لبنان")["total"] > 0


@pytest.mark.parametrize("word", ["آمریکا", "مؤسسه", "أمریکا"])
def test_decomposed_letters_search_like_composed_ones(engine, word):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", word)
    assert decomposed != word
    assert {h["id"] for h in engine.search(decomposed, per_page=100)["hits"]} == \
        {h["id"] for h in engine.search(word, per_page=100)["hits"]}


def test_unbalanced_quote_still_searches_the_words(engine):
    assert engine.search('"لبنان')["total"] == engine.search("لبنان")["total"] > 0


def test_long_query_is_capped(engine):
    result = engine.search("ایران " * 1000)
    assert result["total"] > 0 and codes(result) == ["query_truncated", "too_many_words"]


@pytest.mark.parametrize("kwargs, code", [
    ({"page": -3}, "page_out_of_range"), ({"page": "x"}, "bad_page"), ({"per_page": 10 ** 9}, "per_page_out_of_range"),
    ({"per_page": 0}, "per_page_out_of_range"), ({"sort": "random"}, "unknown_sort"),
    ({"filters": "country=SY"}, "filters_not_a_mapping"), ({"filters": {"from": "فردا"}}, "unreadable_date"),
    ({"filters": {"month_jalali": ["13870"]}}, "bad_month"), ({"page": float("inf")}, "bad_page"),
    ({"per_page": float("inf")}, "bad_per_page"), ({"page": float("nan")}, "bad_page"),
])
def test_bad_parameters_return_a_result_with_a_notice(engine, kwargs, code):
    result = engine.search("ایران", **kwargs)
    assert result["total"] >= 0 and codes(result) == [code]


@pytest.mark.parametrize("kwargs", [{"filters": {"country": None}}, {"filters": {"year_jalali": [None, ""]}}])
def test_empty_filter_values_are_no_filter(engine, kwargs):
    assert engine.search("ایران", **kwargs)["total"] == engine.search("ایران")["total"] > 0


def test_non_string_query_is_an_empty_query(engine):
    assert engine.search(None)["total"] == engine.search("")["total"]


def test_per_page_up_to_1000(engine):
    assert engine.search("", per_page=1000)["per_page"] == 1000


def test_did_you_mean_fixes_a_misspelled_name(engine):
    assert engine.search("لاریحانی")["did_you_mean"] == "لاریجانی"


def test_did_you_mean_fixes_a_dropped_letter(engine):
    assert engine.search("سولنا")["did_you_mean"] == "سولانا"


def test_did_you_mean_keeps_the_rest_of_the_query(engine):
    assert engine.search("سفر لاریحانی")["did_you_mean"] == "سفر لاریجانی"


@pytest.mark.parametrize("query, suggestion", [("لاریجانی اریجانی", "لاریجانی لاریجانی"),
                                               ('"شورای امنیت" منیت', '"شورای امنیت" امنیت'),
                                               ("ایران -سوریه یران", "ایران -سوریه ایران")])
def test_did_you_mean_replaces_the_misspelled_word_not_a_word_containing_it(engine, query, suggestion):
    # «اریجانی» is also the tail of «لاریجانی»: the correction must go where the misspelled word stands.
    assert engine.search(query)["did_you_mean"] == suggestion


def test_no_suggestion_for_a_known_word(engine):
    assert engine.search("لاریجانی")["did_you_mean"] is None


@pytest.mark.parametrize("typed", ["احمدینژد", "احمدی\u200cنژد"])
def test_did_you_mean_is_written_as_in_the_articles(engine, typed):
    # Index terms are ZWNJ-free («احمدینژاد»): the suggestion shows the name as the articles write it.
    assert engine.search(typed)["did_you_mean"] == "احمدی\u200cنژاد"


def test_a_half_space_in_the_query_stays_inside_its_word():
    from search.core.syntax import Word, parse

    assert parse("قلی\u200cپور").clauses == [[Word("قلی\u200cپور")]]


def test_did_you_mean_keeps_the_readme_promise(engine):
    # README: «احمدی نژد» -> «احمدی نژاد» on the demo index (the two words of a split name corrected together).
    assert engine.search("احمدی نژد")["did_you_mean"] == "احمدی نژاد"
