"""Whoosh analyzers for Persian text (issue 2): the contract the schema and the query parser build on.

``index_analyzer()`` and ``query_analyzer()`` must stay identical in what they do to a word, so a query typed in any
spelling meets the indexed term. ``normalize_query()`` joins split prefixes/suffixes in a raw query string with a
ZWNJ *before* a query parser splits it on spaces (Whoosh's parser analyzes each space-separated word alone, so
«می روند» would otherwise reach the analyzer as two words).
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

__all__ = ["index_analyzer", "query_analyzer", "normalize_query", "words"]
