"""Phrase queries over a small in-memory Whoosh index: they match whichever spelling the text or query used."""

import pytest
from whoosh import query as wq
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from analyzers.analysis import index_analyzer, normalize_query, query_analyzer

ZWNJ = "\u200c"
DOCS = {
    "joined": "دانشجویان هر روز می" + ZWNJ + "روند به کتاب" + ZWNJ + "خانه",
    "spaced": "دانشجویان هر روز مي روند به كتاب خانه",
    "solid": "دانشجویان هر روز میروند به کتابخانه",
    "other": "دانشجویان هر روز به ورزشگاه رفتند",
}


@pytest.fixture(scope="module")
def searcher():
    ix = RamStorage().create_index(Schema(id=ID(stored=True), content=TEXT(analyzer=index_analyzer(), phrase=True)))
    with ix.writer() as w:
        for key, text in DOCS.items():
            w.add_document(id=key, content=text)
    with ix.searcher() as s:
        yield s


def phrase_hits(searcher, text):
    terms = [t.text for t in query_analyzer()(normalize_query(text))]
    return sorted(hit["id"] for hit in searcher.search(wq.Phrase("content", terms)))


@pytest.mark.parametrize("query", ["می روند به کتابخانه", "میروند به کتاب‌خانه", "مي‌روند به كتاب خانه"])
def test_a_phrase_matches_every_spelling_of_the_text(searcher, query):
    assert phrase_hits(searcher, query) == ["joined", "solid", "spaced"]


def test_a_phrase_with_a_stop_word_inside_matches(searcher):
    assert phrase_hits(searcher, "هر روز می روند") == ["joined", "solid", "spaced"]


def test_a_phrase_does_not_match_the_words_in_another_order(searcher):
    assert phrase_hits(searcher, "کتابخانه می روند") == []
