"""A parsed query (``search.core.syntax``) to query nodes (``search.core.query``) over the ranking field and the facets.

Words go through the same analyzer as the index (``analyzers.analysis.query_analyzer``), so every spelling the
analyzer folds together matches. A word the analyzer splits in several tokens becomes a phrase of them. Prefix and
fuzzy words expand to at most ``MAX_EXPANSION`` index terms (the most frequent ones over all shards), never
unbounded. What the index holds is asked through ``vocabulary`` (the coordinator's: summed over shards).
Latin-script names among the plain words («Obama», «Iraq», «Mahmoud Ahmadinejad») also match their Persian names
(analyzers.latin). Filters never widen a search: a country or date that cannot be understood matches nothing and a
message names it; required words (``+word``, ``AND``) and ``title:`` are constraints on the match set.
"""

import functools
from dataclasses import dataclass, field

from analyzers import latin
from analyzers.analysis import query_analyzer
from analyzers.fold import fold
from search.core import labels
from search.core import query as Q
from search.core.daterange import BadDate, parse_range
from search.core.notices import notice
from search.core.syntax import Phrase, Word

CONTENT = Q.RANKING_FIELD
MAX_EXPANSION = 50
# All prefix and fuzzy words of one query together: 16 two-letter prefixes would otherwise score 800 terms.
MAX_EXPANDED_TERMS = 150
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
    expanded: int = 0                                 # index terms prefix/fuzzy words expanded to so far


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
    for i, clause in _with_latin_names(parsed):
        alts = [q for q in (_term_query(alt, vocabulary, out, positive=True) for alt in clause) if q is not None]
        if alts:
            clauses.append(Q.any_of(alts))
            if i in parsed.required:
                out.constraints.append(clauses[-1])
    if parsed.clauses and not clauses:
        out.messages.append(notice("only_stop_words"))
    negs = [q for q in (_term_query(n, vocabulary, out, positive=False) for n in parsed.negatives) if q is not None]
    if negs:
        out.exclude = Q.any_of(negs)
    for f in parsed.fields:
        q = _field_query(f, out, vocabulary)
        if isinstance(q, Q.Nothing):
            out.constraints.append(q)  # not understood: nothing matches, whether the filter was negated or not
        elif q is not None:
            out.constraints.append(Q.Not(q) if f.negated else q)
    _rank_title_words(parsed, clauses)
    if clauses:
        out.clause_count = len(clauses)
        out.all_words = Q.all_of(clauses)
        out.any_word = Q.any_of(clauses)
    return out


def _rank_title_words(parsed, clauses):
    """``title:word`` constrains the titles; its words also rank the matches (as ranking-field words: the title is
    part of it), so a query of title words alone is ranked by relevance, not by date."""
    for f in parsed.fields:
        if f.name == "title" and not f.negated:
            q = _tokens_query(analyze(f.value))
            if q is not None:
                clauses.append(q)


def _with_latin_names(parsed):
    """``(index, clause)`` of the parsed clauses, a run of plain Latin words that is a known name («Barack Obama»,
    «Iraq») merged into one clause that also matches the Persian name: ``[latin words, Persian name]``."""
    clauses = parsed.clauses
    i = 0
    while i < len(clauses):
        run = 0
        while i + run < len(clauses) and _latin_word(clauses[i + run]):
            run += 1
        for n in range(run, 0, -1):
            words = " ".join(clauses[k][0].text for k in range(i, i + n))
            persian = _persian_name(words)
            if persian:
                if any(k in parsed.required for k in range(i, i + n)):
                    parsed.required.add(i)
                yield i, [Phrase(words), Phrase(persian)]
                i += n
                break
        else:
            yield i, clauses[i]
            i += 1


def _latin_word(clause) -> bool:
    return len(clause) == 1 and isinstance(clause[0], Word) and clause[0].mode == "plain" and latin.is_latin(
        clause[0].text)


def _persian_name(words: str) -> str | None:
    """The Persian name of a Latin country or person name: the news name of the country («Jordan» is «اردن»), else
    the person's written form."""
    code = latin.country_code(words, codes=False)
    if code is not None:
        return labels.country_label(code)
    return latin.person_form(words)


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


def _tokens_query(tokens, field=CONTENT):
    if not tokens:
        return None  # only stop words
    if len(tokens) == 1:
        return Q.Term(field, tokens[0])
    return Q.Phrase(field, tuple(tokens))


def _expand(text, vocabulary, out, positive, fuzzy):
    folded = fold(text).lower()
    allowed = min(MAX_EXPANSION, MAX_EXPANDED_TERMS - out.expanded)
    if allowed <= 0:
        out.messages.append(notice("expansion_budget_spent", word=text, limit=MAX_EXPANDED_TERMS))
        return _tokens_query(analyze(text))
    found = sorted(((df, t) for t, df in vocabulary.expand(folded, fuzzy).items() if df), reverse=True)
    if len(found) > allowed:
        out.messages.append(notice("expansion_capped", word=text, limit=allowed))
        found = found[:allowed]
    out.expanded += len(found)
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
            out.messages.append(notice("unknown_country", value=f.value))
            return Q.Nothing()
        if not f.negated:
            out.selected.setdefault("country", set()).add(code)
        return Q.Term("countries", code)
    if f.name == "source":
        return source_query(f.value, vocabulary.source_names())
    if f.name == "date":
        try:
            lo, hi = parse_range(f.value)
        except BadDate as e:
            out.messages.append(e.notice)
            return Q.Nothing()
        return Q.DateRange(lo, hi)
    if f.name == "title":
        tokens = analyze(f.value)
        if not f.negated:
            out.terms.update(tokens)
        return _tokens_query(tokens, "title")
    return None


def source_query(value, names):
    """Sources are stored as the archive wrote them: the ones equal to ``value`` in any spelling (Arabic ي/ك, a
    half-space or a space, letter case), as words are matched."""
    want = source_key(value)
    matching = sorted({value} | {name for name in names if source_key(name) == want})
    return Q.any_of(Q.Term("source", n) for n in matching)


def source_key(text):
    return " ".join(fold(text).replace("\u200c", " ").lower().split())
