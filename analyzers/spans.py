"""Text as entity recognition sees it: tokens that are folded for matching but keep their original offsets.

Folding the whole text and mapping offsets back costs more than the analyzer itself (``str.translate`` touches
every character), so ``TokenizedText`` tokenizes the *original* text with a pattern that keeps the characters
``fold`` deletes (harakat, tatweel, bidi marks) inside words, and folds each distinct word once (a per-process
cache, as the analyzer does). Offsets are then simply the original ones.

Dates are found by regexes on folded text; ``dated_windows`` folds only short windows around four-digit numbers
(every written date has a year), and ``OffsetMap`` maps a folded window back to the original: ``fold`` deletes
some characters and expands a few ligatures («ﻻ» -> «لا»), so the map is a short list of breakpoints.
"""

import bisect
from itertools import accumulate, compress, count
from operator import itemgetter
import re
import unicodedata
from analyzers.fold import IGNORABLE, TABLE, variant_edits, variants
from analyzers.lexicon import squash

_MARKS = "".join(c for c in IGNORABLE if unicodedata.category(c) == "Mn")  # harakat: part of their letter
# A word of the original text: starts with a letter or digit; inside it anything fold deletes, and ZWNJ; it ends on
# a letter, digit or a mark written on it (a bidi mark or ZWNJ after a word is not part of it).
_END = r"[\w" + re.escape(_MARKS) + r"]"  # a character a word may end on
# ZWNJ and the deleted characters a word may hold but not end on (tatweel is \w: it may end a word).
_INNER = "[" + re.escape("".join(c for c in "\u200c" + IGNORABLE if not re.match(_END, c))) + "]"
# Runs of end characters separated by runs of inner ones, the last run an end run. Possessive quantifiers: the same
# words as ``[^\W_](?:[\w\u200c<ignorable>]*[\w<marks>])?`` without backtracking to the last letter of each word
# (the split that tokenizes a text costs 20% less).
ORIGINAL_TOKEN = re.compile(r"[^\W_]" + _END + r"*+(?:" + _INNER + r"++" + _END + r"++)*+")
_SPLIT = re.compile("(" + ORIGINAL_TOKEN.pattern + ")")
_SPACE_GAP = " "
_EMPTY = ("", "")
_CACHE_LIMIT = 200_000

# ``fold`` for this module's hot paths, the same result: str.translate looks every non-ASCII character up in its
# table, and a character the table lacks (most Persian letters, spaces, digits) costs a KeyError raised and cleared
# in C. Here those map to themselves: folding a window around a date costs a third.
_FOLD_TABLE = {cp: cp for cp in (*range(0x100), *range(0x0600, 0x0700), *range(0x2000, 0x2070), 0xFD3E, 0xFD3F)}
_FOLD_TABLE.update(TABLE)


def _fold(text: str) -> str:
    return variants(text.translate(_FOLD_TABLE))


# Per distinct written word, once per process: (folded, folded without ZWNJ, marks: bit k set if marker k accepts it).
_word_data: dict = {}
# Predicates on a folded, ZWNJ-free word registered by the recognizers (``add_marker``): e.g. «may this word start
# a person's name?». Their answers are cached with the word's folding, so a recognizer's first filter over a text
# costs no look-up of its own in a big set (the look-ups into large tables, one per word, are most of the cost).
_MARKERS: list = []
_TEXT, _SQ, _MARKS_OF = itemgetter(0), itemgetter(1), itemgetter(2)


def add_marker(predicate) -> int:
    """Register ``predicate(sq) -> bool``; the number to give ``TokenizedText.marked``. The answer for a word is
    computed when the word is first seen and never again: the predicate must not change its mind."""
    _MARKERS.append(predicate)
    _word_data.clear()  # cached words lack the new answer
    return len(_MARKERS) - 1


def _fold_word(word: str) -> tuple:
    if len(_word_data) > _CACHE_LIMIT:
        _word_data.clear()
    folded = _fold(word)
    sq = squash(folded)
    marks = sum(1 << k for k, marker in enumerate(_MARKERS) if marker(sq))
    data = _word_data[word] = (folded, sq, marks)
    return data


class TokenizedText:
    """``original`` and its words as parallel lists: ``words`` (as written), ``sqs`` (folded, ZWNJ squeezed out: the
    lookup keys), ``gaps`` (original text before each word); ``text(i)`` is word i folded with its ZWNJ,
    ``marked(k)`` the words marker ``k`` accepts and ``spans(indices)`` the original offsets of a few words. Lists
    built by C-level calls (one regex split, dict lookups), not a Python object per word: per-word objects would
    cost more than all of recognition."""

    __slots__ = ("original", "words", "sqs", "gaps", "_parts", "_data", "_marked")

    def __init__(self, original: str):
        self.original = original
        self._parts = parts = _SPLIT.split(original)  # [gap, word, gap, word, ..., gap]
        self.words = words = parts[1::2]
        self.gaps = parts[0::2]
        try:
            self._data = data = list(map(_word_data.__getitem__, words))  # C-level loop
        except KeyError:
            self._data = data = [_word_data.get(w) or _fold_word(w) for w in words]
        self.sqs = list(map(_SQ, data))
        self._marked = None  # indices of the words some marker accepts, on first use

    def text(self, i: int) -> str:
        """Word ``i`` folded, ZWNJ kept."""
        return self._data[i][0]

    @property
    def texts(self) -> list[str]:
        return list(map(_TEXT, self._data))

    def marked(self, marker: int) -> list[int]:
        """Indices of the words that marker number ``marker`` (``add_marker``) accepts, in text order."""
        data = self._data
        if self._marked is None:  # one C-level pass for all markers; about a tenth of the words is left
            self._marked = list(compress(count(), map(_MARKS_OF, data)))
        bit = 1 << marker
        return [i for i in self._marked if data[i][2] & bit]

    def spans(self, indices) -> dict[int, tuple[int, int]]:
        """``{i: (start, end)}``: original offsets of the words ``indices``. Only entities need offsets, a few per
        text: the lengths of the parts before each one are summed in C, once up to the last (a list of every
        offset would allocate an int per word and cost a tenth of extraction)."""
        parts, words = self._parts, self.words
        out = {}
        pos = consumed = 0  # offset of part number ``consumed``
        for i in sorted(set(indices)):
            part = 2 * i + 1  # word i is part 2i + 1
            pos += len("".join(parts[consumed:part]))  # C: cheaper than summing the lengths one by one
            consumed = part
            out[i] = (pos, pos + len(words[i]))
        return out

    @property
    def starts(self) -> list[int]:
        return self._bounds()[0::2][:-1]

    @property
    def ends(self) -> list[int]:
        return self._bounds()[1::2]

    def _bounds(self) -> list[int]:
        return list(accumulate(map(len, self._parts)))

    def gap(self, left: int, right: int) -> str:
        """The folded text between token ``left`` and the next token ``right``."""
        gap = self.gaps[right]
        return gap if gap == _SPACE_GAP else _fold(gap)


# Characters whose folded form is not exactly one character long.
_RESIZED_RE = re.compile("[" + "".join(
    re.escape(chr(cp)) for cp, rep in sorted(TABLE.items()) if rep is None or (isinstance(rep, str) and len(rep) != 1)
) + "]")


class OffsetMap:
    """``folded`` = fold(original); ``span(start, end)`` maps folded offsets back to original ones."""

    __slots__ = ("original", "folded", "_seg_f", "_seg_o", "_flat", "_variants")

    def __init__(self, original: str):
        self.original = original
        letters = original.translate(_FOLD_TABLE)  # step 1 of the folding: the segments below map it back
        self._seg_f = [0]  # letter-folded offset where a segment starts
        self._seg_o = [0]  # original offset of that letter-folded offset
        self._flat = [False]  # True for the characters of an expansion: all map to one original character
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
        # Step 2 (variants) changes the length of a few words («اعضاء» -> «اعضا»): (folded start, letter-folded
        # start, letter-folded end) of each, so an offset inside one maps to the word's start (its end to its end).
        self._variants = []
        shift = 0
        for start, end, new in variant_edits(letters):
            self._variants.append((start + shift, start, end, len(new)))
            shift += len(new) - (end - start)
        self.folded = variants(letters)

    def _to_letters(self, f: int, last: bool) -> int:
        """The letter-folded offset of folded offset ``f`` (``last``: ``f`` is the last character of a span)."""
        shift = 0
        for folded_start, start, end, size in self._variants:
            if f < folded_start:
                break
            if f < folded_start + size:
                return end - 1 if last and f == folded_start + size - 1 else start
            shift = end - (folded_start + size)
        return f + shift

    def _letters_to_original(self, f: int) -> int:
        k = bisect.bisect_right(self._seg_f, f) - 1
        if self._flat[k]:
            return self._seg_o[k]
        return self._seg_o[k] + (f - self._seg_f[k])

    def to_original(self, f: int) -> int:
        """Original offset of the character at folded offset ``f``."""
        return self._letters_to_original(self._to_letters(f, False) if self._variants else f)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of folded ``[start, end)``; marks written on the last letter are included."""
        o_start = self.to_original(start)
        if end > start:
            last = self._to_letters(end - 1, True) if self._variants else end - 1
            o_end = self._letters_to_original(last) + 1
        else:
            o_end = o_start
        text = self.original
        while o_end < len(text) and text[o_end] in _MARKS:
            o_end += 1
        return o_start, o_end


_WINDOW = 48  # characters around a date hint: enough for «سه‌شنبه ۲۱ اردیبهشت‌ماه سال ۱۳۸۷»


def dated_windows(text: str):
    """``(offset, OffsetMap)`` for each stretch of ``text`` around a date hint (``dates.date_hints``), merged
    when they touch; a window never cuts a word or a number in two."""
    from analyzers.dates import date_hints  # dates needs only fold; imported here to keep this module low-level

    windows = []
    for m in date_hints(text):
        start = text.rfind(" ", 0, max(0, m.start() - _WINDOW)) + 1
        end = text.find(" ", min(len(text), m.end() + _WINDOW))
        end = len(text) if end < 0 else end
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [(start, OffsetMap(text[start:end])) for start, end in windows]
