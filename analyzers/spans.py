"""Folded text with a map back to the original: entities are matched on ``fold(text)`` but reported in ``text``.

``fold`` deletes some characters (harakat, tatweel, bidi marks) and expands a few presentation-form ligatures
(«ﻻ» -> «لا»), so folded offsets drift from the original ones. Only those characters move offsets, so the map is a
short list of breakpoints found with one regex search (most texts have none or a handful), not a per-character
table, and a lookup is a bisect.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass

from analyzers.fold import IGNORABLE, TABLE, fold
from analyzers.lexicon import TOKEN, squash

# Characters whose folded form is not exactly one character long.
_RESIZED = {cp: rep for cp, rep in TABLE.items() if rep is None or (isinstance(rep, str) and len(rep) != 1)}
_RESIZED_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_RESIZED)) + "]")
# Combining marks (harakat) written on a letter belong to its word; bidi and zero-width marks do not.
_MARKS = frozenset(c for c in IGNORABLE if unicodedata.category(c) == "Mn")


@dataclass(slots=True)
class Token:
    start: int  # offsets into the folded text
    end: int
    text: str  # folded, ZWNJ kept
    sq: str  # folded, ZWNJ squeezed out: the lookup key


class FoldedText:
    """``original``, its ``folded`` form, its tokens, and ``span(start, end)`` mapping folded offsets back."""

    __slots__ = ("original", "folded", "_seg_f", "_seg_o", "_flat", "_tokens")

    def __init__(self, original: str):
        self.original = original
        self.folded = fold(original)
        self._seg_f = [0]  # folded offset where a segment starts
        self._seg_o = [0]  # original offset of that folded offset
        self._flat = [False]  # True for the characters of an expansion: all map to one original character
        self._tokens = None
        f = last = 0
        for m in _RESIZED_RE.finditer(original):
            p = m.start()
            f += p - last
            rep = TABLE[ord(original[p])]
            size = 0 if rep is None else len(rep)
            if size:
                self._seg_f.append(f)
                self._seg_o.append(p)
                self._flat.append(True)
            f += size
            last = p + 1
            self._seg_f.append(f)
            self._seg_o.append(last)
            self._flat.append(False)

    def to_original(self, f: int) -> int:
        """Original offset of the character at folded offset ``f``."""
        k = bisect.bisect_right(self._seg_f, f) - 1
        if self._flat[k]:
            return self._seg_o[k]
        return self._seg_o[k] + (f - self._seg_f[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of folded ``[start, end)``; marks written on the last letter are included."""
        o_start = self.to_original(start)
        o_end = self.to_original(end - 1) + 1 if end > start else o_start
        text = self.original
        while o_end < len(text) and text[o_end] in _MARKS:
            o_end += 1
        return o_start, o_end

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = [Token(m.start(), m.end(), m.group(), squash(m.group())) for m in TOKEN.finditer(self.folded)]
        return self._tokens

    def gap(self, left: Token, right: Token) -> str:
        """The folded text between two tokens."""
        return self.folded[left.end:right.start]
