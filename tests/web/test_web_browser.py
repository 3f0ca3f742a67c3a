"""The page in a real browser: Debian's headless Chromium driven by Playwright against ``bayegan serve``.

Playwright's own browser downloads are not used (``playwright install`` needs a network we do not have); the test
starts /usr/bin/chromium itself and is skipped, saying why, only where that browser or the playwright package is
missing. ``make test`` installs both where it can.
"""

import shutil

from browser_setup import needs_chromium

SHARED_SCREENSHOT = "/tmp/bayegan-screenshot.png"  # a copy for people to look at after the run

pytestmark = [needs_chromium]


def total(page) -> int:
    return int(page.get_attribute("strong.total", "data-total"))


def titles(page) -> list[str]:
    return page.locator(".hit__title a").all_inner_texts()


def test_search_facet_and_article_in_chromium(page, live_server, tmp_path):
    page.goto(live_server + "/")
    page.fill(".search-form__input", "ایران")
    with page.expect_navigation():
        page.press(".search-form__input", "Enter")

    # Results, laid out right to left: the facet sidebar sits to the right of the results.
    assert "q=" in page.url and len(titles(page)) > 0
    assert page.eval_on_selector("body", "el => getComputedStyle(el).direction") == "rtl"
    assert page.eval_on_selector(".hit__snippet", "el => getComputedStyle(el).direction") == "rtl"
    sidebar, results = page.locator(".sidebar").bounding_box(), page.locator(".results").bounding_box()
    assert sidebar["x"] > results["x"] + results["width"] - 1
    assert page.locator(".hit__snippet mark").count() > 0
    before_total, before_titles = total(page), titles(page)

    # A country facet value that narrows the results: click it, the total becomes its count.
    items = page.locator("section.facet[data-facet=country] a.facet__item")
    assert items.count() > 0
    target = None
    for i in range(items.count()):
        count_text = items.nth(i).locator(".facet__count").inner_text()
        count = int(count_text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")).replace("\u066c", ""))
        if count < before_total:
            target, expected = items.nth(i), count
            break
    assert target is not None, "no country narrows the results"
    label = target.locator(".facet__label").inner_text()
    with page.expect_navigation():
        target.click()
    assert total(page) == expected < before_total
    assert titles(page) != before_titles
    assert label in page.locator(".active-filters").inner_text()
    assert page.locator("section.facet[data-facet=country] a.facet__item--selected").count() == 1
    page.screenshot(path=str(tmp_path / "results.png"), full_page=True)
    shutil.copyfile(tmp_path / "results.png", SHARED_SCREENSHOT)

    # The article page: its title, its text with the query marked.
    first_title = titles(page)[0]
    with page.expect_navigation():
        page.locator(".hit__title a").first.click()
    assert "/article/" in page.url
    assert page.locator("h1.article__title").inner_text() == first_title
    assert page.locator(".article__body p").count() > 0
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)

    assert (tmp_path / "results.png").stat().st_size > 10_000
    assert page.console_errors == []  # no script errors, no Content-Security-Policy violations


def test_page_fits_a_phone_screen(browser, live_server, tmp_path):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(live_server + "/?q=%D8%A7%DB%8C%D8%B1%D8%A7%D9%86")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        search_box = page.locator(".search-form__input").bounding_box()
        assert search_box["width"] > 150  # the search box gets the width, not squeezed beside the brand
        page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    finally:
        context.close()


def test_facet_filter_box_narrows_a_long_list(page, live_server):
    page.goto(live_server + "/?q=%D8%A7%DB%8C%D8%B1%D8%A7%D9%86")
    facet = page.locator("section.facet[data-facet=country]")
    folded = facet.locator("details.facet__more .facet__label")
    assert folded.count() > 0 and not folded.first.is_visible()  # "more" is closed
    wanted = folded.first.text_content()  # (inner_text is empty while hidden)
    facet.locator(".facet__search").fill(wanted)
    visible = [label for label in facet.locator(".facet__label").all() if label.is_visible()]
    assert [label.inner_text() for label in visible] == [wanted]
    assert page.console_errors == []


def test_search_and_facets_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server + "/")
        page.fill(".search-form__input", "ایران")
        with page.expect_navigation():
            page.click(".search-form__button")
        before = total(page)
        page.locator("details.facet__more summary").first.click()  # "more" opens without JS
        assert page.locator("details.facet__more[open]").count() == 1
        year = page.locator("section.facet[data-facet=year_jalali] a.facet__item").first
        with page.expect_navigation():
            year.click()
        assert 0 < total(page) < before
    finally:
        context.close()
