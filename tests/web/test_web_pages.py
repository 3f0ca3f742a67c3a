"""The search page and the article page, through Flask's test client, on the demo index."""

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import importlib.util

import pytest
from web_html import Page

# Persons and countries come from the entity extractor (analyzers.entities, issue 3); until it is in the tree the
# index has none, and the tests of entity chips and the country facet cannot run.
needs_entities = pytest.mark.skipif(importlib.util.find_spec("analyzers.entities") is None,
                                    reason="analyzers.entities is not built yet: the index has no persons/countries")

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"


def get_page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return Page(response.get_data(as_text=True))


def api(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def total_of(page):
    return int(page.one("strong", "total").attrs["data-total"])


def params_of(href):
    return parse_qs(urlsplit(href).query)


# -- the page frame ------------------------------------------------------------------------------------------------

def test_page_is_persian_right_to_left(client):
    page = get_page(client, "/")
    html = page.one("html")
    assert html.attrs["lang"] == "fa" and html.attrs["dir"] == "rtl"


def test_stylesheet_and_script_are_served_by_the_app(client):
    page = get_page(client, "/")
    sources = [e.attrs["href"] for e in page.find("link") if "stylesheet" in e.attrs.get("rel", "")]
    sources += [e.attrs["src"] for e in page.find("script")]
    assert sources and all(s.startswith("/static/") for s in sources)
    for source in sources:
        assert client.get(source).status_code == 200


def test_font_stack_names_persian_fonts_with_system_fallbacks(client):
    css = client.get("/static/bayegan.css").get_data(as_text=True)
    stack = re.search(r"--font:\s*([^;]+);", css).group(1)
    fonts = [f.strip().strip('"') for f in stack.split(",")]
    assert fonts[0] == "Vazirmatn" and "Tahoma" in fonts and fonts[-1] == "sans-serif"
    assert "url(" not in css or "http" not in css  # nothing fetched from elsewhere


def test_home_lists_newest_articles_with_a_total_in_persian_digits(client):
    page = get_page(client, "/")
    total = page.one("strong", "total")
    assert int(total.attrs["data-total"]) == api(client, "/api/search")["total"] > 0
    assert total.text and all(ch in PERSIAN_DIGITS + "\u066c" for ch in total.text)


# -- searching -----------------------------------------------------------------------------------------------------

def test_search_box_keeps_the_query(client):
    page = get_page(client, "/?q=لاریجانی")
    assert page.one("input", "search-form__input").attrs["value"] == "لاریجانی"


def test_results_show_title_linking_to_article_source_and_date(client):
    result = api(client, "/api/search?q=لاریجانی")
    page = get_page(client, "/?q=لاریجانی")
    titles = page.find("h3", "hit__title")
    assert len(titles) == len(result["hits"]) > 0
    first = result["hits"][0]
    link = [a for a in page.find("a") if a.attrs.get("href", "").startswith(f"/article/{first['id']}")][0]
    assert link.text == first["title"]
    assert params_of(link.attrs["href"])["q"] == ["لاریجانی"]
    assert first["source"] in page.find("span", "hit__source")[0].text


def test_dates_are_jalali_with_gregorian_in_tooltip(client):
    first = api(client, "/api/search?q=لاریجانی")["hits"][0]
    page = get_page(client, "/?q=لاریجانی")
    time = page.find("time", "date")[0]
    assert time.text == first["date_jalali"]
    assert time.attrs["datetime"] == first["date"]
    year = first["date"][:4].translate(str.maketrans("0123456789", PERSIAN_DIGITS))
    assert year in time.attrs["title"] and "میلادی" in time.attrs["title"]


def test_snippet_marks_the_query_word(client):
    page = get_page(client, "/?q=لاریجانی")
    marks = page.find("mark")
    assert marks and all(m.text == "لاریجانی" for m in marks)


def test_total_matches_the_search_layer(client):
    assert total_of(get_page(client, "/?q=ایران")) == api(client, "/api/search?q=ایران")["total"]


def test_sort_links_switch_order(client):
    page = get_page(client, "/?q=ایران")
    sorts = {a.text.strip(): a for a in page.find("a", "sort__link")}
    assert len(sorts) == 3
    current = [a for a in sorts.values() if a.attrs.get("aria-current")]
    assert len(current) == 1 and "sort" not in params_of(current[0].attrs["href"])
    newest = [a for a in sorts.values() if params_of(a.attrs["href"]).get("sort") == ["newest"]][0]
    dates = [t.attrs["datetime"] for t in get_page(client, newest.attrs["href"]).find("time", "date")]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 1


@pytest.mark.parametrize("q", ["کشور:سوریه", "-ایران", "تاریخ:۱۳۸۷"])
def test_query_without_words_offers_date_sorts_only(client, q):
    # Nothing to rank by: the results come newest first, so "newest" is the current sort, not "relevance".
    page = get_page(client, "/?" + urlencode({"q": q}))
    sorts = page.find("a", "sort__link")
    assert [params_of(a.attrs["href"]).get("sort") for a in sorts] == [["newest"], ["oldest"]]
    assert sorts[0].attrs.get("aria-current") == "true"
    dates = [t.attrs["datetime"] for t in page.find("time", "date")]
    assert dates == sorted(dates, reverse=True)


def test_oldest_sort_lists_dates_ascending(client):
    dates = [t.attrs["datetime"] for t in get_page(client, "/?q=ایران&sort=oldest").find("time", "date")]
    assert dates == sorted(dates) and len(set(dates)) > 1


def test_paging_links_lead_to_the_next_page_of_results(client):
    page = get_page(client, "/?q=ایران")
    assert total_of(page) > 10
    next_link = page.one("a", "paging__next")
    assert params_of(next_link.attrs["href"])["page"] == ["2"]
    second = get_page(client, next_link.attrs["href"])
    first_ids = {t.attrs["datetime"] + t.text for t in page.find("time", "date")}
    assert total_of(second) == total_of(page)
    assert [h.text for h in second.find("h3", "hit__title")] != [h.text for h in page.find("h3", "hit__title")]
    assert second.one("span", "paging__current").text == "۲"
    assert first_ids  # the first page had dated hits


def test_page_beyond_the_last_says_so(client):
    page = get_page(client, "/?q=لاریجانی&page=50")
    assert not page.find("h3", "hit__title")
    assert "صفحهٔ اول" in page.one("section", "state").text


def test_previous_link_past_the_end_leads_to_the_last_page(client):
    total = api(client, "/api/search?q=ایران")["total"]
    last = -(-total // 10)
    assert last > 1
    page = get_page(client, "/?q=ایران&page=50")
    previous = params_of(page.one("a", "paging__prev").attrs["href"])
    assert previous["page"] == [str(last)]
    assert get_page(client, "/?q=ایران&page=" + str(last)).find("h3", "hit__title")


def test_did_you_mean_links_to_the_corrected_query(client):
    result = api(client, "/api/search?q=لاریجنی")
    assert result["did_you_mean"]
    page = get_page(client, "/?q=لاریجنی")
    link = page.one("p", "did-you-mean")
    corrected = [a for a in page.find("a") if params_of(a.attrs.get("href", "")).get("q") == [result["did_you_mean"]]]
    assert corrected and result["did_you_mean"] in link.text


def test_did_you_mean_never_links_past_the_query_length_limit(app, client):
    # «لاریجنی» -> «لاریجانی» is one letter longer: on a query at the limit the link would be refused with a 400.
    limit = app.config["MAX_QUERY_LENGTH"]
    q = "لاریجنی " + "ب" * (limit - len("لاریجنی "))
    assert len(q) == limit and api(client, "/api/search?" + urlencode({"q": q}))["did_you_mean"]
    page = get_page(client, "/?" + urlencode({"q": q}))
    assert not page.find("p", "did-you-mean")
    for a in page.find("a"):
        if "q" in params_of(a.attrs.get("href", "")):
            assert len(params_of(a.attrs["href"])["q"][0]) <= limit


def test_no_results_shows_helpful_empty_state(client):
    page = get_page(client, "/?q=زززبببققق")
    state = page.one("section", "state--empty")
    assert "پیدا نشد" in state.text and "املای" in state.text
    assert total_of(page) == 0


# -- facets --------------------------------------------------------------------------------------------------------

def facet_items(page, name):
    """The facet's value links (on a page where nothing in that facet is selected, each adds its parameter)."""
    param = {"person": "person", "country": "country", "year_jalali": "year", "month_jalali": "month"}[name]
    return [a for a in page.find("a", "facet__item") if param in params_of(a.attrs["href"])]


def test_year_facet_counts_equal_filtered_totals(client):
    page = get_page(client, "/?q=ایران")
    years = facet_items(page, "year_jalali")
    assert years
    for item in years[:3]:
        count = int(item.text.split()[-1].translate(str.maketrans(PERSIAN_DIGITS, "0123456789")))
        assert total_of(get_page(client, item.attrs["href"])) == count


def test_year_labels_and_counts_are_in_persian_digits(client):
    page = get_page(client, "/?q=ایران")
    labels = [e.text for e in page.find("span", "facet__label")] + [e.text for e in page.find("span", "facet__count")]
    assert labels and not any(ch.isascii() and ch.isdigit() for text in labels for ch in text)


def test_selecting_a_year_shows_its_months(client):
    year = facet_items(get_page(client, "/?q=ایران"), "year_jalali")[0]
    every_month = [params_of(a.attrs["href"])["month"][0] for a in facet_items(get_page(client, "/?q=ایران"),
                                                                                "month_jalali")]
    assert len({m[:4] for m in every_month}) > 1 and every_month == sorted(every_month)  # all years' months
    page = get_page(client, year.attrs["href"])
    chosen = params_of(year.attrs["href"])["year"][0]
    months = [a for a in page.find("a", "facet__item") if "month" in params_of(a.attrs["href"])]
    assert months and all(params_of(a.attrs["href"])["month"][0].startswith(chosen + "-") for a in months)


def test_selected_year_is_a_removable_chip(client):
    page = get_page(client, "/?q=ایران&year=1387")
    chip = page.one("a", "chip--active")
    assert "۱۳۸۷" in chip.text
    back = get_page(client, chip.attrs["href"])
    assert "year" not in params_of(chip.attrs["href"])
    assert total_of(back) == total_of(get_page(client, "/?q=ایران"))


def test_removing_a_year_also_removes_its_months(client):
    page = get_page(client, "/?q=ایران&year=1387&month=1387-10")
    year_chip = [c for c in page.find("a", "chip--active") if "سال" in c.text][0]
    assert params_of(year_chip.attrs["href"]) == {"q": ["ایران"]}


def test_long_facet_lists_fold_the_rest_under_more(app, client):
    page = get_page(client, "/")
    more = page.find("details", "facet__more")
    assert more and "بیشتر" in more[0].text
    visible_years = [a for a in page.find("a", "facet__item") if "year" in params_of(a.attrs["href"])]
    assert len(visible_years) > app.config["FACET_VISIBLE"]  # the folded ones are in the page too (no JS needed)


@needs_entities
def test_country_facet_filters_results(client):
    result = api(client, "/api/search?q=ایران")
    buckets = result["facets"]["country"]["buckets"]
    assert buckets, "the demo index has countries"
    bucket = [b for b in buckets if b["count"] < result["total"]][0]  # one that narrows the results
    page = get_page(client, "/?q=ایران")
    link = [a for a in page.find("a", "facet__item") if params_of(a.attrs["href"]).get("country") == [bucket["value"]]]
    assert link
    filtered = get_page(client, link[0].attrs["href"])
    assert total_of(filtered) == bucket["count"] < result["total"]


@needs_entities
def test_entity_chips_on_a_hit_add_a_filter(client):
    hits = api(client, "/api/search?q=ایران&per_page=50")["hits"]
    with_person = [h for h in hits if h["persons"]]
    assert with_person, "the demo index has persons"
    key = with_person[0]["persons"][0]["key"]
    page = get_page(client, "/?q=ایران&per_page=50")
    chips = [a for a in page.find("a", "chip--person") if params_of(a.attrs["href"]).get("person") == [key]]
    assert chips
    assert total_of(get_page(client, chips[0].attrs["href"])) >= 1


@needs_entities
@pytest.mark.parametrize("q, rest", [("ایران کشور:سوریه", "ایران"), ('country:"سوریه" ایران', "ایران"),
                                     ("کشور:«سوریه»", None), ("person:لاریجانی", None)])
def test_unchecking_a_facet_value_the_query_selected_removes_it(client, q, rest):
    # The query's own filter shows its value checked; clicking the checked value must un-check it, not add the
    # same filter again as a parameter (which changed nothing, or narrowed to another person of that name).
    page = get_page(client, "/?" + urlencode({"q": q}))
    checked = page.find("a", "facet__item--selected")
    assert checked
    for item in checked:
        assert params_of(item.attrs["href"]).get("q") == ([rest] if rest else None)
        after = get_page(client, item.attrs["href"])
        assert not after.find("a", "facet__item--selected")


@needs_entities
def test_unchecking_a_person_given_by_name_removes_the_name(client):
    page = get_page(client, "/?" + urlencode({"q": "مجلس", "person": "لاریجانی"}))
    checked = page.find("a", "facet__item--selected")
    assert "علی" in [a.text.split()[0] for a in checked]
    for item in checked:
        assert params_of(item.attrs["href"]) == {"q": ["مجلس"]}


def test_without_fields_keeps_the_rest_of_the_query():
    from search.core.syntax import without_fields

    assert without_fields('ایران کشور:سوریه "شورای امنیت"', "country", lambda v: v == "سوریه") == 'ایران "شورای امنیت"'
    assert without_fields("ایران -country:SY", "country", lambda v: True) == "ایران -country:SY"
    assert without_fields("person:x country:SY", "person", lambda v: False) == "person:x country:SY"


# -- errors on the page --------------------------------------------------------------------------------------------

def test_bad_page_number_shows_error_state_and_keeps_query(client):
    page = get_page(client, "/?q=ایران&page=abc", status=400)
    assert "صفحه" in page.one("section", "state--error").text
    assert page.one("input", "search-form__input").attrs["value"] == "ایران"


def test_oversize_query_is_refused_with_a_message(app, client):
    q = "ا" * (app.config["MAX_QUERY_LENGTH"] + 1)
    page = get_page(client, "/?q=" + q, status=400)
    assert "بلند" in page.one("section", "state--error").text


def test_unknown_path_is_a_persian_404_page(client):
    page = get_page(client, "/no/such/page", status=404)
    assert page.one("html").attrs["dir"] == "rtl" and "پیدا نشد" in page.one("h1").text


# -- the article page ----------------------------------------------------------------------------------------------

def test_article_page_shows_full_text(client):
    article = api(client, "/api/articles/demo-001")
    page = get_page(client, "/article/demo-001")
    assert page.one("h1", "article__title").text == article["title"]
    body = page.one("div", "article__body").text
    for paragraph in article["body"].split("\n"):
        assert paragraph.strip() in body


@pytest.mark.parametrize("q", ["لاریجا*", "لاریجانا~"])
def test_article_page_marks_prefix_and_fuzzy_words_like_the_snippet(client, q):
    # The snippet marks the index terms a prefix/fuzzy word expanded to; the article it links to must too.
    hit = api(client, "/api/search?" + urlencode({"q": q, "per_page": 1}))["hits"][0]
    assert "<mark>لاریجانی</mark>" in hit["snippet"]
    marks = get_page(client, f"/article/{hit['id']}?" + urlencode({"q": q})).find("mark")
    assert marks and {m.text for m in marks} == {"لاریجانی"}


def test_article_page_marks_query_terms(client):
    page = get_page(client, "/article/demo-001?q=لاریجانی")
    marks = page.find("mark")
    article = api(client, "/api/articles/demo-001")
    assert len(marks) == (article["summary"] + article["body"]).count("لاریجانی") > 0


def test_article_page_without_query_marks_nothing(client):
    assert not get_page(client, "/article/demo-001").find("mark")


def test_article_page_lists_related_articles(client):
    related = [a for a in get_page(client, "/article/demo-001").find("a")
               if a.attrs.get("href", "").startswith("/article/")]
    assert related and all(not a.attrs["href"].startswith("/article/demo-001") for a in related)


@needs_entities
def test_article_page_lists_its_entities_as_search_links(client):
    article = api(client, "/api/articles/demo-001")
    assert article["persons"], "demo-001 names a person"
    page = get_page(client, "/article/demo-001")
    chips = page.find("a", "chip--person")
    assert {params_of(a.attrs["href"])["person"][0] for a in chips} == {p["key"] for p in article["persons"]}


def test_unknown_article_is_404(client):
    get_page(client, "/article/no-such-id", status=404)


def test_articles_whose_ids_hold_slashes_are_reachable(tmp_path):
    # Archives may key articles by an RSS guid, often a URL: the result links and the API must still find them.
    import json
    from urllib.parse import quote

    from indexer.build import index_archives
    from web import create_app

    ids = ["https://example.org/news/1?x=y#z", "a/b c%2F"]
    archive = tmp_path / "guids.jsonl"
    archive.write_text("".join(json.dumps({"id": i, "title": f"خبر {n} درباره تهران", "body": "متن خبر درباره تهران.",
                                           "date": "2009-01-10"}, ensure_ascii=False) + "\n"
                               for n, i in enumerate(ids)), encoding="utf-8")
    index_archives([str(archive)], str(tmp_path / "ix"), jobs=0, report=lambda message: None)
    client = create_app({"INDEX_DIR": str(tmp_path / "ix"), "TESTING": True}).test_client()
    links = [a.attrs["href"] for a in get_page(client, "/?q=تهران").find("a") if "/article/" in a.attrs.get("href", "")]
    assert len(links) == 2
    for link in links:
        assert get_page(client, link).one("h1", "article__title").text.strip().startswith("خبر")
    for article_id in ids:
        assert api(client, "/api/articles/" + quote(article_id, safe=""))["id"] == article_id


def test_home_page_examples_all_find_articles(client):
    examples = [a for a in get_page(client, "/").find("a", "chip") if "q" in params_of(a.attrs.get("href", ""))]
    assert len(examples) >= 3
    for example in examples:
        assert total_of(get_page(client, example.attrs["href"])) > 0, example.text


def test_article_page_marks_spelling_variants(client):
    # Some demo items are typed with Arabic letter forms (ي, ك); a query in Persian letters still marks them.
    hits = api(client, "/api/search?per_page=100")["hits"]
    article = next(a for a in (api(client, f"/api/articles/{h['id']}") for h in hits) if "ي" in a["body"])
    word = next(w.strip("،.:«»") for w in article["body"].split() if "ي" in w and len(w.strip("،.:«»")) > 3)
    persian = word.replace("ي", "ی").replace("ك", "ک")
    marks = get_page(client, f"/article/{article['id']}?q={persian}").find("mark")
    assert word in [m.text for m in marks]


@pytest.mark.parametrize("q", ['"unbalanced', "-", "OR", "*", "\u202eایران", "date:1387/13/40", "country:",
                               "<b>bold</b>", "\x00"])
def test_hostile_queries_render_a_page(client, q):
    response = client.get("/", query_string={"q": q})
    assert response.status_code == 200
    assert Page(response.get_data(as_text=True)).one("input", "search-form__input").attrs["value"] == q


def test_undecodable_query_bytes_do_not_fail(client):
    assert client.get("/?q=%FF%FE").status_code == 200
    assert client.get("/api/search?q=%FF%FE").status_code == 200


@pytest.mark.parametrize("path", ["/", "/api/search", "/article/demo-001", "/api/facets/person"])
def test_raw_non_utf8_query_string_is_400_not_500(client, path):
    # A raw byte that is not UTF-8 in the request line (curl sends it as is); the WSGI server passes it through.
    response = client.get(path, environ_overrides={"QUERY_STRING": b"q=\xff\xfe".decode("latin-1")})
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response.get_json()["error"]["status"] == 400
    else:
        assert "Traceback" not in response.get_data(as_text=True)


def test_date_range_form_shows_jalali_dates_and_filters(client):
    page = get_page(client, "/?from=2008-03-20&to=2009-03-19")
    assert page.one("input", name="from", type="text").attrs["value"] == "۱۳۸۷/۰۱/۰۱"
    assert page.one("input", name="to", type="text").attrs["value"] == "۱۳۸۷/۱۲/۲۹"
    typed = get_page(client, "/?from=۱۳۸۷/۰۱/۰۱&to=۱۳۸۷/۱۲/۲۹")
    assert total_of(typed) == total_of(get_page(client, "/?year=1387")) == total_of(page)
    assert len(typed.find("a", "chip--active")) == 2


def test_every_notice_of_the_search_layer_has_its_persian_sentence():
    from search.core.notices import ENGLISH
    from web.wording import PERSIAN

    assert set(PERSIAN) == set(ENGLISH)


def test_the_page_words_notices_in_persian(client):
    html = client.get("/", query_string={"q": '"لبنان'}).get_data(as_text=True)
    assert "گیومهٔ بی‌جفت نادیده گرفته شد." in html and "unbalanced" not in html


def test_every_facet_of_the_core_is_on_the_page_with_a_heading():
    from search.core.facets import BY_NAME
    from web.view import FACETS, PAGE_ORDER
    from web.wording import FACET_HEADINGS

    assert set(PAGE_ORDER) == set(BY_NAME) == set(FACET_HEADINGS)
    assert [param for _, param, _ in FACETS] == [BY_NAME[n].param for n in PAGE_ORDER]
