"""The research endpoints and pages through Flask's test client: /api/timeline, /api/comentions, /api/export,
/api/entity, /compare, the entity pages, and the search page's chart, co-mentions, export links and facets."""

import csv
import io
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from web_html import Page

from web import create_app

IRAN, SYRIA, LEBANON = quote("ایران"), quote("سوریه"), quote("لبنان")
LARIJANI = quote("علی لاریجانی")


@pytest.fixture(scope="module")
def engine(app):
    """The engine the app searches with."""
    from web import engine_for

    return engine_for(app)


def ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response


def refused(client, url, param, status=400):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    error = response.get_json()["error"]
    assert error["message"] and error.get("param") == param
    return error["message"]


def page_of(client, url) -> Page:
    return Page(ok(client, url).get_data(as_text=True))


def params_of(href):
    return parse_qs(urlsplit(href).query)


# -- /api/timeline ----------------------------------------------------------------------------------------------

def test_timeline_api_is_the_engine_timeline(client, engine):
    got = ok(client, f"/api/timeline?q={IRAN}&q={SYRIA}&interval=year&normalize=1").get_json()
    expected = engine.timeline(["ایران", "سوریه"], interval="year", normalize=True)
    for key in ("interval", "calendar", "periods", "archive"):
        assert got[key] == expected[key]
    assert [s["counts"] for s in got["series"]] == [s["counts"] for s in expected["series"]]
    assert [s["total"] for s in got["series"]] == [engine.search(q)["total"] for q in ("ایران", "سوریه")]


@pytest.mark.parametrize("url,param", [
    ("/api/timeline?q=a&q=b&q=c&q=d&q=e", "q"), (f"/api/timeline?q={IRAN}&interval=day", "interval"),
    (f"/api/timeline?q={IRAN}&interval=fortnight", "interval"), (f"/api/timeline?q={IRAN}&calendar=hebrew", "calendar"),
    (f"/api/timeline?q={IRAN}&normalize=perhaps", "normalize"), (f"/api/timeline?q={IRAN}&page=2", "page"),
    (f"/api/timeline?q={IRAN}&from=tomorrow", "from"), (f"/api/timeline?q={IRAN}&interval=a&interval=b", "interval"),
])
def test_timeline_api_refuses_what_it_cannot_serve(client, url, param):
    refused(client, url, param)


def test_too_many_periods_says_how_many(client):
    message = refused(client, f"/api/timeline?q={IRAN}&interval=day", "interval")
    assert "at most 5000" in message and "longer interval" in message


# -- /api/comentions, /api/entity -------------------------------------------------------------------------------

def test_comentions_api_bounds_its_lists(client, engine):
    got = ok(client, f"/api/comentions?q={IRAN}&limit=2&min_count=1").get_json()
    assert len(got["person"]["frequent"]) == 2 and got["total"] == engine.search("ایران")["total"]
    assert got["person"] == engine.comentions("ایران", limit=2, min_count=1)["person"]
    refused(client, "/api/comentions?limit=51", "limit")
    refused(client, "/api/comentions?min_count=0", "min_count")


def test_entity_api(client, engine):
    assert ok(client, f"/api/entity/person/{LARIJANI}").get_json()["total"] == engine.entity("person", "علی لاریجانی")["total"]
    assert ok(client, "/api/entity/country/sy").get_json()["key"] == "SY"
    assert client.get("/api/entity/country/ZZ").status_code == 404
    assert client.get("/api/entity/planet/SY").status_code == 404
    refused(client, "/api/entity/country/SY?x=1", "x")


# -- /api/export -------------------------------------------------------------------------------------------------

def test_csv_export_streams_every_match_as_an_attachment(client, engine):
    response = ok(client, f"/api/export?q={IRAN}")
    result = engine.search("ایران", per_page=1000, facets=False)
    assert response.mimetype == "text/csv" and response.is_streamed
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Total-Count"] == response.headers["X-Export-Rows"] == str(result["total"])
    data = response.get_data()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [h["id"] for h in result["hits"]]
    assert rows[0]["title"] == result["hits"][0]["title"]  # Persian intact


def test_export_is_bounded_by_the_setting(demo_index):
    client = create_app({"INDEX_DIR": demo_index, "TESTING": True, "EXPORT_MAX_ROWS": 3}).test_client()
    response = ok(client, f"/api/export?q={IRAN}&format=jsonl")
    assert len(response.get_data(as_text=True).splitlines()) == 3
    assert response.headers["X-Export-Truncated"] == "true" and response.headers["X-Export-Rows"] == "3"
    refused(client, f"/api/export?q={IRAN}&limit=4", "limit")
    assert "۳ نتیجهٔ نخست" in page_of(client, f"/?q={IRAN}").one("p", "export").text


@pytest.mark.parametrize("url,param", [("/api/export?format=xlsx", "format"), ("/api/export?limit=0", "limit"),
                                       ("/api/export?per_page=5", "per_page"), ("/api/export?sort=best", "sort")])
def test_export_refuses_bad_parameters(client, url, param):
    refused(client, url, param)


# -- the search page ---------------------------------------------------------------------------------------------

def test_search_page_chart_bars_sum_to_the_total_and_filter_to_their_period(client):
    page = page_of(client, f"/?q={IRAN}")
    total = int(page.one("strong", "total").attrs["data-total"])
    bars = page.find("a", "chart__link")
    assert sum(int(b.attrs["data-count"]) for b in bars) == total  # every demo article is dated
    bar = next(b for b in bars if 0 < int(b.attrs["data-count"]) < total)
    params = params_of(bar.attrs["href"])
    assert params["from"] == [bar.attrs["data-start"]] and params["to"] == [bar.attrs["data-end"]]
    narrowed = page_of(client, bar.attrs["href"])
    assert int(narrowed.one("strong", "total").attrs["data-total"]) == int(bar.attrs["data-count"])
    assert page.one("svg", "chart__svg").attrs["aria-hidden"] == "true"
    assert len(page.find("table", "data-table")[0].text) and len(page.find("details", "chart__table")) == 1


def test_chart_interval_links_keep_the_search(client):
    page = page_of(client, f"/?q={IRAN}")
    links = {a.text: a.attrs["href"] for a in page.find("a", "chart-controls__link")}
    month = page_of(client, links["ماه"])
    assert month.one("figure", "chart").attrs["data-interval"] == "month"
    assert params_of(links["ماه"])["q"] == ["ایران"]
    assert page_of(client, links["میلادی"]).one("figure", "chart").attrs["data-calendar"] == "gregorian"


def test_an_interval_with_too_many_bars_falls_back_with_a_notice(client):
    page = page_of(client, f"/?q={IRAN}&interval=day")
    assert page.one("figure", "chart").attrs["data-interval"] == "year"
    assert any("ستون" in p.text for p in page.find("p", "notice"))


def test_search_page_co_mentions_link_entity_pages(client):
    page = page_of(client, f"/?q={IRAN}")
    section = [s for s in page.find("section", "comentions__kind") if s.attrs["data-kind"] == "person"][0]
    assert section
    entity_links = [a.attrs["href"] for a in page.find("a") if a.attrs.get("href", "").startswith("/person/")]
    assert entity_links
    assert client.get(entity_links[0]).status_code == 200


def test_every_chip_links_its_entity_page(client):
    page = page_of(client, f"/?q={IRAN}")
    pages = page.find("a", "chip__page")
    chips = page.find("a", "chip--person") + page.find("a", "chip--country")
    assert len(pages) == len(chips) > 0
    for link in pages[:5]:
        assert client.get(link.attrs["href"]).status_code == 200
    article = page_of(client, "/article/demo-001")
    assert len(article.find("a", "chip__page")) == len(article.find("a", "chip--person") + article.find("a", "chip--country"))


def test_export_links_carry_the_search(client):
    page = page_of(client, f"/?q={IRAN}&country=IR&page=2")
    links = {a.attrs["data-format"]: a.attrs["href"] for a in page.find("a") if "data-format" in a.attrs}
    assert set(links) == {"csv", "jsonl"}
    assert params_of(links["csv"]) == {"q": ["ایران"], "country": ["IR"], "format": ["csv"]}
    assert "download" in page.find("a", "button--quiet")[0].attrs


def test_years_are_chronological_and_all_visible(client, articles):
    page = page_of(client, "/")
    years = [params_of(a.attrs["href"])["year"][0] for a in page.find("a", "facet__item")
             if "year" in params_of(a.attrs["href"])]
    assert years == sorted({a["year_jalali"] for a in articles.values() if a["year_jalali"]})
    for section in page.find("section", "facet"):
        if section.attrs.get("data-facet") in ("year_jalali", "year_gregorian"):
            assert "بیشتر" not in section.text


@pytest.mark.parametrize("param,field", [("source", "source"), ("year_gregorian", "year")])
def test_source_and_gregorian_year_facets_filter(client, articles, param, field):
    page = page_of(client, "/")
    item = next(a for a in page.find("a", "facet__item") if param in params_of(a.attrs["href"]))
    value = params_of(item.attrs["href"])[param][0]
    narrowed = page_of(client, item.attrs["href"])
    assert int(narrowed.one("strong", "total").attrs["data-total"]) == \
        sum(1 for a in articles.values() if a[field] == value)
    label = value if param == "source" else value.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert [c for c in narrowed.find("a", "chip--active") if label in c.text]


# -- /compare and the entity pages -------------------------------------------------------------------------------

def test_compare_page_legend_and_table(client, engine):
    page = page_of(client, f"/compare?q={IRAN}&q={SYRIA}&q={LEBANON}&interval=year")
    totals = [int(t.text.split()[0].translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")).replace("\u066c", ""))
              for t in page.find("span", "legend__total")]
    assert totals == [engine.search(q)["total"] for q in ("ایران", "سوریه", "لبنان")]
    assert len(page.find("polyline")) == 3
    rows = page.find("tr")[1:]
    assert len(rows) == len(engine.timeline(["ایران", "سوریه", "لبنان"], interval="year")["periods"])
    assert [i.attrs.get("value") for i in page.find("input") if i.attrs.get("name") == "q"
            and "search-form__input" not in i.classes] == \
        ["ایران", "سوریه", "لبنان", ""]


def test_compare_page_refuses_five_queries_and_starts_empty(client):
    assert client.get("/compare?q=a&q=b&q=c&q=d&q=e").status_code == 400
    page = page_of(client, "/compare")
    assert not page.find("polyline") and page.find("form", "compare-form")


def test_entity_pages(client, engine):
    page = page_of(client, f"/person/{LARIJANI}")
    data = engine.entity("person", "علی لاریجانی")
    assert int(page.one("strong", "total").attrs["data-total"]) == data["total"]
    assert [a.text for a in page.find("h3", "hit__title")] == [h["title"] for h in data["latest"]]
    items = page.find("li", "variants__item")
    assert len(items) == len(data["variants"]) >= 2
    assert all(li.text.strip().startswith(v["form"] + " ") for li, v in zip(items, data["variants"]))
    assert page.find("figure", "chart")
    assert client.get("/person/" + quote("کسی که نیست")).status_code == 404
    assert client.get("/country/sy").status_code == 200
    assert client.get("/country/ZZ").status_code == 404


def test_an_archive_without_articles_answers_every_research_url(tmp_path):
    from indexer.build import index_archives

    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    index_archives([str(empty)], str(tmp_path / "ix"), jobs=0, report=lambda m: None)
    client = create_app({"INDEX_DIR": str(tmp_path / "ix"), "TESTING": True}).test_client()
    for url in ("/", "/?q=x", "/compare?q=a&q=b", "/api/timeline?q=x&normalize=1", "/api/comentions?q=x",
                "/api/export?q=x"):
        assert client.get(url).status_code == 200, url
    assert client.get("/api/timeline?q=x").get_json()["periods"] == []
    assert client.get("/api/export?q=x").get_data() == "\ufeff".encode() + b"id,date,date_jalali,title,url,source," \
        b"persons,countries,country_names,snippet\r\n"
    for url in ("/person/x", "/country/IR", "/api/entity/person/x"):
        assert client.get(url).status_code == 404, url


def _timeline(counts, shares=None):
    periods = [{"key": str(1385 + i), "label": str(1385 + i), "start": f"{2006 + i}-03-21",
                "end": f"{2007 + i}-03-20"} for i in range(len(counts))]
    series = {"query": "q", "total": sum(counts), "counts": counts, **({"shares": shares} if shares else {})}
    return {"periods": periods, "series": [series], "normalized": bool(shares)}


@pytest.mark.parametrize("counts, ticks", [([1, 3, 0], ["۰", "۳"]), ([2, 4], ["۰", "۲", "۴"]),
                                           ([1], ["۰", "۱"])])
def test_count_axis_ticks_are_whole_articles(counts, ticks):
    from web import chart

    assert [t["text"] for t in chart.bars(_timeline(counts), lambda p: "#")["ticks"]] == ticks
    assert [t["text"] for t in chart.lines(_timeline(counts))["ticks"]] == ticks


def test_share_axis_keeps_its_middle_tick():
    from web import chart

    ticks = chart.bars(_timeline([1, 3], shares=[0.01, 0.03]), lambda p: "#")["ticks"]
    assert [t["text"] for t in ticks] == ["۰٪", "۱٫۵٪", "۳٪"]


def test_entity_page_links_beside_chips_are_drawn_not_a_font_glyph(client):
    page = page_of(client, f"/?q={IRAN}")
    links = page.find("a", "chip__page")
    assert links
    for link in links:
        # the only text is for screen readers; the icon is an SVG (ⓘ showed as a missing-glyph box in Chromium)
        assert link.text.strip() == link.attrs["title"] and link.text.startswith("صفحهٔ")
    assert len(page.find("svg", "chip__icon")) == len(links)
