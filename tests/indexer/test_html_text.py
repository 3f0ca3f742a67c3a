"""HTML to text: markup, scripts and styles go; paragraphs, title, URL and date are kept."""

from indexer.html_text import html_to_text

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title> تیتر   خبر </title>
<link rel="canonical" href="https://example.com/n/1">
<meta property="article:published_time" content="2009-01-10T08:00:00Z">
<script>document.write("<p>نه</p>")</script><style>.a{}</style></head>
<body><nav><noscript>نه این</noscript></nav><h1>تیتر خبر</h1>
<p>بند   اول&nbsp;با&zwnj;فاصله</p><p>بند <a href="#">دوم</a> &laquo;نقل&raquo;</p><br>پایان</body></html>"""


def test_scripts_styles_and_tags_are_removed():
    text = html_to_text(PAGE).text
    assert "نه" not in text and "document" not in text and "{" not in text and "<" not in text


def test_paragraphs_become_lines_and_entities_are_decoded():
    assert html_to_text(PAGE).text == "تیتر خبر\nبند اول با\u200cفاصله\nبند دوم «نقل»\nپایان"


def test_title_is_taken_from_the_title_tag_with_spaces_collapsed():
    assert html_to_text(PAGE).title == "تیتر خبر"


def test_canonical_url_and_publication_date_are_picked_up():
    page = html_to_text(PAGE)
    assert page.url == "https://example.com/n/1"
    assert page.date == "2009-01-10T08:00:00Z"


def test_unclosed_tags_do_not_lose_text():
    assert html_to_text("<div><p>یک<p>دو<span>سه").text == "یک\nدوسه"


def test_page_that_never_closes_head_keeps_its_body_text():
    page = html_to_text("<html><head><title>تیتر</title><meta charset=utf-8><body><p>متن خبر</p>")
    assert (page.title, page.text) == ("تیتر", "متن خبر")


def test_svg_icon_titles_are_not_the_page_title():
    page = html_to_text("<title>تیتر</title><body><svg><title>icon</title></svg><p>متن</p></body>")
    assert (page.title, page.text) == ("تیتر", "متن")
