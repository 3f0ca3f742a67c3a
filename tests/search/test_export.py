"""Export: every match in the search's order (not only a page), each row's fields from the stored article, CSV
with a byte-order mark and Persian intact, JSON Lines, the row limit, and the passage around the first match."""

import csv
import io
import json

import jdatetime
import pytest

from search.core.export import BOM, FIELDS, csv_chunks, jsonl_chunks
from search.core.snippets import first_passage
from search_helpers import ids, term
from shard_helpers import stored_docs

CASES = [("ایران", {}, "relevance"), ("ایران", {}, "newest"), ("سوریه OR لبنان", {}, "oldest"),
         ("", {"country": ["IR"]}, "newest"), ("مذاکرات هسته‌ای", {"year_jalali": ["1392", "1394"]}, "relevance")]


@pytest.mark.parametrize("query,filters,sort", CASES)
def test_export_rows_are_the_search_matches_in_order(engine, query, filters, sort):
    result = engine.search(query, filters=filters, sort=sort, per_page=1000, facets=False)
    out = engine.export(query, filters=filters, sort=sort)
    rows = list(out["rows"])
    assert [r["id"] for r in rows] == ids(result) and out["total"] == result["total"] > 0
    assert not out["truncated"]


def test_rows_carry_the_stored_fields(engine, demo_index):
    docs = stored_docs(demo_index)
    rows = list(engine.export("")["rows"])
    assert len(rows) == len(docs) == 50
    for r in rows:
        stored = docs[r["id"]]
        assert list(r) == list(FIELDS)
        assert r["title"] == stored["title"] and r["source"] == stored.get("source")
        assert r["persons"] == [p for p in (stored.get("persons") or "").split(",") if p]
        assert r["countries"] == [c for c in (stored.get("countries") or "").split(",") if c]
        if stored.get("date"):
            j = jdatetime.date.fromgregorian(date=stored["date"].date())
            assert r["date"] == stored["date"].date().isoformat()
            assert r["date_jalali"] == f"{j.year:04d}-{j.month:02d}-{j.day:02d}"
        else:
            assert r["date"] is None and r["date_jalali"] is None


def test_the_row_limit_cuts_in_order_and_says_so(engine):
    full = [r["id"] for r in engine.export("ایران", sort="newest")["rows"]]
    cut = engine.export("ایران", sort="newest", limit=5)
    assert [r["id"] for r in cut["rows"]] == full[:5] and cut["truncated"] and cut["total"] == len(full)


def test_csv_has_a_bom_a_header_and_persian_intact(engine):
    rows = list(engine.export("لاریجانی")["rows"])
    text = "".join(csv_chunks(iter(rows)))
    assert text.startswith(BOM) and text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    parsed = list(csv.DictReader(io.StringIO(text[1:])))
    assert [p["id"] for p in parsed] == [r["id"] for r in rows]
    for p, r in zip(parsed, rows):
        assert p["title"] == r["title"] and p["snippet"] == r["snippet"] and "لاریجانی" in p["persons"]
        assert p["persons"].split("; ") == r["persons"]
    assert any("علی لاریجانی" in p["persons"] for p in parsed)


def test_jsonl_is_one_object_per_row(engine):
    rows = list(engine.export("سوریه")["rows"])
    lines = "".join(jsonl_chunks(iter(rows))).splitlines()
    assert [json.loads(line) for line in lines] == rows
    assert "سوریه".encode() in "\n".join(lines).encode()  # not \\u-escaped


def test_snippet_is_the_passage_around_the_first_match(engine, demo_index):
    docs = stored_docs(demo_index)
    for r in engine.export("لاریجانی")["rows"]:
        body = docs[r["id"]]["body"]
        assert r["snippet"] and " ".join(r["snippet"].split()) in " ".join(body.split())
        if "لاریجانی" in body:
            first = body.index("لاریجانی")
            assert "لاریجانی" in r["snippet"] and body.find(r["snippet"][:30].strip()) <= first


def test_first_passage_marks_every_spelling_and_analyzes_no_further(monkeypatch):
    from search.core import snippets

    text = "در آغاز سخنی نبود. " * 20 + "كتابها را خواندند و کتاب‌ها را بردند. " + "پایان " * 200
    analyzer, seen = snippets._analyzer(), []

    def counting(value, **kwargs):
        for token in analyzer(value, **kwargs):
            seen.append(token.endchar)
            yield token

    monkeypatch.setattr(snippets, "_analyzer", lambda: counting)
    passage = first_passage(text, {term("کتاب")})
    assert max(seen) < text.index("پایان") + 200  # stopped just past the fragment, not at the end of the text
    fragment = passage["fragments"][0]
    marked = [fragment["text"][a:b] for a, b in fragment["marks"]]
    assert marked == ["كتابها", "کتاب‌ها"] and passage["before"] and passage["after"]
    assert first_passage("متنی بی‌ربط", {term("کتاب")})["fragments"][0]["marks"] == []
    assert first_passage("", {term("کتاب")})["fragments"] == []
