"""Each form of the query language against brute-force expectations over the demo articles."""

import datetime

import pytest

from search_helpers import all_ids, term


def with_terms(articles, *words):
    wanted = [term(w) for w in words]
    return {i for i, a in articles.items() if all(t in a["terms"] for t in wanted)}


def test_plain_word_matches_every_article_with_it(engine, articles):
    assert all_ids(engine, "لبنان") == with_terms(articles, "لبنان")


def test_arabic_letter_forms_in_query_match_persian_spelling(engine):
    assert all_ids(engine, "سوريه") == all_ids(engine, "سوریه") != set()


def test_total_counts_articles_with_any_word(engine, articles):
    expected = with_terms(articles, "لبنان") | with_terms(articles, "غزه")
    assert engine.search("لبنان غزه")["total"] == len(expected)


def test_articles_with_all_words_rank_first(engine, articles):
    both = with_terms(articles, "حمله", "سوریه")
    assert both and with_terms(articles, "سوریه") - both  # the corpus must exercise the rule
    ranked = [h["id"] for h in engine.search("حمله سوریه", per_page=1000)["hits"]]
    assert set(ranked[: len(both)]) == both


def test_phrase_needs_adjacent_words(engine, articles):
    loose = with_terms(articles, "شورای", "امنیت")
    phrase = all_ids(engine, '"شورای امنیت"')
    assert phrase and phrase <= loose
    assert all_ids(engine, '"امنیت شورای"') == set()


def test_phrase_matches_across_spellings(engine):
    assert all_ids(engine, '"درگيري‌هاي سوريه"') == all_ids(engine, '"درگیری‌های سوریه"') != set()


def test_guillemets_quote_a_phrase(engine):
    assert all_ids(engine, "«شورای امنیت»") == all_ids(engine, '"شورای امنیت"')


def test_minus_excludes_a_word(engine, articles):
    assert all_ids(engine, "سوریه -لبنان") == with_terms(articles, "سوریه") - with_terms(articles, "لبنان")


def test_or_matches_either_word(engine, articles):
    expected = with_terms(articles, "ژنو") | with_terms(articles, "حلب")
    assert all_ids(engine, "ژنو OR حلب") == expected


def test_or_groups_with_the_next_word_only(engine, articles):
    expected = (with_terms(articles, "ژنو") | with_terms(articles, "حلب")) & with_terms(articles, "سوریه")
    ranked = engine.search("ژنو OR حلب سوریه", per_page=1000)["hits"]
    assert {h["id"] for h in ranked[: len(expected)]} == expected


def test_persian_ya_between_words_is_or(engine):
    assert all_ids(engine, "ژنو یا حلب") == all_ids(engine, "ژنو OR حلب")


def test_prefix_star_expands_to_index_terms(engine, articles):
    expected = {i for i, a in articles.items() if any(t.startswith("هسته") for t in a["terms"])}
    assert all_ids(engine, "هسته*") == expected


def test_date_jalali_year(engine, articles):
    assert all_ids(engine, "date:1387") == {i for i, a in articles.items() if a["year_jalali"] == "1387"}


def test_date_jalali_month_in_persian_digits(engine, articles):
    expected = {i for i, a in articles.items() if a["month_jalali"] == "1387-10"}
    assert expected and all_ids(engine, "date:۱۳۸۷/۱۰") == expected


def test_date_jalali_range(engine, articles):
    lo, hi = datetime.date(2008, 12, 21), datetime.date(2009, 3, 19)  # 1387/10/01 .. 1387/12/29
    expected = {i for i, a in articles.items() if a["date"] and lo <= a["date"] <= hi}
    assert expected and all_ids(engine, "date:1387/10/01..1387/12/29") == expected


def test_date_gregorian_month_range(engine, articles):
    lo, hi = datetime.date(2009, 1, 1), datetime.date(2009, 3, 31)
    expected = {i for i, a in articles.items() if a["date"] and lo <= a["date"] <= hi}
    assert expected and all_ids(engine, "date:2009-01..2009-03") == expected


def test_date_field_combines_with_words(engine, articles):
    expected = with_terms(articles, "غزه") & {i for i, a in articles.items() if a["year_jalali"] == "1387"}
    assert expected and all_ids(engine, "غزه date:1387") == expected


def test_source_field(engine, articles):
    source = articles["demo-001"]["source"]
    expected = {i for i, a in articles.items() if a["source"] == source}
    assert all_ids(engine, f'source:"{source}"') == expected


@pytest.mark.parametrize("spelling", ["خبرگزاري نمونه", "خبرگزاری  نمونه", "منبع:«خبرگزاری نمونه»"])
def test_source_field_in_any_spelling(engine, articles, spelling):
    # Arabic yeh (a Persian keyboard's neighbour), doubled spaces, Persian field name with «» quotes.
    expected = {i for i, a in articles.items() if a["source"] == "خبرگزاری نمونه"}
    query = spelling if ":" in spelling else f'source:"{spelling}"'
    assert expected and all_ids(engine, query) == expected


def test_source_field_half_space_or_space(engine, articles):
    expected = {i for i, a in articles.items() if a["source"] == "هفته\u200cنامه ساختگی"}
    assert expected and all_ids(engine, 'source:"هفته نامه ساختگي"') == expected


def _with_country(articles, code):
    return {i for i, a in articles.items() if code in a["countries"]}


def _with_person(articles, key):
    return {i for i, a in articles.items() if key in a["persons"]}


@pytest.mark.parametrize("value", ["سوریه", "سوريه", "SY", "sy"])
def test_country_field_by_name_or_code(engine, articles, value):
    expected = _with_country(articles, "SY")
    assert expected, "the demo corpus names this country: entity extraction found none"
    assert all_ids(engine, f"country:{value}") == expected


@pytest.mark.parametrize("value", ["ZZ", "Atlantis", "اتلانتیس"])
def test_unknown_country_finds_nothing_and_is_named_in_a_message(engine, value):
    result = engine.search(f"ایران country:{value}")
    assert result["total"] == 0 and result["notices"] == [{"code": "unknown_country", "params": {"value": value}}]


def test_person_field_by_last_name(engine, articles):
    from search.core.labels import resolve_person

    keys = resolve_person("لاریجانی")
    expected = set().union(*(_with_person(articles, k) for k in keys))
    assert expected, "the demo corpus names this person: entity extraction found none"
    assert all_ids(engine, "person:لاریجانی") == expected


def test_negated_field_excludes(engine, articles):
    expected = with_terms(articles, "غزه") - {i for i, a in articles.items() if a["year_jalali"] == "1387"}
    assert all_ids(engine, "غزه -date:1387") == expected


def test_fuzzy_tilde_matches_one_edit_away(engine):
    assert all_ids(engine, "لاریحانی~") >= all_ids(engine, "لاریجانی") != set()


def test_prefix_expansion_is_bounded(engine, monkeypatch):
    from search.core import compile as compile_module

    monkeypatch.setattr(compile_module, "MAX_EXPANSION", 2)
    result = engine.search("اس*")
    assert result["total"] > 0
    assert result["notices"] == [{"code": "expansion_capped", "params": {"word": "اس", "limit": 2}}]


def test_all_prefixes_of_a_query_share_one_expansion_budget(engine, monkeypatch):
    from search.core import compile as compile_module

    monkeypatch.setattr(compile_module, "MAX_EXPANDED_TERMS", 3)
    result = engine.search("اس* ای* سو*")
    assert ("expansion_budget_spent", {"word": "سو", "limit": 3}) in [(n["code"], n["params"])
                                                                     for n in result["notices"]]


def test_all_words_tier_can_be_limited_to_short_queries(demo_index, articles):
    from search import SearchEngine

    engine = SearchEngine(demo_index, feedback=False)
    engine.all_words_first_max = 1  # what search.core.ranking.ALL_WORDS_FIRST_MAX_WORDS = 1 does
    hits = engine.search("حمله سوریه", per_page=1000)["hits"]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)  # one tier: by score only
    assert len(hits) == len(with_terms(articles, "حمله") | with_terms(articles, "سوریه"))


def test_fuzzy_expansion_from_vocabulary_equals_whoosh_automaton(demo_index):
    from search.core.compile import analyze
    from search.core.engine import SearchEngine
    from search.core.searching import ViewVocabulary
    from shard_helpers import shard_indexes

    engine = SearchEngine(demo_index, warm=False)
    vocabulary = ViewVocabulary(engine.coordinator, engine.coordinator.view())
    (ix,) = shard_indexes(demo_index)
    with ix.reader() as reader:
        for word in ("لاریجانی", "سوریه", "ژنو"):
            (folded,) = analyze(word)
            whoosh = set(reader.terms_within("content", folded, 1, prefix=1))
            ours = {t for t, df in vocabulary.expand(folded, fuzzy=True).items() if df}
            assert ours == whoosh and folded in ours


def test_default_ranks_queries_of_three_words_by_score_alone(demo_index):
    from search import SearchEngine

    engine = SearchEngine(demo_index, feedback=False)  # default all-words policy (search.core.ranking)
    hits = engine.search("لاریجانی مجلس ایران", per_page=1000)["hits"]
    scores = [h["score"] for h in hits]
    assert len(hits) > 3 and scores == sorted(scores, reverse=True)
