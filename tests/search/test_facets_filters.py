"""Facet counts against brute force, filters as parameters, paging totals and sort orders."""

from collections import Counter

import pytest

from search_helpers import all_ids, ids, term

FACET_KEYS = {"person": "persons", "country": "countries", "year_jalali": "year_jalali",
              "month_jalali": "month_jalali", "source": "source", "year_gregorian": "year"}


def brute_counts(articles, docids, facet):
    counts = Counter()
    for i in docids:
        value = articles[i][FACET_KEYS[facet]]
        for v in (value if isinstance(value, list) else [value] if value else []):
            counts[v] += 1
    return counts


def bucket_counts(result, facet):
    return {b["value"]: b["count"] for b in result["facets"][facet]["buckets"]}


def test_result_has_the_api_keys(engine):
    result = engine.search("ایران")
    assert {"query", "total", "page", "per_page", "took_ms", "hits", "facets", "did_you_mean", "filters",
            "messages"} <= set(result)
    assert set(result["facets"]) == set(FACET_KEYS)
    hit = result["hits"][0]
    assert {"id", "score", "title", "date", "date_jalali", "url", "source", "snippet", "persons",
            "countries"} <= set(hit)


@pytest.mark.parametrize("facet", sorted(FACET_KEYS))
def test_facet_counts_equal_brute_force_over_all_matches(engine, articles, facet):
    result = engine.search("ایران", per_page=1)  # counts must cover every match, not the page
    matched = {i for i, a in articles.items() if term("ایران") in a["terms"]}
    expected = brute_counts(articles, matched, facet)
    got = bucket_counts(result, facet)
    assert got == {v: c for v, c in expected.items() if v in got}
    from search.core.facets import BY_NAME

    assert len(got) == min(len(expected), BY_NAME[facet].limit(engine.facet_limit, {}))


def test_facet_buckets_sorted_by_count(engine):
    buckets = engine.search("")["facets"]["month_jalali"]["buckets"]
    counts = [b["count"] for b in buckets]
    assert counts == sorted(counts, reverse=True)


def test_facet_ties_in_persian_collation_order(engine):
    import icu

    collator = icu.Collator.createInstance(icu.Locale("fa"))
    buckets = engine.search("")["facets"]["month_jalali"]["buckets"]
    for a, b in zip(buckets, buckets[1:]):
        if a["count"] == b["count"]:
            assert collator.compare(a["label"], b["label"]) <= 0


def test_year_filter_restricts_hits_and_total(engine, articles):
    result = engine.search("ایران", filters={"year_jalali": ["1387"]}, per_page=1000)
    expected = {i for i, a in articles.items() if term("ایران") in a["terms"] and a["year_jalali"] == "1387"}
    assert set(ids(result)) == expected and result["total"] == len(expected)


def test_multi_select_within_a_facet_is_or(engine, articles):
    result = engine.search("", filters={"year_jalali": ["1387", "1388"]}, per_page=1000)
    assert set(ids(result)) == {i for i, a in articles.items() if a["year_jalali"] in ("1387", "1388")}


def test_filters_across_facets_are_and(engine, articles):
    result = engine.search("", filters={"year_jalali": ["1387"], "month_jalali": ["1387-10"]}, per_page=1000)
    assert set(ids(result)) == {i for i, a in articles.items() if a["month_jalali"] == "1387-10"}


def test_selected_value_stays_visible_with_its_count(engine, articles):
    result = engine.search("", filters={"year_jalali": ["1387"]})
    buckets = {b["value"]: b for b in result["facets"]["year_jalali"]["buckets"]}
    assert buckets["1387"]["selected"] is True
    assert buckets["1387"]["count"] == sum(1 for a in articles.values() if a["year_jalali"] == "1387")
    assert len(buckets) > 1  # the other years stay offered for OR-selection


def test_months_of_the_chosen_years_are_all_listed(demo_index, articles):
    # A page lists the months of the selected years; with two or more years there are more months than the
    # facet limit, and none of them may be cut.
    from search import SearchEngine

    small = SearchEngine(demo_index, facet_limit=2, warm=False)
    years = [y for y, _ in Counter(a["year_jalali"] for a in articles.values() if a["year_jalali"]).most_common(3)]
    months = {a["month_jalali"] for a in articles.values() if a["year_jalali"] in years}
    assert len(months) > 2
    result = small.search("", filters={"year_jalali": years})
    assert set(bucket_counts(result, "month_jalali")) == months
    assert len(result["facets"]["person"]["buckets"]) <= 2


def test_every_year_is_listed_whatever_the_facet_limit(demo_index, articles):
    from search import SearchEngine

    small = SearchEngine(demo_index, facet_limit=2, warm=False)
    result = small.search("")
    assert bucket_counts(result, "year_jalali") == dict(Counter(a["year_jalali"] for a in articles.values()
                                                                if a["year_jalali"]))


def test_other_facets_count_within_the_selection(engine, articles):
    result = engine.search("", filters={"year_jalali": ["1387"]})
    in_1387 = {i for i, a in articles.items() if a["year_jalali"] == "1387"}
    assert bucket_counts(result, "month_jalali") == dict(brute_counts(articles, in_1387, "month_jalali"))


def test_date_from_to_filters(engine, articles):
    import datetime

    result = engine.search("", filters={"from": "1387/01/01", "to": "2009-03-20"}, per_page=1000)
    lo, hi = datetime.date(2008, 3, 20), datetime.date(2009, 3, 20)
    assert set(ids(result)) == {i for i, a in articles.items() if a["date"] and lo <= a["date"] <= hi}


def test_country_filter_by_name(engine, articles):
    expected = {i for i, a in articles.items() if "SY" in a["countries"]}
    assert expected, "the demo corpus names this country: entity extraction found none"
    result = engine.search("", filters={"country": ["سوریه"]}, per_page=1000)
    assert set(ids(result)) == expected
    assert result["filters"]["country"] == ["SY"]


def test_person_facet_labels_and_selection(engine, articles):
    persons = Counter(p for a in articles.values() for p in a["persons"])
    assert persons, "the demo corpus names this person: entity extraction found none"
    key = persons.most_common(1)[0][0]
    result = engine.search("", filters={"person": [key]}, per_page=1000)
    assert set(ids(result)) == {i for i, a in articles.items() if key in a["persons"]}
    assert any(b["value"] == key and b["selected"] for b in result["facets"]["person"]["buckets"])


def test_person_filter_by_surname_is_every_person_of_that_name(engine):
    # The same people as person: in the query (analyzers.entities.resolve_person: a surname names them all).
    from search.core.labels import resolve_person

    keys = resolve_person("لاریجانی")
    assert len(keys) >= 2, "the gazetteer knows several Larijanis"
    result = engine.search("", filters={"person": ["لاریجانی"]}, per_page=1000)
    assert result["filters"]["person"] == keys
    assert set(ids(result)) == set(ids(engine.search("person:لاریجانی", per_page=1000)))
    assert {b["value"] for b in result["facets"]["person"]["buckets"] if b["selected"]} == set(keys)


def test_unknown_filter_key_is_reported(engine):
    result = engine.search("ایران", filters={"colour": ["red"]})
    assert result["total"] == engine.search("ایران")["total"] > 0
    assert result["notices"] == [{"code": "unknown_filter", "params": {"name": "colour"}}]


def test_paging_covers_every_match_once(engine):
    total = engine.search("ایران")["total"]
    seen = []
    for page in range(1, total // 3 + 2):
        result = engine.search("ایران", page=page, per_page=3)
        assert result["total"] == total
        seen += ids(result)
    assert len(seen) == len(set(seen)) == total


def test_paging_of_all_words_then_some_words(engine):
    first = ids(engine.search("حمله سوریه", per_page=1000))
    paged = []
    for page in range(1, len(first) // 2 + 2):
        paged += ids(engine.search("حمله سوریه", page=page, per_page=2))
    assert paged == first


def test_page_past_the_end_is_empty_with_the_total(engine):
    result = engine.search("ایران", page=500)
    assert result["hits"] == [] and result["total"] > 0


def test_newest_first(engine):
    dates = [h["date"] for h in engine.search("ایران", sort="newest", per_page=1000)["hits"] if h["date"]]
    assert dates == sorted(dates, reverse=True)


def test_oldest_first(engine):
    dates = [h["date"] for h in engine.search("ایران", sort="oldest", per_page=1000)["hits"] if h["date"]]
    assert dates == sorted(dates)


def test_date_sort_of_a_two_word_query_is_date_order_only(engine):
    # Relevance puts articles with both words first; a date sort must not keep that tier.
    hits = engine.search("ایران سوریه", sort="newest", per_page=1000)["hits"]
    dates = [h["date"] for h in hits if h["date"]]
    assert len(dates) > 5 and dates == sorted(dates, reverse=True)


def test_date_sort_keeps_the_match_set(engine):
    assert all_ids(engine, "ایران", sort="newest") == all_ids(engine, "ایران")


def test_empty_query_lists_all_articles_newest_first(engine, articles):
    result = engine.search("", per_page=1000)
    assert result["total"] == len(articles)
    dated = [h["date"] for h in result["hits"] if h["date"]]
    assert dated == sorted(dated, reverse=True)


def test_hit_dates_iso_and_jalali(engine):
    hit = next(h for h in engine.search("لاریجانی", per_page=100)["hits"] if h["id"] == "demo-001")
    assert hit["date"] == "2009-01-10" and hit["date_jalali"] == "۲۱ دی ۱۳۸۷"


def test_facet_values_prefix_finds_a_person_by_surname(engine, articles):
    keys = {p for a in articles.values() for p in a["persons"] if p.split()[-1].startswith("لاریج")}
    assert keys, "the demo corpus names this person: entity extraction found none"
    assert {b["value"] for b in engine.facet_values("person", prefix="لاريج")} == keys  # Arabic yeh too
    assert engine.facet_values("person", prefix=5) == engine.facet_values("person")  # not a string: no prefix


def test_facet_values_lists_every_value_with_prefix(engine, articles):
    values = engine.facet_values("year_jalali", prefix="138")
    expected = Counter(a["year_jalali"] for a in articles.values() if a["year_jalali"]
                       and a["year_jalali"].startswith("138"))
    assert {b["value"]: b["count"] for b in values} == dict(expected)
