"""Phrases on positions in numpy (search.whoosh_backend.positions): the batch decoder gives what Whoosh's own
decoder gives, and phrase documents equal Whoosh's Phrase query whether a word's positions are read for the
candidates only, decoded whole into the cache, or taken from it."""

import pytest
from whoosh import fields, formats, query
from whoosh.analysis import RegexTokenizer
from whoosh.filedb.filestore import RamStorage

from search.whoosh_backend import positions as P
from search.whoosh_backend.internals import decoded_positions, posting_values

# a and b side by side in 0, 2 (twice), 4 (after 1,500 other words: the pickle batches a long list); b before a
# in 1; a b apart in 3; "a a" in 5; 6 holds neither
TEXTS = ["a b c", "b a c", "c a b d a b", "a c b", "x " * 1500 + "a b " + "a " * 1200, "a a", "c d"]


def _index(fmt=None):
    words = RegexTokenizer()  # no stop words: "a" is a word here
    field = fields.TEXT(analyzer=words, phrase=True) if fmt is None else fields.FieldType(fmt, words)
    ix = RamStorage().create_index(fields.Schema(content=field))
    with ix.writer() as w:
        for text in TEXTS:
            w.add_document(content=text)
    return ix


def _values(reader, word):
    docs = [d for d in range(len(TEXTS)) if word in TEXTS[d].split()]
    return docs, posting_values(reader, "content", word.encode(), docs)


@pytest.mark.parametrize("fmt", [None, formats.Characters()])
def test_batch_decoder_equals_whoosh_decoder(fmt):
    ix = _index(fmt)
    with ix.reader() as reader:
        field_format = reader.schema["content"].format
        for word in ("a", "b", "x", "d"):
            docs, values = _values(reader, word)
            counts, flat = decoded_positions(field_format, values)
            expected = [field_format.decode_positions(v) for v in values]
            assert counts.tolist() == [len(e) for e in expected], word
            assert flat.tolist() == [p for e in expected for p in e], word
    if fmt is None:
        assert counts.tolist() == [1, 1] and flat.tolist() == [3, 1]  # "d": documents 2 and 6


def test_posting_values_refuses_a_document_without_the_term():
    ix = _index()
    with ix.reader() as reader, pytest.raises(LookupError):
        posting_values(reader, "content", b"d", [2, 3])


def _whoosh(searcher, words):
    return sorted(h.docnum for h in searcher.search(query.Phrase("content", words), limit=None, scored=False))


def _candidates(words):
    return [d for d, t in enumerate(TEXTS) if all(w in t.split() for w in words)]


PHRASES = [["a", "b"], ["b", "a"], ["a", "b", "d"], ["a", "a"], ["c", "a", "b"], ["x", "a", "b", "a"], ["d", "a"]]


@pytest.mark.parametrize("words", PHRASES)
@pytest.mark.parametrize("way", ["candidates only", "whole then cached"])
def test_phrase_docs_equal_whoosh_phrase(words, way, monkeypatch):
    ix = _index()
    with ix.searcher() as s:
        (reader, _), = s.reader().leaf_readers()
        fmt = reader.schema["content"].format
        btexts = [w.encode() for w in words]
        df = lambda bt: reader.doc_frequency("content", bt)  # noqa: E731
        cache = None
        if way != "candidates only":
            cache = P.PositionsCache()
            monkeypatch.setattr(P, "WHOLE_TERM_SHARE", 10 ** 6)  # every word decoded whole
        expected = _whoosh(s, words)
        got = P.phrase_docs(fmt, reader, "content", btexts, _candidates(words), df, cache).tolist()
        assert got == expected
        if cache is not None:
            assert cache.size > 0
            monkeypatch.setattr(P, "term_positions", None)  # a second time reads nothing: the cache answers
            again = P.phrase_docs(fmt, reader, "content", btexts, _candidates(words), df, cache).tolist()
            assert again == expected
    assert expected  # every phrase here is found somewhere


def test_a_word_decoded_whole_answers_among_the_given_documents_only(monkeypatch):
    # the cache holds every document of a word (deleted ones too); the answer keeps to the candidates given
    ix = _index()
    monkeypatch.setattr(P, "WHOLE_TERM_SHARE", 10 ** 6)
    with ix.reader() as reader:
        df = lambda bt: reader.doc_frequency("content", bt)  # noqa: E731
        fmt = reader.schema["content"].format
        got = P.phrase_docs(fmt, reader, "content", [b"a", b"b"], [1, 2, 3], df, P.PositionsCache())
    assert got.tolist() == [2]


def test_cache_stays_within_its_budget():
    cache = P.PositionsCache(budget=40)
    for i in range(10):
        cache.put(("seg", "content", bytes([i])), (list(range(8)), list(range(8))))
    assert cache.size <= 40 and cache.get(("seg", "content", bytes([9]))) is not None
    assert cache.get(("seg", "content", bytes([0]))) is None
