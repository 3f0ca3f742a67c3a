"""The query language, read by a small hand-written tokenizer (Whoosh's QueryParser is not built for Persian).

Forms: plain words, ``"exact phrase"`` (also «گیومه»), ``-word`` / ``-"phrase"`` to exclude, ``a OR b`` (also
``|`` and Persian «یا» between two plain words), ``word*`` (bounded prefix expansion), ``word~`` (bounded fuzzy),
and fields ``person:``, ``country:``, ``source:``, ``date:`` whose value may be quoted. Nothing here raises: what
cannot be read is dropped with a message saying so, and the rest of the query still runs.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from analyzers.analysis import normalize_query
from analyzers.fold import IGNORABLE, ZWNJ

MAX_QUERY_CHARS = 500
MAX_CLAUSES = 32
FIELDS = {"person", "country", "source", "date"}
# Persian spellings of the field names, for users who type them.
FIELD_ALIASES = {"شخص": "person", "کشور": "country", "منبع": "source", "تاریخ": "date"}
OR_WORDS = {"OR", "|", "||"}
PERSIAN_OR = "یا"

# Harakat/bidi/zero-width marks (not ZWNJ): deleting them never changes a word, and bidi marks pasted from
# web pages would otherwise split or hide operators.
_INVISIBLE = re.compile("[" + re.escape(IGNORABLE) + "]")
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "″": '"', "＂": '"'})
_TOKEN = re.compile(
    r'(?P<neg>-)?(?:(?P<field>[^\s:"()]+):(?:"(?P<fq>[^"]*)"|(?P<fv>[^\s"]+))'
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
        parsed.messages.append(f"پرسش بیش از {MAX_QUERY_CHARS} نویسه بود و کوتاه شد.")
        text = text[:MAX_QUERY_CHARS]
    if text.count('"') % 2:
        parsed.messages.append("گیومهٔ بی‌جفت نادیده گرفته شد.")
        last = text.rfind('"')
        text = text[:last] + " " + text[last + 1:]
    text = _join_split_words(text)
    parsed.raw = text.strip()
    items = list(_items(text, parsed))
    _group(items, parsed)
    if len(parsed.clauses) > MAX_CLAUSES:
        parsed.messages.append(f"فقط {MAX_CLAUSES} واژهٔ نخست پرسش جست‌وجو شد.")
        del parsed.clauses[MAX_CLAUSES:]
    return parsed


def without_fields(query: str, name: str, drop) -> str:
    """``query`` without its ``name:`` filters (also the Persian field name, quoted or not, not negated) whose value
    ``drop(value)`` accepts; the rest of the query as typed. A page un-checks a facet value the query selected."""
    text = _INVISIBLE.sub("", query if isinstance(query, str) else "").translate(_QUOTES)
    out, pos = [], 0
    for m in _TOKEN.finditer(text):
        field_name = m.group("field")
        if field_name is None or m.group("neg") or FIELD_ALIASES.get(field_name, field_name.lower()) != name:
            continue
        value = (m.group("fq") if m.group("fq") is not None else m.group("fv")).strip()
        if value and drop(value):
            out.append(text[pos:m.start()])
            pos = m.end()
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


def _items(text, parsed):
    """Yield ("or", None) | ("neg", term) | ("term", term) | ("field", FieldFilter) in query order."""
    for m in _TOKEN.finditer(text):
        if m.group("quote") or m.group("paren"):
            continue  # grouping is not part of the language; an odd quote was already reported
        neg = bool(m.group("neg"))
        name = m.group("field")
        if name is not None:
            canonical = FIELD_ALIASES.get(name, name.lower())
            value = m.group("fq") if m.group("fq") is not None else m.group("fv")
            if canonical in FIELDS:
                if value.strip():
                    yield "field", FieldFilter(canonical, value.strip(), neg)
                else:
                    parsed.messages.append(f"فیلد «{name}:» بدون مقدار نادیده گرفته شد.")
                continue
            # Not one of our fields (a URL, a time like 10:30): search its words.
            yield ("neg" if neg else "term"), Word(f"{name} {value}")
            continue
        if m.group("phrase") is not None:
            if m.group("phrase").strip():
                yield ("neg" if neg else "term"), Phrase(m.group("phrase").strip())
            continue
        word = m.group("word")
        if word in OR_WORDS and not neg:
            yield "or", None
            continue
        if word == PERSIAN_OR and not neg:
            yield "persian_or", None
            continue
        term = _word(word, parsed)
        if term is not None:
            yield ("neg" if neg else "term"), term


def _word(word, parsed):
    stripped = word.strip("-*~?+")
    if not stripped:
        parsed.messages.append(f"عملگر تنهای «{word}» نادیده گرفته شد.")
        return None
    if word.endswith("*") and len(stripped) >= 2:
        return Word(stripped, "prefix")
    if word.endswith("*"):
        parsed.messages.append(f"پیشوند «{word}» برای گسترش کوتاه است؛ بدون ستاره جست‌وجو شد.")
        return Word(stripped)
    if word.endswith("~") and len(stripped) >= 3:
        return Word(stripped, "fuzzy")
    return Word(stripped)


def _group(items, parsed):
    """Fold the flat item list into OR groups: ``a OR b c`` -> [[a, b], [c]]."""
    pending_or = False
    for i, (kind, value) in enumerate(items):
        if kind == "field":
            parsed.fields.append(value)
        elif kind == "neg":
            parsed.negatives.append(value)
        elif kind == "or":
            if not parsed.clauses or i == len(items) - 1 or items[i + 1][0] != "term":
                parsed.messages.append("عملگر OR بدون دو سو نادیده گرفته شد.")
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
        else:
            parsed.clauses.append([value])
            pending_or = False
    if not parsed.clauses and not parsed.fields and parsed.negatives:
        parsed.messages.append("پرسشی که فقط واژهٔ منفی دارد در همهٔ خبرها جست‌وجو شد.")
