"""Person names in Persian news text, found from the text alone (no model): lexicons and patterns.

A mention is one of, in order of trust:
1. a gazetteer name or alias (resources/people.tsv), also written as one word («بشاراسد»);
2. the words after a title (آقای، دکتر، آیت‌الله ...): the title is not part of the name;
3. a first name followed by a surname-like word («علی کریمی», «رجب طیب اردوغان», «محمد بن سلمان»);
4. a name-like word at the start of a clause followed by a speech verb («ربیعی افزود») or a role («... رئیس»);
5. later in the same document, a surname alone that an earlier full name introduced («لاریجانی» -> «علی لاریجانی»).

A word is *name-like* when it is a known name part, or else is no stop word, no verb form and no dictionary word.
Every decision is a dict or set lookup on the folded, ZWNJ-free token, so a whole article costs well under a
millisecond of Python.
"""

from analyzers.person_lexicon import Person, person_lexicon
from analyzers.lexicon import read_lines, key
from analyzers.fold import ZWNJ

import functools

MAX_NAME_TOKENS = 4
_CLAUSE_MARKS = frozenset(".،,:؛;!؟?()«»\"\n-–—ـ[]")
_NON_NAME_SUFFIXES = frozenset(["ها", "های", "هایی", "هایش", "ترین", "تر", "اش", "شان", "مان", "تان", "ام", "ات",
                                "اند", "است", "ایم", "اید", "ای"])
_WORD_ENDINGS = ("ی", "ان", "ها", "های", "ات", "یان", "ین", "گان", "ای", "یی")
# Second words of surnames written apart: «شکوری راد», «طارمی راد», «حسین زاده».
_SURNAME_SECOND_PARTS = frozenset(["راد", "پور", "زاده", "نیا", "فر", "فرد", "کیا", "نژاد", "منش", "وند", "مهر",
                                   "پناه", "دوست", "خواه", "بخش", "زادگان", "لو", "آبادی", "اصل"])
_SURNAME_ENDINGS = ("ی", "زاده", "پور", "نیا", "نژاد", "فر", "فرد", "راد", "کیا", "وند", "لو", "یان", "منش", "مهر",
                    "آبادی", "پناه", "دوست", "خواه", "بخش", "زادگان", "قلی")


@functools.cache
def _place_heads() -> frozenset:
    return frozenset(key(w)[0] for w in read_lines("place_heads.txt") if key(w))


class _Scanner:
    """One pass over a document's tokens; ``mentions`` ends as sorted ``(i, j, canonical)`` token spans."""

    def __init__(self, ft):
        self.ft = ft
        self.toks = ft.tokens
        self.lex = person_lexicon()
        self.mentions = []
        self.known = {}  # surname key (tuple) -> canonical, from earlier mentions in this document

    # --- word classes -------------------------------------------------------------------------------------------
    def blocked(self, i: int) -> bool:
        """Never part of a name: stop words, verb forms, titles, roles, numbers, inflected words."""
        tok = self.toks[i]
        sq = tok.sq
        lex = self.lex
        if len(sq) < 2 or not sq.isalpha() or sq in lex.stop or sq in lex.titles or sq in lex.roles:
            return True
        if sq in lex.verbs or sq in lex.speech or sq in _place_heads():
            return sq not in lex.first and sq not in lex.surnames and sq not in lex.gazetteer_tokens
        if ZWNJ in tok.text:
            parts = tok.text.split(ZWNJ)
            return parts[0] in ("می", "نمی", "بی") or parts[-1] in _NON_NAME_SUFFIXES
        return False

    def known_name(self, i: int) -> bool:
        sq = self.toks[i].sq
        lex = self.lex
        return sq in lex.first or sq in lex.surnames or sq in lex.gazetteer_tokens

    def name_like(self, i: int) -> bool:
        """A word that can be a name on its own evidence: a known name part, or no dictionary word at all."""
        if self.blocked(i):
            return False
        if self.known_name(i):
            return True
        return not self.wordlike(self.toks[i].sq)

    def wordlike(self, sq: str) -> bool:
        """A dictionary word, or one with a plural/adjective ending on a dictionary word («شاهدان», «قهرمانی»)."""
        common = self.lex.common
        if sq in common:
            return True
        for ending in _WORD_ENDINGS:
            if sq.endswith(ending) and len(sq) - len(ending) >= 2 and sq[: -len(ending)] in common:
                return True
        return False

    def surname_like(self, i: int) -> bool:
        """Name-like and no first name: what may close a name («کریمی», «ژانی»)."""
        sq = self.toks[i].sq
        return self.name_like(i) and (sq not in self.lex.first or sq in self.lex.surnames)

    def joined_to_previous(self, i: int) -> bool:
        return i > 0 and not self.ft.gap(self.toks[i - 1], self.toks[i]).strip()

    def clause_start(self, i: int) -> bool:
        if i == 0:
            return True
        gap = self.ft.gap(self.toks[i - 1], self.toks[i])
        return any(c in _CLAUSE_MARKS for c in gap) or self.toks[i - 1].sq in ("و", "اما", "ولی", "که")

    # --- patterns -------------------------------------------------------------------------------------------------
    def gazetteer_at(self, i: int, strong_context: bool):
        hit = self.lex.gazetteer.match(self.ft, i)
        if not hit:
            return None
        end, person = hit
        if person.weak and not strong_context and self.known.get(key_of(self.toks[i:end])) != person.canonical:
            return None
        return end, person.canonical

    def name_after(self, k: int, strong_context: bool):
        """The name starting at token ``k``: ``(end, canonical or None)``. Without a title before it the name must
        be a first name plus a surname-like word."""
        toks, lex = self.toks, self.lex
        n = len(toks)
        if k >= n:
            return None
        hit = self.gazetteer_at(k, strong_context)
        if hit:
            return hit
        j = k
        surname_seen = False
        while j < n and j - k < MAX_NAME_TOKENS:
            if j > k and not self.joined_to_previous(j):
                break
            sq = toks[j].sq
            if surname_seen:
                # A second surname word: «شکوری راد», «هاشمی رفسنجانی», «درویشی ژانی»; never a word that could
                # start the next phrase.
                if sq in _SURNAME_SECOND_PARTS or (self.name_like(j) and sq not in lex.first and (
                        sq in lex.surnames or sq.endswith(_SURNAME_ENDINGS))):
                    j += 1
                break
            if j > k and sq in lex.particles and j + 1 < n and self.name_like(j + 1):
                j += 1
                continue
            if self.name_like(j) or (j == k and sq in lex.weak_first):
                if sq not in lex.first and sq not in lex.weak_first or (j > k and sq in lex.surnames):
                    surname_seen = True
                j += 1
                continue
            # After a first name, an ordinary word can still be the surname («مریم سعادت», «محمود راسخ»).
            if j > k and not self.blocked(j) and toks[j - 1].sq in lex.first:
                surname_seen = True
                j += 1
                continue
            break
        if j == k:
            return None
        if not strong_context:
            first = toks[k].sq
            if (first not in lex.first and first not in lex.weak_first) or j - k < 2:
                return None
            # A first name that is also a word («محسن», «شبنم», «روز») needs a surname that is no frequent word.
            if first in lex.weak_first and all(toks[m].sq in lex.frequent or self.blocked(m) for m in range(k + 1, j)):
                return None
        return j, None

    def after_place_head(self, i: int) -> bool:
        return i > 0 and self.toks[i - 1].sq in _place_heads()

    def speech_cue(self, i: int):
        """1-3 name-like words at a clause start followed by a speech verb or a role: ``end`` or None."""
        if not self.clause_start(i):
            return None
        toks, lex = self.toks, self.lex
        j = i
        while j < len(toks) and j - i < 3 and self.name_like(j) and (j == i or self.joined_to_previous(j)):
            j += 1
        if j == i or j >= len(toks) or not self.joined_to_previous(j):
            return None
        if lex.speech.match(self.ft, j):
            return j
        return None

    # --- the pass -------------------------------------------------------------------------------------------------
    def add(self, i: int, j: int, canonical: str | None) -> None:
        if canonical is None:
            whole = key_of(self.toks[i:j])
            canonical = self.known.get(whole) or " ".join(t.text for t in self.toks[i:j])
        self.mentions.append((i, j, canonical))
        if j - i > 1:
            self.known[(self.toks[j - 1].sq,)] = canonical
            self.known[key_of(self.toks[i:j])] = canonical
        else:
            self.known.setdefault((self.toks[i].sq,), canonical)
        for surname in self.lex.surname_of.get(canonical, ()):
            self.known[surname] = canonical

    def scan(self) -> list:
        toks, lex = self.toks, self.lex
        n = len(toks)
        i = 0
        while i < n:
            sq = toks[i].sq
            if self.after_place_head(i):
                i += 1
                continue
            title = lex.titles.match(self.ft, i)
            if title:
                k = title[0]
                while k < n and (more := lex.titles.match(self.ft, k)):
                    k = more[0]
                if k < n and self.after_place_head(i):
                    i = k
                    continue
                name = self.name_after(k, strong_context=True)
                if name:
                    self.add(k, name[0], name[1])
                    i = name[0]
                else:
                    i = k
                continue
            hit = self.gazetteer_at(i, strong_context=False)
            if hit:
                # A longer name starting here wins («علی لاریجانی» is in the gazetteer, «علی کریمی» is not).
                self.add(i, hit[0], hit[1])
                i = hit[0]
                continue
            if sq in self.known and self.name_like(i):
                j = i + 1
                self.add(i, j, self.known[(sq,)] if (sq,) in self.known else None)
                i = j
                continue
            if sq in lex.joined:
                self.add(i, i + 1, lex.joined[sq])
                i += 1
                continue
            if sq in lex.first or sq in lex.weak_first:
                name = self.name_after(i, strong_context=False)
                if name:
                    self.add(i, name[0], name[1])
                    i = name[0]
                    continue
            end = self.speech_cue(i)
            if end:
                self.add(i, end, None)
                i = end
                continue
            i += 1
        return self.mentions


def key_of(toks) -> tuple:
    return tuple(t.sq for t in toks)


def find(ft) -> list[tuple[int, int, str]]:
    """Person mentions in a ``spans.FoldedText`` as token spans ``(i, j, canonical full name)``."""
    scanner = _Scanner(ft)
    # ``known`` is keyed by single-token tuples; sq lookups use the token itself.
    scanner.known = _KnownSurnames()
    return scanner.scan()


class _KnownSurnames(dict):
    """Surnames seen so far, looked up by a token string or a key tuple."""

    def __contains__(self, item):
        return super().__contains__(item if isinstance(item, tuple) else (item,))


__all__ = ["Person", "find"]
