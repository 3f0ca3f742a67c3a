"""Folding: every spelling variant of a Persian word to one form, the same for indexed text, queries and lexicons.

Two steps, both fast:
1. letters and digits: one ``str.translate`` table (C speed): Arabic ي/ك, ة/ۀ, أ/إ/ٱ, ؤ, every digit to ASCII;
   harakat, tatweel, bidi and zero-width marks (not ZWNJ) deleted. Characters it deletes are listed in
   ``IGNORABLE`` so that tokenizers can keep them inside words and still report offsets into the original text.
2. orthographic variants (issue 9), only in text holding آ, ئ or ء (``variants``): alef with madda is alef
   («آمریکا» = «امریکا»), hamza on yeh is yeh («رئیس» = «رییس», «مسائل» = «مسایل», «پائیز» = «پاییز»), alef + ء is
   alef («اعضاء» = «اعضا»); words whose hamza takes another seat follow resources/hamza_words.tsv («هیئت» = «هیات»,
   «مسئول» = «مسؤول» = «مسوول»); words that the madda or hamza tells apart from another word keep it
   (resources/distinct_spellings.txt: «آستان» is not «استان», «رئال» is not «ریال»).

Why fold the madda rather than index both forms: a reader's «امریکا» and the archive's «آمریکا» must meet in one
term from either side, and the words that the madda distinguishes are few enough to list (Lucene's ArabicNormalizer
folds آ to ا without exceptions). Step 2 works within words and keeps a word's length except for «اء» and «سئوال»:
``OffsetMap`` (analyzers.spans) maps those back.
"""

import re
import sys
import unicodedata
from importlib import resources

ZWNJ = "\u200c"

_LETTERS = {
    "ي": "ی", "ى": "ی", "ے": "ی", "ې": "ی", "ۍ": "ی",   # Arabic/Urdu/Pashto ya forms
    "ك": "ک", "ڪ": "ک",                                  # Arabic and swash kaf
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ہ": "ه", "ھ": "ه",     # ta marbuta, heh with hamza, other heh forms
    "أ": "ا", "إ": "ا", "ٱ": "ا",                        # alef with hamza / wasla (آ: step 2)
    "ؤ": "و",
}

# Combining marks written over Persian letters: harakat, superscript alef, hamza above/below.
_HARAKAT = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670"]
_TATWEEL = ["\u0640"]
# Bidi controls and zero-width characters; ZWNJ (U+200C) is meaningful in Persian and is kept.
_INVISIBLE = ["\u200b", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad", "\u2060"] + [
    chr(c) for c in list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A))
]

IGNORABLE = "".join(_HARAKAT + _TATWEEL + _INVISIBLE)


def _build_table():
    table = {ord(ch): None for ch in IGNORABLE}
    table.update({ord(src): dst for src, dst in _LETTERS.items()})
    # Arabic presentation forms (ﻛ, ﯾ, ﻻ ...) to their base letters, then through the letter map.
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFEFF)):
        ch = chr(cp)
        base = unicodedata.normalize("NFKC", ch)
        if base != ch and unicodedata.category(ch).startswith("L"):
            table[cp] = "".join(_LETTERS.get(b, b) for b in base if b not in IGNORABLE and b != " ")
    # Every decimal digit in Unicode (Persian ۰-۹, Arabic-Indic ٠-٩, Devanagari ...) to ASCII.
    for cp in range(sys.maxunicode + 1):
        if cp > 0x7F and unicodedata.category(chr(cp)) == "Nd":
            table[cp] = str(unicodedata.digit(chr(cp)))
    return table


TABLE = _build_table()

# -- step 2: orthographic variants ------------------------------------------------------------------------------------

MADDA, HAMZA_YEH, HAMZA = "آ", "ئ", "ء"
# The general rules: a character (or alef + hamza) in any word.
GENERAL = {MADDA: "ا", HAMZA_YEH: "ی", "ا" + HAMZA: "ا"}
# Endings every distinct word keeps its madda/hamza before («آفت‌ها» and «آفتها» stay pests, not falls).
_PLURAL_ENDINGS = ("ها", "های", "هایی")


def _resource_lines(name: str) -> list[str]:
    text = resources.files("analyzers").joinpath("resources", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _read_seats() -> dict[str, str]:
    out = {}
    for line in _resource_lines("hamza_words.tsv"):
        written, folded = line.split("\t")
        out[written.translate(TABLE)] = folded.translate(TABLE)
    return out


def _read_distinct() -> dict[str, tuple[str, ...]]:
    """Distinct word -> the endings it keeps its madda/hamza before (the plural ones and any listed with it)."""
    out = {}
    for line in _resource_lines("distinct_spellings.txt"):
        word, _, extra = line.partition("\t")
        out[word.translate(TABLE)] = _PLURAL_ENDINGS + tuple(e for e in extra.split("|") if e)
    return out


SEATS = _read_seats()
DISTINCT = _read_distinct()


def _longest_first(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _distinct_words() -> str:
    """A distinct word with an optional ending of its own, each word's endings in one group of alternatives."""
    by_endings = {}
    for word, endings in DISTINCT.items():
        by_endings.setdefault(endings, []).append(word)
    return "|".join(f"(?:{_longest_first(words)})(?:\u200c?(?:{_longest_first(endings)}))?"
                    for endings, words in by_endings.items())


# One scan: a distinct word (kept: group "keep"), else a seat rule's form, else a general rule. A distinct word is a
# whole word, a half-space inside it included: «آل‌احمد» folds as «آلاحمد» does (index terms lose their ZWNJ).
_VARIANTS = re.compile(
    r"(?P<keep>(?<![\w\u200c])(?:" + _distinct_words() + r")(?![\w\u200c]))"
    + r"|" + _longest_first(list(SEATS) + list(GENERAL)))
_REPLACE = {**GENERAL, **SEATS}


def _replacement(m: re.Match) -> str:
    return m.group() if m.group("keep") else _REPLACE[m.group()]


# A word (half-spaces inside it) holding a character a rule starts from: the rules run word by word, each distinct
# word once (cached), so folding a long text costs little more than its translate.
_RULE_WORD = re.compile(r"[\w\u200c]*[" + MADDA + HAMZA_YEH + HAMZA + r"][\w\u200c]*")
_folded_words: dict[str, str] = {}
_CACHE_LIMIT = 200_000


def _fold_rule_word(m: re.Match) -> str:
    word = m.group()
    got = _folded_words.get(word)
    if got is None:
        if len(_folded_words) > _CACHE_LIMIT:
            _folded_words.clear()
        got = _folded_words[word] = _VARIANTS.sub(_replacement, word)
    return got


def variants(text: str) -> str:
    """Step 2 on letter-folded ``text`` (``text.translate(TABLE)``): the madda and hamza rules."""
    if MADDA in text or HAMZA_YEH in text or HAMZA in text:
        return _RULE_WORD.sub(_fold_rule_word, text)
    return text


def variant_edits(text: str):
    """``(start, end, replacement)`` of each step-2 change of letter-folded ``text`` that changes its length (for
    mapping offsets back: analyzers.spans.OffsetMap)."""
    if not (MADDA in text or HAMZA_YEH in text or HAMZA in text):
        return []
    out = []
    for m in _VARIANTS.finditer(text):
        new = _replacement(m)
        if len(new) != m.end() - m.start():
            out.append((m.start(), m.end(), new))
    return out


# The rules beyond the one-character table, for the analyzer's fingerprint (analyzers.fingerprint: an index built
# with other rules must be rebuilt) and the key of the lemma tables' cache (analyzers.lemma).
FINGERPRINT_PARTS = (sorted(_REPLACE.items()), sorted(DISTINCT.items()))
SIGNATURE = repr((sorted(TABLE.items()), *FINGERPRINT_PARTS))


def fold(text: str) -> str:
    """Return ``text`` with every letter, digit and spelling variant folded; ZWNJ and spaces are left as they are."""
    return variants(text.translate(TABLE))
