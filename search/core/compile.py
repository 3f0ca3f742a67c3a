"""A parsed query (``search.syntax``) to query nodes (``search.core.query``) over the ranking field and the facets.

Words go through the same analyzer as the index (``analyzers.analysis.query_analyzer``), so every spelling the
analyzer folds together matches. A word the analyzer splits in several tokens becomes a phrase of them. Prefix and
fuzzy words expand to at most ``MAX_EXPANSION`` index terms (the most frequent ones over all shards), never
unbounded. What the index holds is asked through ``vocabulary`` (the coordinator's: summed over shards).
"""

import functools
from dataclasses import dataclass, field

from analyzers.analysis import query_analyzer
from analyzers.fold import fold
from search import labels
from search.core import query as Q
from search.daterange import BadDate, parse_range
from search.syntax import Phrase

CONTENT = Q.RANKING_FIELD
MAX_EXPANSION = 50
SCAN_LIMIT = MAX_EXPANSION * 20  # index terms looked at per prefix, per shard


@functools.lru_cache(maxsize=1)
def _analyzer():
    return query_analyzer()


def analyze(text: str) -> list[str]:
    return [t.text for t in _analyzer()(text, mode="query")]


@dataclass
class Compiled:
    all_words: object = None     # node requiring every clause (None: no text clauses)
    any_word: object = None      # node requiring one clause
    clause_count: int = 0
    exclude: object = None       # node of the -words
    constraints: list = field(default_factory=list)   # field nodes from the query text (ANDed)
    selected: dict = field(default_factory=dict)      # facet -> values named in the query text (shown selected)
    terms: set = field(default_factory=set)           # ranking-field terms to mark in snippets
    words: list = field(default_factory=list)         # (original word, analyzed token) for did-you-mean
    messages: list = field(default_factory=list)


class Vocabulary:
    """What the compiler asks of the index (the coordinator implements it over all shards)."""

    def expand(self, prefix: str, fuzzy: bool) -> dict[str, int]:
        """Index terms starting with ``prefix`` (or one edit away, ``fuzzy``) -> document frequency."""
        return {}

    def doc_frequencies(self, terms) -> dict[str, int]:
        return {}

    def source_names(self) -> list[str]:
        return []


def compile_query(parsed, vocabulary: Vocabulary) -> Compiled:
    out = Compiled(messages=list(parsed.messages))
    clauses = []
    for clause in parsed.clauses:
        alts = [q for q in (_term_query(alt, vocabulary, out, positive=True) for alt in clause) if q is not None]
        if alts:
            clauses.append(Q.any_of(alts))
    if parsed.clauses and not clauses:
        out.messages.append("پرسش فقط واژه‌های بسیار رایج داشت؛ واژهٔ مشخص‌تری بنویسید.")
    if clauses:
        out.clause_count = len(clauses)
        out.all_words = Q.all_of(clauses)
        out.any_word = Q.any_of(clauses)
    negs = [q for q in (_term_query(n, vocabulary, out, positive=False) for n in parsed.negatives) if q is not None]
    if negs:
        out.exclude = Q.any_of(negs)
    for f in parsed.fields:
        q = _field_query(f, out, vocabulary)
        if q is not None:
            out.constraints.append(Q.Not(q) if f.negated else q)
    return out


def _term_query(item, vocabulary, out, positive):
    if isinstance(item, Phrase):
        tokens = analyze(item.text)
        if positive:
            out.terms.update(tokens)
        return _tokens_query(tokens)
    if item.mode in ("prefix", "fuzzy"):
        return _expand(item.text, vocabulary, out, positive, fuzzy=item.mode == "fuzzy")
    tokens = analyze(item.text)
    if positive:
        out.terms.update(tokens)
        if len(tokens) == 1:
            out.words.append((item.text, tokens[0]))
    return _tokens_query(tokens)


def _tokens_query(tokens):
    if not tokens:
        return None  # only stop words
    if len(tokens) == 1:
        return Q.Term(CONTENT, tokens[0])
    return Q.Phrase(CONTENT, tuple(tokens))


def _expand(text, vocabulary, out, positive, fuzzy):
    folded = fold(text).lower()
    found = sorted(((df, t) for t, df in vocabulary.expand(folded, fuzzy).items() if df), reverse=True)
    if len(found) > MAX_EXPANSION:
        out.messages.append(f"«{text}» به بیش از {MAX_EXPANSION} واژه گسترش می‌یافت؛ {MAX_EXPANSION} واژهٔ "
                            "پربسامدتر جست‌وجو شد.")
        found = found[:MAX_EXPANSION]
    terms = [t for _, t in found]
    if not terms:
        return _tokens_query(analyze(text))
    if positive:
        out.terms.update(terms)
    return Q.any_of(Q.Term(CONTENT, t) for t in terms)


def _field_query(f, out, vocabulary):
    if f.name == "person":
        keys = labels.resolve_person(f.value)
        if not f.negated:
            out.selected.setdefault("person", set()).update(keys)
        return Q.any_of(Q.Term("persons", k) for k in keys)
    if f.name == "country":
        code = labels.resolve_country(f.value)
        if code is None:
            out.messages.append(f"کشور «{f.value}» شناخته نشد؛ این فیلد نادیده گرفته شد.")
            return None
        if not f.negated:
            out.selected.setdefault("country", set()).add(code)
        return Q.Term("countries", code)
    if f.name == "source":
        return source_query(f.value, vocabulary.source_names())
    if f.name == "date":
        try:
            lo, hi = parse_range(f.value)
        except BadDate as e:
            out.messages.append(str(e) + " این فیلد نادیده گرفته شد.")
            return None
        return Q.DateRange(lo, hi)
    return None


def source_query(value, names):
    """Sources are stored as the archive wrote them: the ones equal to ``value`` in any spelling (Arabic ي/ك, a
    half-space or a space, letter case), as words are matched."""
    want = source_key(value)
    matching = sorted({value} | {name for name in names if source_key(name) == want})
    return Q.any_of(Q.Term("source", n) for n in matching)


def source_key(text):
    return " ".join(fold(text).replace("\u200c", " ").lower().split())
