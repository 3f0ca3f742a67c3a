"""Whoosh analyzers for Persian text (issue 2): the contract the schema and the query parser build on.

``index_analyzer()`` and ``query_analyzer()`` must stay identical in what they do to a word, so a query typed in any
spelling meets the indexed term. ``normalize_query()`` joins split prefixes/suffixes in a raw query string with a
ZWNJ *before* a query parser splits it on spaces (a word-by-word parser would otherwise hand «می روند» to the
analyzer as two words).

Decisions (measured with bench/eval_retrieval.py on the Hamshahri dev topics, see search/ranking.py):
- the indexed term is folded, lower-cased and ZWNJ-free, with split-off parts joined («می روند» → one term), then
  lemmatized (analyzers.lemma: hazm's dictionary, names from analyzers.names protected). Lemmas lift dev MAP from
  0.78 to 0.83; joining without lemmas loses recall (plural and singular become different terms).
- hazm's Normalizer is not used: our join rules run inside the tokenizer (about 2.8 M chars/s for the whole
  analysis, hazm's Normalizer alone about 1 M chars/s) and keep every offset into the original text.
- stop words are removed and positions renumbered (Whoosh phrase queries carry no positions, see tokenizer.py).
- the surface form is not indexed beside the lemma by default (``surface=True`` does it): a query word that gives
  two tokens at one position would become a two-word phrase in the search layer's query compiler.
"""

from analyzers.fold import ZWNJ
from analyzers.tokenizer import PersianTokenizer, joins, words


def index_analyzer(**options):
    """The analyzer of text fields: folding, ZWNJ joining, stop words, name-safe lemmas (options: see
    ``PersianTokenizer``)."""
    return PersianTokenizer(**options)


def query_analyzer(**options):
    """The analyzer for query text: the same as the index side."""
    return PersianTokenizer(**options)


def warm_up() -> None:
    """Build the hazm tables now (2-5 s once per process) instead of on the first document or query: call it at
    server start-up or before forking index workers."""
    from analyzers.lemma import compounds, tables

    tables()
    compounds()


def normalize_query(text: str) -> str:
    """``text`` with every split verb prefix / suffix joined to its word by a ZWNJ («می روند» → «می‌روند»).

    Everything else (operators, quotes, field names) is left as typed, so the result can go to a query parser.
    """
    from analyzers.lemma import compounds

    tails = compounds()
    out = []
    last = 0
    prev = None  # (term, end) of the previous word
    for m in _WORDS.finditer(text):
        term = _fold(m.group(), False)
        if prev is not None and joins(prev[0], term, tails) and not text[prev[1]:m.start()].strip(_GAP):
            out.append(text[last:prev[1]])
            out.append(ZWNJ)
            last = m.start()
            term = prev[0] + ZWNJ + term
        prev = (term, m.end())
    out.append(text[last:])
    return "".join(out)


# normalize_query works word by word like the tokenizer.
from analyzers.tokenizer import WORD as _WORDS, _JOIN_GAP as _GAP, fold_word as _fold  # noqa: E402

__all__ = ["index_analyzer", "query_analyzer", "normalize_query", "warm_up", "words"]
