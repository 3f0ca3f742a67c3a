"""The query language, read by a small hand-written tokenizer (Whoosh's QueryParser is not built for Persian).

Forms: plain words, ``"exact phrase"`` (also «گیومه»), ``-word`` / ``-"phrase"`` / ``NOT word`` to exclude,
``+word`` / ``a AND b`` to require, ``a OR b`` (also ``|`` and Persian «یا» between two plain words), ``word*``
(bounded prefix expansion), ``word~`` (bounded fuzzy), and fields ``person:``, ``country:``, ``source:``,
``date:``, ``title:`` (also in Persian: شخص، کشور، منبع، تاریخ، عنوان) whose value may be quoted; an unquoted
person, country or date takes the next words while they make a longer name or date («country:ایالات متحده»,
«date:دی ۱۳۸۷»). Nothing here raises: what cannot be read is dropped with a message saying so, and the rest of the
query still runs.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from analyzers.analysis import normalize_query
from analyzers.fold import IGNORABLE, ZWNJ
from search.core.notices import notice

MAX_QUERY_CHARS = 500
MAX_CLAUSES = 32
FIELDS = {"person", "country", "source", "date", "title"}
# Persian spellings of the field names, for users who type them.
FIELD_ALIASES = {"شخص": "person", "کشور": "country", "منبع": "source", "تاریخ": "date", "عنوان": "title"}
OR_WORDS = {"OR", "|", "||"}
AND_WORDS = {"AND", "&&"}
NOT_WORDS = {"NOT"}
PERSIAN_OR = "یا"
# Fields whose unquoted value may run over several words: the longest run that is a known name or a date.
MULTIWORD_FIELDS = {"person", "country", "date"}
MAX_VALUE_WORDS = 4
# A name before «:» that is no field of ours but looks like one was meant (letters only: not «10:30», not a URL).
_FIELD_LIKE = re.compile(r"[^\W\d_]{2,20}")
_URL_SCHEMES = {"http", "https", "ftp", "mailto", "www"}

# Harakat/bidi/zero-width marks (not ZWNJ): deleting them never changes a word, and bidi marks pasted from
# web pages would otherwise split or hide operators.
_INVISIBLE = re.compile("[" + re.escape(IGNORABLE) + "]")
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "″": '"', "＂": '"'})
_TOKEN = re.compile(
    r'(?P<sign>[-+](?=[^\s\-+]))?(?:(?P<field>[^\s:"()+\-][^\s:"()]*):(?:"(?P<fq>[^"]*)"|(?P<fv>[^\s"]+))'
    r'|"(?P<phrase>[^"]*)"'
    r'|(?P<word>[^\s"()]+))'
    r'|(?P<quote>")|(?P<paren>[()])'
)


@dataclass
class Word:
    text: str
    mode: str = "plain"  # plain | prefix | fuzzy


@dataclass
class Phrase:
    text: str


@dataclass
class FieldFilter:
    name: str
    value: str
    negated: bool = False


@dataclass
class ParsedQuery:
    clauses: list = field(default_factory=list)     # each: list of alternatives (Word | Phrase), ORed
    required: set = field(default_factory=set)      # indices of the clauses every match must have (+word, AND)
    negatives: list = field(default_factory=list)   # Word | Phrase to exclude
    fields: list = field(default_factory=list)      # FieldFilter
    messages: list = field(default_factory=list)
    raw: str = ""


def parse(query) -> ParsedQuery:
    """Read ``query`` (any object; non-strings count as empty) into clauses, exclusions and field filters."""
    parsed = ParsedQuery()
    text = query if isinstance(query, str) else ""
    # Composed form first: a decomposed «آ» (ا + madda, as some systems send it) would lose its madda in folding.
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text).translate(_QUOTES)
    # Control characters become spaces; ZWNJ (not "printable" to Python) is part of Persian words («قلی‌پور»).
    text = "".join(ch if ch.isprintable() or ch == ZWNJ else " " for ch in text)
    if len(text) > MAX_QUERY_CHARS:
        parsed.messages.append(notice("query_truncated", limit=MAX_QUERY_CHARS))
        text = text[:MAX_QUERY_CHARS]
    if text.count('"') % 2:
        parsed.messages.append(notice("unbalanced_quote"))
        last = text.rfind('"')
        text = text[:last] + " " + text[last + 1:]
    text = _join_split_words(text)
    parsed.raw = text.strip()
    items = list(_items(text, parsed))
    _group(items, parsed)
    if len(parsed.clauses) > MAX_CLAUSES:
        parsed.messages.append(notice("too_many_words", limit=MAX_CLAUSES))
        del parsed.clauses[MAX_CLAUSES:]
        parsed.required = {i for i in parsed.required if i < MAX_CLAUSES}
    return parsed


def without_fields(query: str, name: str, drop) -> str:
    """``query`` without its ``name:`` filters (also the Persian field name, quoted or not, not negated) whose value
    ``drop(value)`` accepts; the rest of the query as typed. A page un-checks a facet value the query selected."""
    text = _INVISIBLE.sub("", query if isinstance(query, str) else "").translate(_QUOTES)
    out, pos = [], 0
    matches = list(_TOKEN.finditer(text))
    for k, m in enumerate(matches):
        field_name = m.group("field")
        if field_name is None or m.group("sign") == "-" or _canonical(field_name) != name:
            continue
        value, end = _field_value(matches, k, name)
        if value and drop(value):
            out.append(text[pos:m.start()])
            pos = end
    if not out:
        return query
    out.append(text[pos:])
    return " ".join("".join(out).split())


def _join_split_words(text):
    """Join split verb prefixes/suffixes («می روند») with a ZWNJ as the index analyzer does, before the query
    is split on spaces."""
    try:
        return normalize_query(text)
    except Exception:  # a query must run even if normalization trips on it
        return text


def _canonical(field_name: str) -> str:
    return FIELD_ALIASES.get(field_name, field_name.lower())


def _plain_word(m) -> str | None:
    """The text of a match that is a plain word (no sign, field, phrase or operator), else None."""
    word = m.group("word")
    if word is None or m.group("sign") or word in OR_WORDS | AND_WORDS | NOT_WORDS:
        return None
    return word


def _field_value(matches, k, canonical) -> tuple[str, int]:
    """The value of the field at ``matches[k]`` and where it ends in the text: a quoted value as written; an
    unquoted person, country or date extended over the next plain words while they make a longer known name or
    a date («country:ایالات متحده», «date:دی ۱۳۸۷»)."""
    m = matches[k]
    if m.group("fq") is not None:
        return m.group("fq").strip(), m.end()
    value, end = m.group("fv").strip(), m.end()
    if canonical not in MULTIWORD_FIELDS:
        return value, end
    longer = value
    for nxt in matches[k + 1:k + MAX_VALUE_WORDS]:
        word = _plain_word(nxt)
        if word is None:
            break
        longer = f"{longer} {word}"
        if _understood(canonical, longer):
            value, end = longer, nxt.end()
    return value, end


def _understood(canonical, value) -> bool:
    from search.core import labels
    from search.core.daterange import BadDate, parse_range

    if canonical == "country":
        return labels.resolve_country(value) is not None
    if canonical == "person":
        return labels.known_person(value)
    try:
        parse_range(value)
        return True
    except BadDate:
        return False


def _items(text, parsed):
    """Yield ("or" | "and" | "not", None) | ("neg" | "req" | "term", term) | ("field", FieldFilter) in query
    order."""
    matches = list(_TOKEN.finditer(text))
    skip_to = 0
    for k, m in enumerate(matches):
        if m.start() < skip_to or m.group("quote") or m.group("paren"):
            continue  # words taken by a field value; grouping is not part of the language (odd quotes reported)
        sign = m.group("sign")
        kind = {"-": "neg", "+": "req"}.get(sign, "term")
        name = m.group("field")
        if name is not None:
            canonical = _canonical(name)
            if canonical in FIELDS:
                value, skip_to = _field_value(matches, k, canonical)
                if value:
                    yield "field", FieldFilter(canonical, value, sign == "-")
                else:
                    parsed.messages.append(notice("field_without_value", field=name))
                continue
            value = m.group("fq") if m.group("fq") is not None else m.group("fv")
            if _FIELD_LIKE.fullmatch(name) and name.lower() not in _URL_SCHEMES:
                # A field was meant, not one of ours: its value is searched as words, and the reader told so.
                parsed.messages.append(notice("unknown_field", field=name, value=value,
                                              fields=", ".join(sorted(FIELDS))))
                yield kind, (Phrase(value) if m.group("fq") is not None else Word(value))
            else:
                yield kind, Word(f"{name} {value}")  # a URL, a time like 10:30: its words as written
            continue
        if m.group("phrase") is not None:
            if m.group("phrase").strip():
                yield kind, Phrase(m.group("phrase").strip())
            continue
        word = m.group("word")
        if not sign and word in OR_WORDS | AND_WORDS | NOT_WORDS:
            yield ("or" if word in OR_WORDS else "and" if word in AND_WORDS else "not"), None
            continue
        if word == PERSIAN_OR and not sign:
            yield "persian_or", None
            continue
        term = _word(word, parsed)
        if term is not None:
            yield kind, term


def _word(word, parsed):
    stripped = word.strip("-*~?+")
    if not stripped:
        parsed.messages.append(notice("lone_operator", operator=word))
        return None
    if word.endswith("*") and len(stripped) >= 2:
        return Word(stripped, "prefix")
    if word.endswith("*"):
        parsed.messages.append(notice("prefix_too_short", word=word))
        return Word(stripped)
    if word.endswith("~") and len(stripped) >= 3:
        return Word(stripped, "fuzzy")
    return Word(stripped)


def _group(items, parsed):
    """Fold the flat item list into OR groups: ``a OR b c`` -> [[a, b], [c]]; ``+a``, ``a AND b`` mark clauses
    required, ``NOT a`` excludes ``a``."""
    pending_or = pending_and = False
    items = _apply_not(items, parsed)
    for i, (kind, value) in enumerate(items):
        if kind == "field":
            parsed.fields.append(value)
        elif kind == "neg":
            parsed.negatives.append(value)
        elif kind == "and":
            if not parsed.clauses or i == len(items) - 1 or items[i + 1][0] not in ("term", "req"):
                parsed.messages.append(notice("operator_without_operands", operator="AND"))
            else:
                parsed.required.add(len(parsed.clauses) - 1)
                pending_and = True
        elif kind == "or":
            if not parsed.clauses or i == len(items) - 1 or items[i + 1][0] not in ("term", "req"):
                parsed.messages.append(notice("operator_without_operands", operator="OR"))
            else:
                pending_or = True
        elif kind == "persian_or":
            # «یا» is "or" only between two plain words; elsewhere it is a (common) word of the text.
            prev_ok = i > 0 and items[i - 1][0] == "term"
            next_ok = i + 1 < len(items) and items[i + 1][0] == "term"
            if prev_ok and next_ok:
                pending_or = True
            else:
                parsed.clauses.append([Word(PERSIAN_OR)])
        elif pending_or and parsed.clauses:
            parsed.clauses[-1].append(value)
            pending_or = False
            if kind == "req":
                parsed.required.add(len(parsed.clauses) - 1)
        else:
            parsed.clauses.append([value])
            pending_or = False
            if kind == "req" or pending_and:
                parsed.required.add(len(parsed.clauses) - 1)
            pending_and = False
    if not parsed.clauses and not parsed.fields and parsed.negatives:
        parsed.messages.append(notice("only_negative_words"))


def _apply_not(items, parsed):
    """``NOT a`` is ``-a``: the item after NOT becomes an exclusion (a lone NOT is reported and dropped)."""
    out = []
    negate = False
    for kind, value in items:
        if kind == "not":
            if negate:
                continue
            negate = True
            continue
        if negate:
            negate = False
            if kind in ("term", "req"):
                out.append(("neg", value))
                continue
            if kind == "field":
                value.negated = True
                out.append((kind, value))
                continue
            parsed.messages.append(notice("not_without_word"))
        out.append((kind, value))
    if negate:
        parsed.messages.append(notice("not_without_word"))
    return out
