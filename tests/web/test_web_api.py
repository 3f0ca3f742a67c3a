"""The JSON API: every parameter, every error, on the demo index."""

from pathlib import Path

import pytest

from web import create_app


def ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def error(client, url, status=400):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()["error"]
    assert body["status"] == status and body["message"]
    return body


# -- /api/search: the result object ----------------------------------------------------------------------------

def test_search_returns_the_search_layer_object(client):
    result = ok(client, "/api/search?q=ایران")
    for key in ("query", "total", "page", "per_page", "took_ms", "hits", "facets", "did_you_mean", "filters"):
        assert key in result
    hit = result["hits"][0]
    for key in ("id", "score", "title", "date", "date_jalali", "url", "source", "snippet", "persons", "countries"):
        assert key in hit
    assert set(result["facets"]) == {"person", "country", "year_jalali", "month_jalali", "source", "year_gregorian"}


def test_search_query_is_echoed(client):
    assert ok(client, "/api/search?q=لاریجانی")["query"] == "لاریجانی"


def test_dates_in_json_are_iso(client):
    for hit in ok(client, "/api/search?q=ایران")["hits"]:
        assert len(hit["date"]) == 10 and hit["date"][4] == "-" and hit["date"].isascii()


def test_json_keeps_persian_readable(client):
    assert "ایران".encode() in client.get("/api/search?q=ایران").data


def test_empty_query_lists_all_articles(client):
    demo = Path(__file__).resolve().parents[2] / "examples" / "demo" / "news.jsonl"
    articles = sum(1 for line in demo.read_text(encoding="utf-8").splitlines() if line.strip())
    assert ok(client, "/api/search")["total"] == articles


def test_per_page_limits_hits(client):
    result = ok(client, "/api/search?q=ایران&per_page=3")
    assert len(result["hits"]) == 3 and result["per_page"] == 3


def test_per_page_of_100_is_allowed(client):
    result = ok(client, "/api/search?per_page=100")
    assert len(result["hits"]) == result["total"]


def test_page_two_continues_page_one(client):
    one = ok(client, "/api/search?q=ایران&per_page=5")
    two = ok(client, "/api/search?q=ایران&per_page=5&page=2")
    assert two["page"] == 2 and two["total"] == one["total"]
    assert not {h["id"] for h in one["hits"]} & {h["id"] for h in two["hits"]}


def test_page_past_the_end_is_empty_not_an_error(client):
    result = ok(client, "/api/search?q=لاریجانی&page=100")
    assert result["hits"] == [] and result["total"] > 0


@pytest.mark.parametrize("sort, reverse", [("newest", True), ("oldest", False)])
def test_sort_by_date(client, sort, reverse):
    dates = [h["date"] for h in ok(client, f"/api/search?q=ایران&sort={sort}&per_page=50")["hits"] if h["date"]]
    assert dates == sorted(dates, reverse=reverse)


def test_sort_relevance_orders_by_score(client):
    scores = [h["score"] for h in ok(client, "/api/search?q=لاریجانی&sort=relevance")["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_year_filter(client):
    result = ok(client, "/api/search?year=1387&per_page=100")
    assert result["hits"] and all(h["date_jalali"].endswith("۱۳۸۷") for h in result["hits"])


def test_year_in_persian_digits_is_accepted(client):
    assert ok(client, "/api/search?year=۱۳۸۷")["total"] == ok(client, "/api/search?year=1387")["total"]


def test_two_years_are_or(client):
    both = ok(client, "/api/search?year=1387&year=1388")["total"]
    assert both == ok(client, "/api/search?year=1387")["total"] + ok(client, "/api/search?year=1388")["total"]


def test_month_filter(client):
    month = ok(client, "/api/search?year=1387")["facets"]["month_jalali"]["buckets"][0]
    result = ok(client, f"/api/search?month={month['value']}&per_page=100")
    assert result["total"] == month["count"]
    assert all(h["date_jalali"].endswith(month["label"]) for h in result["hits"])


def test_from_to_range_in_jalali_and_iso_agree(client):
    jalali = ok(client, "/api/search?from=1387/01/01&to=1387/12/29")
    iso = ok(client, "/api/search?from=2008-03-20&to=2009-03-19")
    assert jalali["total"] == iso["total"] == ok(client, "/api/search?year=1387")["total"]


def test_from_alone_keeps_later_articles(client):
    hits = ok(client, "/api/search?from=2015-01-01&per_page=100")["hits"]
    assert hits and all(h["date"] >= "2015-01-01" for h in hits)


def test_person_filter(client):
    persons = ok(client, "/api/facets/person")["values"]
    assert persons, "the demo corpus names persons: entity extraction found none"
    person = persons[0]
    assert ok(client, "/api/search?person=" + person["value"])["total"] == person["count"]


def test_country_filter_by_code_and_by_name(client):
    countries = ok(client, "/api/facets/country")["values"]
    assert countries, "the demo corpus names countries: entity extraction found none"
    country = countries[0]
    assert ok(client, "/api/search?country=" + country["value"])["total"] == country["count"]
    assert ok(client, "/api/search?country=" + country["value"].lower())["total"] == country["count"]
    assert ok(client, "/api/search?country=" + country["label"])["total"] == country["count"]


def test_a_known_country_code_without_articles_is_an_empty_result(client):
    assert ok(client, "/api/search?country=FJ")["total"] == 0


def test_filters_are_reported_back(client):
    assert ok(client, "/api/search?year=1387")["filters"]["year_jalali"] == ["1387"]


# -- /api/search: errors ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, param", [
    ("page=0", "page"), ("page=-1", "page"), ("page=abc", "page"), ("page=1.5", "page"), ("page=99999999", "page"),
    ("per_page=0", "per_page"), ("per_page=101", "per_page"), ("per_page=ten", "per_page"),
    ("sort=random", "sort"), ("year=87", "year"), ("year=2009", "year"), ("year=abcd", "year"),
    ("month=1387-13", "month"), ("month=1387", "month"), ("from=yesterday", "from"), ("to=1387/13/40", "to"),
    ("country=Atlantis", "country"), ("country=ZZ", "country"), ("country=UK", "country"), ("colour=red", "colour"), ("q=a&q=b", "q"),
])
def test_bad_parameters_are_400_with_a_message(client, query, param):
    assert error(client, "/api/search?" + query)["param"] == param


def test_reversed_date_range_is_400(client):
    assert "after" in error(client, "/api/search?from=2010-01-01&to=2009-01-01")["message"]


def test_oversize_query_is_400(app, client):
    body = error(client, "/api/search?q=" + "ب" * (app.config["MAX_QUERY_LENGTH"] + 1))
    assert body["param"] == "q" and "too long" in body["message"]


def test_too_many_filter_values_is_400(app, client):
    many = "&".join(f"person=p{i}" for i in range(app.config["MAX_FILTER_VALUES"] + 1))
    assert error(client, "/api/search?" + many)["param"] == "person"


def test_oversize_filter_value_is_400(app, client):
    assert error(client, "/api/search?person=" + "x" * (app.config["MAX_PARAM_LENGTH"] + 1))["param"] == "person"


@pytest.mark.parametrize("q", [
    '"unbalanced', "-", "OR", "*", "***", "ا" * 500, "\u202e\u200fایران\u202c", "date:1387/13/40", "date:abc",
    "country:", "person:", "(((", ")", "a OR OR b", "<script>alert(1)</script>", "%00", "\x00", "~", "لاری*",
])
def test_hostile_queries_never_fail(client, q):
    response = client.get("/api/search", query_string={"q": q})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert isinstance(response.get_json()["hits"], list)


def test_post_is_405_json(client):
    response = client.post("/api/search")
    assert response.status_code == 405 and response.get_json()["error"]["status"] == 405
    assert "GET" in response.headers["Allow"]


def test_unknown_api_path_is_404_json(client):
    error(client, "/api/nothing", status=404)


# -- /api/articles and /api/facets -------------------------------------------------------------------------------

def test_article_by_id(client):
    hit = ok(client, "/api/search?q=لاریجانی")["hits"][0]
    article = ok(client, f"/api/articles/{hit['id']}")
    assert article["id"] == hit["id"] and article["title"] == hit["title"] and article["body"]


def test_unknown_article_is_404_json(client):
    assert "no-such" in error(client, "/api/articles/no-such-article", status=404)["message"]


def test_overlong_article_id_is_404(client):
    error(client, "/api/articles/" + "x" * 300, status=404)


def test_article_rejects_parameters(client):
    error(client, "/api/articles/demo-001?format=xml")


def test_facet_values_with_counts(client):
    values = ok(client, "/api/facets/year_jalali")["values"]
    assert values and all(v["count"] > 0 for v in values)
    for value in values[:3]:
        assert ok(client, "/api/search?year=" + value["value"])["total"] == value["count"]


def test_facet_alias_year_is_year_jalali(client):
    assert ok(client, "/api/facets/year") == ok(client, "/api/facets/year_jalali")


def test_facet_prefix_narrows_values(client):
    values = ok(client, "/api/facets/year?prefix=138")["values"]
    assert values and all(v["value"].startswith("138") for v in values)
    assert len(values) < len(ok(client, "/api/facets/year")["values"])


def test_unknown_facet_is_404(client):
    assert "person" in error(client, "/api/facets/colour", status=404)["message"]


def test_oversize_prefix_is_400(app, client):
    error(client, "/api/facets/person?prefix=" + "x" * (app.config["MAX_PARAM_LENGTH"] + 1))


def test_facets_reject_unknown_parameters(client):
    assert error(client, "/api/facets/person?size=5")["param"] == "size"


def test_facets_reject_a_repeated_prefix(client):
    # Like /api/search: a repeated single-value parameter is refused, not silently cut to its first value.
    assert error(client, "/api/facets/year?prefix=138&prefix=139")["param"] == "prefix"


# -- CORS ------------------------------------------------------------------------------------------------------

def test_cors_is_off_by_default(client):
    response = client.get("/api/search", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_allows_configured_origin_only(demo_index):
    client = create_app({"INDEX_DIR": demo_index, "CORS_ORIGINS": "https://newsroom.example"}).test_client()
    allowed = client.get("/api/search", headers={"Origin": "https://newsroom.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://newsroom.example"
    other = client.get("/api/search", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    # Every API answer varies by Origin, also those that allow nothing, so shared caches keep them apart.
    for response in (allowed, other, client.get("/api/search")):
        assert "Origin" in response.headers.get("Vary", "")


def test_cors_never_applies_to_pages(demo_index):
    client = create_app({"INDEX_DIR": demo_index, "CORS_ORIGINS": "*"}).test_client()
    assert client.get("/api/search").headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/").headers


# -- a missing index --------------------------------------------------------------------------------------------

def test_missing_index_is_503_not_500(tmp_path):
    client = create_app({"INDEX_DIR": str(tmp_path / "none")}).test_client()
    message = error(client, "/api/search?q=ایران", status=503)["message"]
    assert message == "the search index is not available: none has been built yet"
    page = client.get("/")
    assert page.status_code == 503 and str(tmp_path) not in page.get_data(as_text=True)


def test_facets_none_skips_the_counts_but_not_the_hits(client):
    full = ok(client, "/api/search?q=ایران&per_page=3")
    bare = ok(client, "/api/search?q=ایران&per_page=3&facets=none")
    assert bare["facets"] == {} and full["facets"]["country"]["buckets"]
    assert [h["id"] for h in bare["hits"]] == [h["id"] for h in full["hits"]] and bare["total"] == full["total"]
    bad = client.get("/api/search?q=ایران&facets=some")
    assert bad.status_code == 400 and bad.get_json()["error"]["param"] == "facets"


def test_status_names_the_index_and_whether_it_is_warm(client, demo_index):
    status = ok(client, "/api/status")
    assert status["articles"] == 50 and status["shards"] == 1 and isinstance(status["warm"], bool)
    assert status["generation"] and client.get("/api/status?x=1").status_code == 400


def test_filter_values_are_bounded_in_all_not_only_per_kind(client):
    people = "&".join(f"person=p{i}" for i in range(16))
    countries = "&".join(f"country={c}" for c in ("IR", "IQ", "SY", "LB", "TR", "US", "RU", "CN", "FR", "DE",
                                                  "GB", "IT", "ES", "EG", "SA", "AE"))
    response = client.get(f"/api/search?q=ایران&{people}&{countries}")
    assert response.status_code == 400 and "in all" in response.get_json()["error"]["message"]


def test_a_heavy_search_waits_for_its_turn_and_is_refused_when_none_comes(app, client):
    from web.admission import cost
    from web.params import SearchRequest

    heavy = "نف* ایر* سور* لبن* تهر*"
    assert cost(SearchRequest(q=heavy)) >= app.config["HEAVY_COST"] > cost(SearchRequest(q="ایران"))
    gate = app.extensions["bayegan_admission"]
    gate.wait = 0.05
    assert gate.slots.acquire(timeout=1)  # another heavy search is running
    try:
        refused = client.get("/api/search", query_string={"q": heavy})
        assert refused.status_code == 503 and refused.headers["Retry-After"] == "5"
        assert client.get("/api/search", query_string={"q": "ایران"}).status_code == 200  # cheap: never waits
    finally:
        gate.slots.release()
    assert client.get("/api/search", query_string={"q": heavy}).status_code == 200


HEAVY = "نف* ایر* سور* لبن* تهر*"


@pytest.mark.parametrize("url", [
    "/?q=" + HEAVY,                                      # the page: search, timeline, co-mentions, HTML
    "/api/export?q=ایران",                               # every match (up to 100,000 rows)
    "/api/timeline?q=" + HEAVY + "&q=دولت*",
    "/compare?q=" + HEAVY + "&q=دولت*",
    "/api/comentions?q=" + HEAVY,
])
def test_every_expensive_endpoint_takes_a_turn_not_only_the_search_api(app, client, url):
    # bench/load.sh hostile: the page, exports, timelines and co-mentions of heavy queries ran beside the slot,
    # so 4 clients of them took the server from every cheap request.
    gate = app.extensions["bayegan_admission"]
    gate.wait = 0.05
    assert gate.slots.acquire(timeout=1)
    try:
        refused = client.get(url)
        assert refused.status_code == 503 and refused.headers["Retry-After"] == "5", url
        for cheap in ("/?q=ایران", "/api/export?q=ایران&limit=10", "/api/timeline?q=ایران", "/compare?q=ایران",
                      "/api/comentions?q=ایران"):
            assert client.get(cheap).status_code == 200, cheap
    finally:
        gate.slots.release()
    response = client.get(url)
    assert response.status_code == 200
    response.get_data()
    response.close()
    assert gate.slots.acquire(timeout=0.5), "the slot was not given back"
    gate.slots.release()


def test_a_streamed_export_holds_its_turn_until_it_is_sent_or_closed(app):
    gate = app.extensions["bayegan_admission"]
    gate.wait = 0.05
    client = app.test_client()
    response = client.get("/api/export?q=ایران", buffered=False)
    assert response.status_code == 200
    assert not gate.slots.acquire(timeout=0.05), "an export streams outside its turn"
    response.close()  # the client went away before reading a row
    assert gate.slots.acquire(timeout=0.5), "a closed export kept its turn"
    gate.slots.release()
    whole = client.get("/api/export?q=ایران")
    assert whole.status_code == 200 and whole.get_data().count(b"\n") > 1
    assert gate.slots.acquire(timeout=0.5)
    gate.slots.release()


def test_the_api_returns_notice_codes_with_ascii_keys_and_english_messages(client):
    result = ok(client, "/api/search?q=" + "%22" + "لبنان")
    assert result["notices"] == [{"code": "unbalanced_quote", "params": {}}]
    assert result["messages"] == ["an unbalanced quotation mark was ignored"]


def test_facet_values_are_bounded_most_frequent_first_with_the_total(client):
    everything = ok(client, "/api/facets/person?limit=1000")
    assert everything["total"] == len(everything["values"]) > 3
    first = ok(client, "/api/facets/person?limit=3")
    assert first["total"] == everything["total"] and first["values"] == everything["values"][:3]
    counts = [v["count"] for v in everything["values"]]
    assert counts == sorted(counts, reverse=True)
    assert len(ok(client, "/api/facets/person")["values"]) == min(100, everything["total"])
    for bad in ("0", "1001", "x"):
        assert "limit" in error(client, f"/api/facets/person?limit={bad}")["message"]
