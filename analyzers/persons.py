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
    def name_like(self, i: int) -> bool:
        tok = self.toks[i]
        sq = tok.sq
        lex = self.lex
        if len(sq) < 2 or not sq.isalpha() or sq in lex.stop or sq in lex.titles or sq in lex.roles:
            return False
        if sq in lex.first or sq in lex.surnames or sq in lex.gazetteer_tokens:
            return True
        if sq in lex.common or sq in lex.verbs or sq in lex.speech:
            return False
        if ZWNJ in tok.text:
            parts = tok.text.split(ZWNJ)
            if parts[0] in ("می", "نمی", "بی") or parts[-1] in _NON_NAME_SUFFIXES:
                return False
        return True

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
            if j > k and sq in lex.particles and j + 1 < n and self.name_like(j + 1):
                j += 1
                continue
            if not self.name_like(j):
                break
            if surname_seen:
                # A second surname word («هاشمی رفسنجانی», «درویشی ژانی») only when it is no dictionary word
                # that could start the next phrase.
                if sq not in lex.first and (sq in lex.surnames or sq.endswith(_SURNAME_ENDINGS)):
                    j += 1
                break
            if sq not in lex.first or (j > k and sq in lex.surnames):
                surname_seen = True
            j += 1
        if j == k:
            return None
        if not strong_context:
            first = toks[k].sq
            if first not in lex.first or j - k < 2:
                return None
            if first in lex.weak_first and not any(toks[m].sq not in lex.common for m in range(k + 1, j)):
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
            if sq in lex.first:
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
