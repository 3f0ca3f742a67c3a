"""The coverage chart, the export button and accessibility in headless Chromium against ``bayegan serve``.

axe-core (npm, pinned in tests/web/package.json, installed by ``make test`` with ``npm ci``) is injected into each
page and must find no WCAG 2 A or AA violation on the search, article, entity and compare pages.
"""

import csv
import io
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from browser_setup import needs_chromium

pytestmark = [needs_chromium]

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
GREGORIAN_MONTHS = ("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر",
                    "دسامبر")
IRAN = quote("ایران")


def total(page) -> int:
    return int(page.get_attribute("strong.total", "data-total"))


def test_the_chart_runs_right_to_left_with_gregorian_dates_on_hover(page, live_server):
    page.goto(f"{live_server}/?q={IRAN}")
    bars = page.locator("figure.chart a.chart__link")
    assert bars.count() > 10
    keys = [bars.nth(i).get_attribute("data-key") for i in range(bars.count())]
    assert keys == sorted(keys)  # the document lists periods oldest first ...
    oldest = bars.first.locator("rect.chart__hit").bounding_box()
    newest = bars.last.locator("rect.chart__hit").bounding_box()
    assert oldest["x"] > newest["x"] + newest["width"] - 1  # ... and the oldest is drawn at the right
    counts = [int(bars.nth(i).get_attribute("data-count")) for i in range(bars.count())]
    assert sum(counts) == total(page)
    tooltip = bars.first.locator("title").text_content()
    assert any(month in tooltip for month in GREGORIAN_MONTHS)
    label = page.locator("figure.chart text.chart__label").first.text_content()
    assert label and all(not c.isascii() or c == " " for c in label)  # Persian digits
    assert page.console_errors == []


def test_a_click_on_a_month_filters_the_results(page, live_server):
    # A year of the demo archive: the automatic interval is months.
    page.goto(f"{live_server}/?q={IRAN}&from=1387/01/01&to=1387/12/30")
    assert page.get_attribute("figure.chart", "data-interval") == "month"
    before = total(page)
    bars = page.locator("figure.chart a.chart__link")
    month = next(bars.nth(i) for i in range(bars.count()) if 0 < int(bars.nth(i).get_attribute("data-count")) < before)
    expected, start, end = (month.get_attribute(a) for a in ("data-count", "data-start", "data-end"))
    with page.expect_navigation():
        month.click()
    params = parse_qs(urlsplit(page.url).query)
    assert params["from"] == [start] and params["to"] == [end]
    assert total(page) == int(expected) < before
    assert len(page.locator(".hit__title a").all()) == min(int(expected), 10)
    assert page.console_errors == []


def test_the_export_button_downloads_every_match(page, live_server, tmp_path):
    page.goto(f"{live_server}/?q={IRAN}")
    expected = total(page)
    assert expected > 10  # more than the page shows
    with page.expect_download() as download:
        page.click(".export a[data-format=csv]")
    path = tmp_path / "export.csv"
    download.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == expected and any("ایران" in r["title"] or "ايران" in r["title"] for r in rows)
    assert download.value.suggested_filename.endswith(".csv")
    assert page.console_errors == []


def test_the_compare_page_draws_a_line_per_query(page, live_server):
    page.goto(f"{live_server}/compare?q={IRAN}&q={quote('سوریه')}&interval=year")
    assert page.locator("polyline.chart__line").count() == 2
    assert page.locator(".legend__item").count() == 2
    periods = page.locator("circle.chart__point--0").count()
    assert periods > 10 and page.locator("circle.chart__point--1").count() == periods
    assert page.locator("table.data-table tbody tr").count() == periods
    assert page.console_errors == []


PAGES = ["/?q=" + IRAN, "/article/demo-001?q=" + IRAN, "/person/" + quote("علی لاریجانی"), "/country/SY",
         f"/compare?q={IRAN}&q={quote('سوریه')}&q={quote('لبنان')}&interval=year", "/api/docs"]


@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_a_or_aa_violation(page, live_server, path):
    if not AXE.exists():
        pytest.skip(f"{AXE} is missing: run 'npm ci' in tests/web (make test does)")
    page.goto(live_server + path)
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")  # evaluated by the browser, not the page's CSP
    result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', "
                           "'wcag21aa']}})")
    problems = [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]]
    assert problems == []
    assert result["passes"]  # axe really ran its rules
    assert page.console_errors == []
