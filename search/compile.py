"""A parsed query (search.syntax) to Whoosh query objects over the ``content`` field and the facet fields.

Words go through the same analyzer family as the index (``analyzers.analysis.query_analyzer``), so every spelling
the analyzer folds together matches. A word the analyzer splits in several tokens becomes a phrase of them.
Prefix and fuzzy words expand to at most ``MAX_EXPANSION`` index terms (the most frequent ones), never unbounded.
"""

import datetime
import functools
from dataclasses import dataclass, field

from whoosh import query as wq

from analyzers.analysis import query_analyzer
from analyzers.fold import fold
from search import labels
from search.daterange import BadDate, parse_range
from search.syntax import Phrase

CONTENT = "content"
MAX_EXPANSION = 50


@functools.lru_cache(maxsize=1)
def _analyzer():
    return query_analyzer()


def analyze(text: str) -> list[str]:
    return [t.text for t in _analyzer()(text, mode="query")]


@dataclass
class Compiled:
    all_words: object = None     # content query requiring every clause (None: no text clauses)
    any_word: object = None      # content query requiring one clause
    clause_count: int = 0
    exclude: object = None       # content query of the -words
    constraints: list = field(default_factory=list)   # field queries from the query text (ANDed)
    selected: dict = field(default_factory=dict)      # facet -> values named in the query text (shown selected)
    terms: set = field(default_factory=set)           # content terms to mark in snippets
    words: list = field(default_factory=list)         # (original word, analyzed token) for did-you-mean
    messages: list = field(default_factory=list)
    doc_frequency: object = None


def compile_query(parsed, reader, doc_frequency=None) -> Compiled:
    """``doc_frequency``: a fast term -> document frequency over the whole index (search.hotpostings) used to
    expand fuzzy words by generating their one-edit variants; without it Whoosh's automaton walks the lexicon."""
    out = Compiled(messages=list(parsed.messages))
    out.doc_frequency = doc_frequency
    clauses = []
    for clause in parsed.clauses:
        alts = [q for q in (_term_query(alt, reader, out, positive=True) for alt in clause) if q is not None]
        if alts:
            clauses.append(alts[0] if len(alts) == 1 else wq.Or(alts))
    if parsed.clauses and not clauses:
        out.messages.append("پرسش فقط واژه‌های بسیار رایج داشت؛ واژهٔ مشخص‌تری بنویسید.")
    if clauses:
        out.clause_count = len(clauses)
        out.all_words = clauses[0] if len(clauses) == 1 else wq.And(clauses)
        out.any_word = clauses[0] if len(clauses) == 1 else wq.Or(clauses)
    negs = [q for q in (_term_query(n, reader, out, positive=False) for n in parsed.negatives) if q is not None]
    if negs:
        out.exclude = negs[0] if len(negs) == 1 else wq.Or(negs)
    for f in parsed.fields:
        q = _field_query(f, out, reader)
        if q is not None:
            out.constraints.append(wq.Not(q) if f.negated else q)
    return out


def _term_query(item, reader, out, positive):
    if isinstance(item, Phrase):
        tokens = analyze(item.text)
        if positive:
            out.terms.update(tokens)
        return _tokens_query(tokens)
    if item.mode == "prefix":
        return _expand(item.text, reader, out, positive, fuzzy=False)
    if item.mode == "fuzzy":
        return _expand(item.text, reader, out, positive, fuzzy=True)
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
        return wq.Term(CONTENT, tokens[0])
    return wq.Phrase(CONTENT, tokens)


def _expand(text, reader, out, positive, fuzzy):
    folded = fold(text).lower()
    df = out.doc_frequency or (lambda t: reader.doc_frequency(CONTENT, t))
    if fuzzy and out.doc_frequency is not None:
        from search.suggest import one_edit_variants

        candidates = [c for c in one_edit_variants(folded, keep_prefix=1) if df(c)]
    elif fuzzy:
        candidates = reader.terms_within(CONTENT, folded, 1, prefix=1)
    else:
        candidates = reader.expand_prefix(CONTENT, folded)
    # Bounded: keep the most frequent expansions (scan at most 20x the limit of the lexicon).
    found = []
    for i, t in enumerate(candidates):
        if i >= MAX_EXPANSION * 20:
            break
        t = t.decode("utf-8") if isinstance(t, bytes) else t
        found.append((df(t), t))
    found.sort(reverse=True)
    if len(found) > MAX_EXPANSION:
        out.messages.append(f"«{text}» به بیش از {MAX_EXPANSION} واژه گسترش می‌یافت؛ {MAX_EXPANSION} واژهٔ پربسامدتر جست‌وجو شد.")
        found = found[:MAX_EXPANSION]
    terms = [t for _, t in found]
    if not terms:
        return _tokens_query(analyze(text))
    if positive:
        out.terms.update(terms)
    return wq.Term(CONTENT, terms[0]) if len(terms) == 1 else wq.Or([wq.Term(CONTENT, t) for t in terms])


def _field_query(f, out, reader=None):
    if f.name == "person":
        keys = labels.resolve_person(f.value)
        if not f.negated:
            out.selected.setdefault("person", set()).update(keys)
        return wq.Or([wq.Term("persons", k) for k in keys]) if len(keys) > 1 else wq.Term("persons", keys[0])
    if f.name == "country":
        code = labels.resolve_country(f.value)
        if code is None:
            out.messages.append(f"کشور «{f.value}» شناخته نشد؛ این فیلد نادیده گرفته شد.")
            return None
        if not f.negated:
            out.selected.setdefault("country", set()).add(code)
        return wq.Term("countries", code)
    if f.name == "source":
        return _source_query(f.value, reader)
    if f.name == "date":
        try:
            lo, hi = parse_range(f.value)
        except BadDate as e:
            out.messages.append(str(e) + " این فیلد نادیده گرفته شد.")
            return None
        return date_query(lo, hi)
    return None


def _source_query(value, reader):
    """Sources are stored as the archive wrote them: match the ones equal to ``value`` in any spelling (Arabic
    ي/ك, a half-space or a space, letter case), as words are matched."""
    want = _source_key(value)
    names = {value}
    if reader is not None:
        try:
            for term in reader.lexicon("source"):
                name = term.decode("utf-8") if isinstance(term, bytes) else term
                if _source_key(name) == want:
                    names.add(name)
        except Exception:  # a reader without the field: the exact value still works
            pass
    names = sorted(names)
    return wq.Term("source", names[0]) if len(names) == 1 else wq.Or([wq.Term("source", n) for n in names])


def _source_key(text):
    return " ".join(fold(text).replace("\u200c", " ").lower().split())


def date_query(lo: datetime.date | None, hi: datetime.date | None):
    start = datetime.datetime.combine(lo, datetime.time.min) if lo else None
    end = datetime.datetime.combine(hi, datetime.time.max) if hi else None
    return wq.DateRange("date", start, end)
