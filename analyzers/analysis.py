"""Whoosh analyzers for Persian text. (Initial version: folding + word tokenizer; deepened in issue 2.)"""

from whoosh.analysis import LowercaseFilter, RegexTokenizer

from analyzers.fold import IGNORABLE, fold
from whoosh.analysis import Filter


class FoldFilter(Filter):
    def __call__(self, tokens):
        for t in tokens:
            t.text = fold(t.text)
            yield t


# A word is a run of letters/digits, with ZWNJ and ignorable marks inside it.
WORD = r"[\w" + IGNORABLE + r"](?:[\w\u200c" + IGNORABLE + r"]*[\w" + IGNORABLE + r"])?"


def index_analyzer():
    return RegexTokenizer(WORD) | FoldFilter() | LowercaseFilter()


def query_analyzer():
    return index_analyzer()
