"""Escaping, the Content-Security-Policy and the other safety headers."""

import re
from pathlib import Path

import pytest
from web import create_app

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"
SCRIPT_QUERY = '<script>alert("q")</script>'


def text(response):
    return response.get_data(as_text=True)


# -- escaping ------------------------------------------------------------------------------------------------------

def test_script_in_query_is_escaped_on_the_page(client):
    html = text(client.get("/", query_string={"q": SCRIPT_QUERY}))
    assert SCRIPT_QUERY not in html
    assert "&lt;script&gt;alert(" in html


def test_script_in_query_is_escaped_in_the_error_state(client):
    html = text(client.get("/", query_string={"q": SCRIPT_QUERY, "page": "x"}))
    assert SCRIPT_QUERY not in html and "&lt;script&gt;" in html


def test_script_in_query_is_escaped_on_the_article_page(client):
    html = text(client.get("/article/demo-021", query_string={"q": SCRIPT_QUERY}))
    assert SCRIPT_QUERY not in html


def demo_script_article(client):
    """The demo item that talks about <script> injection (found by searching, not by a fixed id)."""
    hits = client.get("/api/search", query_string={"q": "script"}).get_json()["hits"]
    assert hits, "the demo corpus has an article with <script> in it"
    article = client.get(f"/api/articles/{hits[0]['id']}").get_json()
    assert "<script>" in article["title"] + article["body"]
    return article


def test_script_in_article_text_is_escaped_on_the_article_page(client):
    article = demo_script_article(client)
    html = text(client.get(f"/article/{article['id']}", query_string={"q": "اسکریپت"}))
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert len(re.findall(r"<script\b", html)) == 1  # only the app's own static script tag


def test_script_in_article_text_is_escaped_in_results(client):
    html = text(client.get("/", query_string={"q": "script"}))
    assert "<script>alert" not in html
    assert len(re.findall(r"<script\b", html)) == 1


def test_marks_survive_in_snippets_of_the_script_article(client):
    html = text(client.get("/", query_string={"q": "اسکریپت"}))
    assert "<mark>اسکریپت</mark>" in html and "<script>alert" not in html


@pytest.mark.parametrize("hostile", ["<script>x</script>", "<mark onclick=x>b</mark>", "<img src=x onerror=y>",
                                     "a > b", "<mark>b</mark><b>"])
def test_the_page_marks_excerpt_spans_and_escapes_every_character_of_the_text(app, hostile):
    # The page writes <mark> itself around the spans the search layer found: nothing of the article's text is
    # ever taken as markup, whatever it holds (not even a <mark> of its own).
    from flask import render_template_string

    text = f"پیش {hostile} نفت پس"
    start = text.index("نفت")
    excerpt = {"fragments": [{"text": text, "marks": [[start, start + 3]]}], "before": True, "after": False}
    from web.view import excerpt_runs

    with app.test_request_context("/"):
        html = render_template_string('{% from "_macros.html" import excerpt %}{{ excerpt(ex) }}',
                                      ex=excerpt_runs(excerpt))
    assert html.count("<mark>") == 1 and "<mark>نفت</mark>" in html and html.startswith("… پیش ")
    for tag in ("<script", "<img", "<b>", "<mark onclick"):
        assert tag not in html


def test_article_url_with_javascript_scheme_is_not_linked(app):
    from flask import render_template

    with app.test_request_context("/"):
        from web.params import SearchRequest

        html = render_template("article.html", article={"id": "x", "title": "t", "url": "javascript:alert(1)"},
                               body=[], q="", req=SearchRequest(), entities={}, related=[])
    assert "javascript:" not in html


# -- headers -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/?q=ایران", "/article/demo-001", "/api/search", "/nothing"])
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_templates_have_no_inline_script_or_style():
    for template in TEMPLATES.glob("*.html"):
        source = template.read_text(encoding="utf-8")
        assert "<style" not in source and " style=" not in source, template.name
        for tag in re.findall(r"<script\b[^>]*>", source):
            assert " src=" in tag, f"inline script in {template.name}"
        assert not re.search(r"\son[a-z]+=", source), f"inline event handler in {template.name}"


def test_templates_never_disable_autoescaping():
    for template in TEMPLATES.glob("*.html"):
        source = template.read_text(encoding="utf-8")
        assert "|safe" not in source and "autoescape false" not in source, template.name


def test_no_stack_trace_on_unexpected_errors(demo_index):
    app = create_app({"INDEX_DIR": demo_index})

    @app.route("/boom")  # an endpoint that fails the way a bug would
    def boom():
        raise RuntimeError("secret internals at /srv/x.py line 3")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "secret internals" not in text(response) and "Traceback" not in text(response)


@pytest.mark.parametrize("path", ["/api/articles//x", "//", "/api//search?q=x", "//article/demo-001"])
def test_no_redirect_ever_names_the_request_host(client, path):
    response = client.get(path, headers={"Host": "evil.example"})
    location = response.headers.get("Location", "")
    assert "evil.example" not in location and not location.startswith("//")
    assert response.status_code in (200, 308, 400, 404)


def test_a_redirect_location_is_made_relative():
    from web.security import relative_location

    assert relative_location("http://evil.example/api/x?q=1#f") == "/api/x?q=1#f"
    assert relative_location("//evil.example/a") == "/a"
    assert relative_location("/already?x=1") == "/already?x=1"
    assert relative_location("//evil.example") == "/"  # a network path names a host: only the root is kept
