"""Snippets mark matches on the characters as printed (every spelling variant) and escape everything else."""

import re

from analyzers.analysis import index_analyzer
from search.core.shape import snippet_html
from search.core.snippets import excerpt
from search_helpers import term


def snippet(text, terms):
    """The API's HTML snippet of ``text``: the excerpt as ``search.core.shape`` writes it."""
    return snippet_html(excerpt(text, terms))


def test_excerpt_spans_point_at_the_matched_words_as_printed():
    got = excerpt("خبر اول: سوريه. خبر دوم: سوریه.", {term("سوریه")})
    (fragment,) = got["fragments"]
    assert [fragment["text"][s:e] for s, e in fragment["marks"]] == ["سوريه", "سوریه"]
    assert got["before"] is False and got["after"] is False

MARK = re.compile(r"<mark>(.*?)</mark>")


def marked(html_text):
    return MARK.findall(html_text)


def analyzed(text):
    return [t.text for t in index_analyzer()(text)]


def test_each_spelling_variant_is_marked_as_printed():
    text = "خبر اول: سوريه. خبر دوم: سوریه. خبر سوم: سوریا نیست."
    assert marked(snippet(text, {term("سوریه")})) == ["سوريه", "سوریه"]


def test_split_and_joined_verb_forms_are_marked_whole():
    text = "آنها می روند. ما میروند. او می‌روند."
    assert marked(snippet(text, {term("می‌روند")})) == ["می روند", "میروند", "می‌روند"]


def test_marks_cover_exactly_the_matched_word():
    text = "قیمت نفت و نفتکش و شرکت نفت"
    marks = marked(snippet(text, {term("نفت")}))
    assert marks == ["نفت", "نفت"]


def test_text_outside_marks_is_escaped():
    text = 'هشدار <script>alert("x")</script> و تزریق & نفوذ'
    out = snippet(text, {term("تزریق")})
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert marked(out) == ["تزریق"]


def test_no_match_gives_the_escaped_lead():
    out = snippet("<b>متن</b> بدون واژهٔ پرسش", {term("نفت")})
    assert out.startswith("&lt;b&gt;") and "<mark>" not in out


def test_long_text_snippet_is_short_and_centred_on_matches():
    text = " ".join(["واژه"] * 400) + " لبنان " + " ".join(["واژه"] * 400)
    out = snippet(text, {term("لبنان")})
    assert marked(out) == ["لبنان"] and len(out) < 400 and out.startswith("…")


def test_engine_snippet_marks_arabic_spelling_in_demo_article(engine):
    hits = engine.search("سوریه", per_page=100)["hits"]
    hit = next(h for h in hits if h["id"] == "demo-008")  # written with Arabic ي
    assert "سوريه" in marked(hit["snippet"])
    assert all(analyzed(m) == [term("سوریه")] for m in marked(hit["snippet"]))


def test_engine_snippet_escapes_markup_from_the_article(engine):
    hit = next(h for h in engine.search("تزریق", per_page=100)["hits"] if h["id"] == "demo-021")
    assert "<script" not in hit["snippet"].replace("<mark>", "").replace("</mark>", "")


def test_fragments_never_start_or_end_inside_a_word():
    # The window opens a little before the match: here inside the first word of the paragraph.
    text = "نمایندگان مجلس هشتم در نخستین جلسه رسمی خود علی لاریجانی را با اکثریت آرا به ریاست برگزیدند\n" + (
        "گزارش ادامه دارد " * 30)
    out = snippet(text, {term("لاریجانی")})
    words = set(text.split())
    plain = MARK.sub(r"\1", out).strip("… ").split()
    assert plain[0] in words and plain[-1] in words
