"""Character folding: one table that maps every spelling variant of a Persian letter or digit to one form.

Folding never changes the meaning of a word, only its spelling, so it is applied to indexed text, queries and
lexicons alike. It is a single ``str.translate`` (C speed). Characters it deletes (harakat, tatweel, bidi and
zero-width marks) are listed in ``IGNORABLE`` so that tokenizers can keep them inside words and still report
offsets into the original text.
"""

import sys
import unicodedata

ZWNJ = "\u200c"

_LETTERS = {
    "ي": "ی", "ى": "ی", "ے": "ی", "ې": "ی", "ۍ": "ی",   # Arabic/Urdu/Pashto ya forms
    "ك": "ک", "ڪ": "ک",                                  # Arabic and swash kaf
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ہ": "ه", "ھ": "ه",     # ta marbuta, heh with hamza, other heh forms
    "أ": "ا", "إ": "ا", "ٱ": "ا",                        # alef with hamza / wasla (آ is kept)
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


def fold(text: str) -> str:
    """Return ``text`` with every letter and digit variant folded; ZWNJ and spaces are left as they are."""
    return text.translate(TABLE)
