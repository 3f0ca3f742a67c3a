"""Filters never widen a search (issue 9): a value that is not understood finds nothing and a message names it;
month names, the last day of a month in leap and common years, «ایالات متحده» and English country names are
understood. On a small index of our own articles with known dates and countries."""

import pytest

from search_helpers import all_ids, small_engine

ARTICLES = [
    ("esfand-30", "پایان سال", "در واپسین روز سال کبیسه هیئتی از عراق به تهران آمد.", "1387/12/30"),
    ("esfand-29", "پایان سال", "در واپسین روز سال هیئتی از ایالات متحده به بغداد رفت.", "1388/12/29"),
    ("shahrivar-31", "پایان تابستان", "در آخرین روز شهریور نمایشگاه کتاب در سوریه بسته شد.", "1387/06/31"),
    ("dey", "زمستان", "در میانه دی ماه برف سنگینی در عراق بارید.", "1387/10/15"),
    ("esfand", "بهار نزدیک", "بازار شب عید در اسفند شلوغ بود.", "1387/12/10"),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return small_engine(tmp_path_factory.mktemp("filters"), ARTICLES)


@pytest.mark.parametrize("query, expected", [
    ("date:1387/12/30", {"esfand-30"}),       # the last day of a leap year
    ("date:1388/12/29", {"esfand-29"}),       # the last day of a common year
    ("date:1387/06/31", {"shahrivar-31"}),    # a 31-day month
    ('date:"دی ۱۳۸۷"', {"dey"}),
    ("date:دی ۱۳۸۷", {"dey"}),
    ('date:"اسفند ۱۳۸۷"', {"esfand", "esfand-30"}),
    ("تاریخ:۳۰/۱۲/۱۳۸۷", {"esfand-30"}),
])
def test_dates_in_every_written_form_are_understood(engine, query, expected):
    result = engine.search(query, per_page=100)
    assert ({h["id"] for h in result["hits"]}, result["notices"]) == (expected, [])


@pytest.mark.parametrize("query, value", [
    ("date:1387/12/31", "1387/12/31"),   # Esfand has 30 days in a leap year
    ("date:1388/12/30", "1388/12/30"),   # ... and 29 in a common one
    ('date:"فردا"', "فردا"),
    ("عراق date:پارسال", "پارسال"),
])
def test_a_date_not_understood_finds_nothing_and_is_named(engine, query, value):
    result = engine.search(query)
    assert result["total"] == 0 and value in [n["params"].get("value") for n in result["notices"]]


@pytest.mark.parametrize("value", ["ایالات متحده", '"ایالات متحده"', "United States", "USA", "US"])
def test_the_united_states_in_every_spelling(engine, value):
    assert all_ids(engine, f"country:{value}") == {"esfand-29"}


@pytest.mark.parametrize("value", ["Iraq", "IRQ", "iq", "عراق", "کشور:عراق"])
def test_iraq_by_english_name_code_or_persian_field_name(engine, value):
    query = value if ":" in value else f"country:{value}"
    assert all_ids(engine, query) == {"esfand-30", "dey"}


def test_a_country_not_understood_finds_nothing_even_when_negated(engine):
    result = engine.search("-country:Atlantis")
    assert result["total"] == 0 and result["notices"] == [{"code": "unknown_country", "params": {"value": "Atlantis"}}]


@pytest.mark.parametrize("filters, value", [
    ({"country": ["Atlantis"]}, "Atlantis"),
    ({"month_jalali": ["13870"]}, "13870"),
    ({"from": "فردا"}, "فردا"),
])
def test_a_filter_parameter_not_understood_finds_nothing_and_is_named(engine, filters, value):
    result = engine.search("", filters=filters)
    assert result["total"] == 0 and value in [n["params"].get("value") for n in result["notices"]]


def test_filter_parameters_understand_english_names_and_month_names(engine):
    assert {h["id"] for h in engine.search("", filters={"country": ["Iraq"]})["hits"]} == {"esfand-30", "dey"}
    assert {h["id"] for h in engine.search("", filters={"from": "دی ۱۳۸۷", "to": "دی ۱۳۸۷"})["hits"]} == {"dey"}
