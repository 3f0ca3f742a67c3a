"""Person names in Persian news text, found from the text alone (no model): lexicons and patterns.

A mention is one of, in order of trust:
1. a gazetteer name or alias (resources/people.tsv), also written as one word («بشاراسد»);
2. the words after a title (آقای، دکتر، آیت‌الله، «به نام» ...): the title is not part of the name;
3. a first name followed by a surname («علی کریمی», «رجب طیب اردوغان», «محمد بن سلمان», «مریم سعادت»);
4. a name-like word at the start of a clause followed by a speech verb («ربیعی افزود») or a role
   («یونسی، رئیس ...»), or in a list right after another person («یونسی و نمازی»);
5. later in the same document, a surname alone that an earlier full name introduced («لاریجانی» -> «علی لاریجانی»).

A word is *name-like* when it is a known name part, or else is no stop word, no verb form and no dictionary word.
Every decision is a dict or set lookup on the folded, ZWNJ-free token, so an article costs about a millisecond.
"""

import functools
from itertools import compress, count

from analyzers import person_values
from analyzers.fold import ZWNJ
from analyzers.lexicon import key
from analyzers.person_lexicon import FREQUENT, NAMING, PROPHET, person_lexicon
from analyzers.spans import add_marker

MAX_NAME_TOKENS = 4
UNRESOLVED = ""  # the canonical of a person mention that names no one in particular (see person_values)
# hazm's frequency above which a dictionary word is never read as a surname (روز 58M, برگزار 5M; رضوی 1.2M).
RELAXED_SURNAME_MAX_FREQUENCY = 3_000_000
_CLAUSE_MARKS = frozenset(".،,:؛;!؟?()«»\"\n-–—[]")
_LIST_MARKS = frozenset("،,")
_VERB_PREFIXES = frozenset(["می", "نمی", "بی", "درمی", "برمی", "فرومی", "بازمی", "ورمی", "درنمی", "برنمی"])
_CLAUSE_WORDS = frozenset(["و", "اما", "ولی", "که", "كه"])
_NON_NAME_SUFFIXES = frozenset(["ها", "های", "هایی", "هایش", "ترین", "تر", "اش", "شان", "مان", "تان", "ام", "ات",
                                "اند", "است", "ایم", "اید", "ای"])
# Endings that make a word out of a dictionary word: plural, adjective, ezafe («شاهدان», «قهرمانی», «اجرای»).
_WORD_ENDINGS = ("ی", "ان", "ها", "های", "ات", "یان", "ین", "گان", "ای", "یی", "تان", "شان", "اش", "ترین")
# Second words of surnames written apart: «شکوری راد», «طارمی راد», «حسین زاده».
_SURNAME_SECOND_PARTS = frozenset(["راد", "پور", "زاده", "نیا", "فر", "فرد", "کیا", "نژاد", "منش", "وند", "مهر",
                                   "پناه", "دوست", "خواه", "بخش", "زادگان", "لو", "آبادی", "اصل"])
_CUE_ADVERBS = frozenset(["همچنین", "نیز", "سپس", "ضمنا", "درادامه", "ادامه", "در", "بار", "دیگر", "امروز",
                          "دیروز", "همچنان", "بعدا", "اضافه", "هم"])
_PLURAL_ENDINGS = ("گان", "ها", "های", "هایی")
_SURNAME_ENDINGS = ("ی", "زاده", "پور", "نیا", "نژاد", "فر", "فرد", "راد", "کیا", "وند", "لو", "یان", "منش", "مهر",
                    "آبادی", "پناه", "دوست", "خواه", "بخش", "زادگان", "قلی")
# «ناصرالدین‌شاه», «امیرکبیر‌خان»: a first name joined to a rank.
_JOINED_RANKS = frozenset(["شاه", "خان", "میرزا", "بیگ", "بیک", "السلطنه", "الدوله", "الملک"])
# «امام» is part of the name in «امام حسین», «امام خمینی».
_NAME_TITLES = frozenset(["امام"])
# Adjectives and professions written after a title («شهید بزرگوار», «دکتر معالج», «مهندس الکترونیک»).
_TITLE_ADJECTIVES = frozenset(key(
    "بزرگوار عالیقدر عالی‌قدر عالی‌مقام عالیمقام گرامی محترم ارجمند فقید بازنشسته معالج متخصص ارشد سابق پیشین "
    "وقت بزرگ معروف مشهور عزیز جوان مسئول الکترونیک فیزیک شیمی عمران معمار کشاورزی ناظر مشاور گرانقدر والامقام "
    "شهیر نامدار برجسته فرزانه دانشمند عالم فاضل علامه"))
_RELIGIOUS_HONORIFICS = frozenset(["ع", "ص", "س", "ره", "عج"])
_PROPHET = PROPHET


@functools.cache
def _place_heads() -> frozenset:
    """The first words of resources/place_heads.txt: no name starts right after one («خیابان بهشتی»)."""
    one, many = person_values.heads()
    return one | frozenset(h[0] for h in many)


_BLOCKED, _KNOWN, _NAME_LIKE, _SHAPED, _CUE, _COREFERENT = 1, 2, 4, 8, 16, 32
def _outside_skip(sq: str) -> bool:
    return sq not in person_lexicon().skip


# Words outside the lexicon's own skip set, answered once per distinct word with its folding (``spans.add_marker``):
# the scan's first filter costs no look-up in that large set. The set never learns from the text: what an article
# yields must not depend on the articles the process saw before it.
_OUTSIDE_SKIP = add_marker(_outside_skip)
_CACHE_LIMIT = 200_000
_word_classes: dict = {}  # word as written -> bit set of the classes above


def _frequency(lex, sq: str) -> int:
    """hazm's corpus frequency of the word, or of the dictionary word it is built on; 0 for no word."""
    freq = lex.frequency
    if sq in freq:
        return freq[sq]
    for ending in _WORD_ENDINGS:
        stem = sq[: -len(ending)]
        if sq.endswith(ending) and len(stem) >= 2 and stem in freq:
            return freq[stem]
    return 0


def _wordlike(lex, sq: str) -> bool:
    """A dictionary word, or one with a plural/adjective/comparative ending on a dictionary word («شاهدان»,
    «قهرمانی», «گرانترین»; not «تر»: foreign surnames end so, «کارتر», «بلاتر»)."""
    if sq in lex.common:
        return True
    return any(sq.endswith(e) and len(sq) - len(e) >= 2 and sq[: -len(e)] in lex.common for e in _WORD_ENDINGS)


def _classify(lex, text: str, sq: str) -> int:
    known = sq in lex.first or sq in lex.surnames or sq in lex.gazetteer_tokens
    if len(sq) < 2 or not sq.isalpha() or sq in lex.stop or sq in lex.titles or sq in lex.roles:
        blocked = True
    elif sq in lex.verbs or sq in lex.speech or sq in _place_heads() or sq in lex.country_words:
        blocked = not known
    elif ZWNJ in text:
        parts = text.split(ZWNJ)
        blocked = parts[0] in _VERB_PREFIXES or parts[-1] in _NON_NAME_SUFFIXES
    else:
        blocked = False
    if blocked:
        return _BLOCKED | (_KNOWN if known else 0)
    name_like = known or not _wordlike(lex, sq)
    # After a vowel the ی is the ezafe («اجرای قانون», «دانشجوی»), not the adjective/surname ending.
    shaped = name_like or (sq.endswith("ی") and sq not in lex.common and not sq.endswith(("انی", "هایی"))
                           and len(sq) > 2 and sq[-2] not in "اوآ" and sq[:-1] in lex.common)
    rare = _frequency(lex, sq) < FREQUENT
    cue = name_like or (shaped and rare)  # see _Scanner.cue_word
    coreferent = name_like or rare  # see _Scanner.coreferent
    return ((_KNOWN if known else 0) | (_NAME_LIKE if name_like else 0) | (_SHAPED if shaped else 0)
            | (_CUE if cue else 0) | (_COREFERENT if coreferent else 0))


class _Scanner:
    """One pass over a document's tokens; ``scan()`` returns sorted ``(i, j, canonical)`` token spans."""

    def __init__(self, ft):
        self.ft = ft
        self.sqs = ft.sqs
        self.words = ft.words
        self.n = len(ft.sqs)
        self.lex = person_lexicon()
        self.mentions = []
        self.known = {}  # name key (tuple of tokens) -> canonical, from earlier mentions in this document
        self.known_words = set()  # the one-word keys of ``known``
        self.last_end = -1  # token index after the last mention
        self.place_heads = _place_heads()

    # --- word classes (they depend on the word alone: computed once per distinct word, cached) -----------------
    def cls(self, i: int) -> int:
        word = self.words[i]
        c = _word_classes.get(word)
        if c is None:
            if len(_word_classes) > _CACHE_LIMIT:
                _word_classes.clear()
            c = _word_classes[word] = _classify(self.lex, self.ft.text(i), self.sqs[i])
        return c

    # The tests below read the cache directly and call cls() only for a word not seen yet: one call per test instead
    # of two (they run some 80,000 times per 1,500 articles).
    def blocked(self, i: int) -> bool:
        """Never part of a name: stop words, verb forms, titles, roles, numbers, inflected words."""
        c = _word_classes.get(self.words[i])
        return bool((self.cls(i) if c is None else c) & _BLOCKED)

    def known_name(self, i: int) -> bool:
        """A first name, common surname or gazetteer word."""
        c = _word_classes.get(self.words[i])
        return bool((self.cls(i) if c is None else c) & _KNOWN)

    def name_like(self, i: int) -> bool:
        """A word that can be a name on its own evidence: a known name part, or no dictionary word at all."""
        c = _word_classes.get(self.words[i])
        return bool((self.cls(i) if c is None else c) & _NAME_LIKE)

    def surname_shaped(self, i: int) -> bool:
        """Name-like, or a dictionary word plus the adjective ی («کاظمینی», «صانعی»): the shape of most Iranian
        surnames. Plurals («شاهدان») and dictionary words themselves are not."""
        c = _word_classes.get(self.words[i])
        return bool((self.cls(i) if c is None else c) & _SHAPED)

    def wordlike(self, sq: str) -> bool:
        return _wordlike(self.lex, sq)

    def frequency(self, sq: str) -> int:
        return _frequency(self.lex, sq)

    def coreferent(self, i: int) -> bool:
        """Whether a word named earlier in the document may stand alone for that person here: not an ordinary
        frequent word («افتاده» after «محسن افتاده» stays a word)."""
        return bool(self.cls(i) & _COREFERENT)  # never set for a blocked word

    def first(self, sq: str) -> bool:
        return sq in self.lex.first or sq in self.lex.weak_first

    def joined_to_previous(self, i: int) -> bool:
        """Only space between token ``i - 1`` and token ``i`` (a single space, by far the most common gap, is
        tested without folding)."""
        return i > 0 and (self.ft.gaps[i] == " " or not self.ft.gap(i - 1, i).strip())

    def clause_start(self, i: int) -> bool:
        if i == 0:
            return True
        gap = self.ft.gaps[i]
        if gap != " " and any(c in _CLAUSE_MARKS for c in self.ft.gap(i - 1, i)):
            return True
        return self.sqs[i - 1] in _CLAUSE_WORDS

    def after_place_head(self, i: int) -> bool:
        return i > 0 and self.sqs[i - 1] in self.place_heads and not self.ft.gaps[i].strip()

    # --- patterns -------------------------------------------------------------------------------------------------
    def gazetteer_at(self, i: int, strong_context: bool):
        if self.sqs[i] not in self.lex.gazetteer.max_len:
            return None
        hit = self.lex.gazetteer.match(self.ft, i)
        if not hit:
            return None
        end, person = hit
        # A weak («~روحانی») or shared («?خاتمی») alias names this person only after their full name in the
        # document; a title before it («استاد مطهری», «آقای روحانی») says a person is meant, not who (issue 10).
        if (person.weak or person.shared) and (known := self.known.get(tuple(self.sqs[i:end]))) != person.canonical:
            if known:  # «فرهاد مجیدی ... مجیدی»: the one this document named
                return end, known
            return (end, UNRESOLVED) if person.shared or strong_context else None
        return end, person.canonical

    def name_after(self, k: int, strong_context: bool, gazetteer_tried: bool = False):
        """The name starting at token ``k``: ``(end, canonical or None)``, or None. Without a title before it the
        name must be a first name plus a surname. ``gazetteer_tried``: the caller found no gazetteer name at ``k``
        with the same ``strong_context``."""
        sqs, lex = self.sqs, self.lex
        n = self.n
        if k >= n:
            return None
        hit = None if gazetteer_tried else self.gazetteer_at(k, strong_context)
        if hit:
            return hit
        j = k
        surname = False
        foreign = False
        while j < n and j - k < MAX_NAME_TOKENS:
            if j > k and not self.joined_to_previous(j):
                break
            sq = sqs[j]
            if surname:
                # A second surname word: «شکوری راد», «هاشمی رفسنجانی», «درویشی ژانی»; never a word that could
                # start the next phrase.
                if sq in _SURNAME_SECOND_PARTS or (
                        not self.blocked(j) and sq not in lex.first and sq not in lex.demonym_words and (
                            sq in lex.surnames
                            # «شاهرودی» yes; «سخنرانی کرد» no: a verbal noun before its verb
                            or (sq.endswith(_SURNAME_ENDINGS)
                                and self.frequency(sq) < RELAXED_SURNAME_MAX_FREQUENCY
                                and not (j + 1 < n and sqs[j + 1] in lex.verbs))
                            or (foreign and self.name_like(j) and not self.wordlike(sq)))):
                    j += 1
                break
            if j > k and sq in lex.particles and j + 1 < n and not self.blocked(j + 1):
                j += 1
                continue
            if (sq in lex.first and not (j > k and sq in lex.surnames)) or (j == k and sq in lex.weak_first):
                j += 1
                continue
            if self.name_like(j):
                # «سناتور آرلن اسپکتر»: after a title, a word in no dictionary may be a foreign first name
                foreign = strong_context and j == k and not self.known_name(j) and not self.wordlike(sq)
                surname = True
                j += 1
                continue
            # An ordinary word can still be the surname right after a first name («مریم سعادت», «محمود راسخ») or
            # a title («دکتر صانعی»), unless it is one of the most frequent words («روز», «برگزار»).
            # Most Iranian surnames are a word plus ی («جامی», «عظیمی»): after a first name or a title they are
            # surnames whatever the word.
            after_first = j > k and sqs[j - 1] in lex.first
            after_weak_first = j > k and sqs[j - 1] in lex.weak_first
            shaped = self.surname_shaped(j)
            if j == k and sq in lex.demonym_words:
                break  # «دکتر آمریکایی»: a nationality, not a surname
            if not self.blocked(j) and (
                    (strong_context and (after_first or after_weak_first or (
                        j == k and (shaped or sq.endswith(_SURNAME_ENDINGS)))))
                    or (after_first and shaped)
                    or (self.frequency(sq) < RELAXED_SURNAME_MAX_FREQUENCY and (
                        after_first or after_weak_first or (strong_context and j == k)))):
                surname = True
                j += 1
                continue
            break
        if j == k:
            return None
        # «هلی کوپتر», «علی رغم»: a compound written with a space is a word, not a first name and a surname.
        if j - k >= 2 and (sqs[k] + sqs[k + 1]) in lex.common:
            return None
        if j - k == 1 and sqs[k] in lex.weak_first and sqs[k] not in lex.first:
            return None  # «خانم جان»: a weak first name alone is a word
        if not strong_context:
            head = sqs[k]
            if not self.first(head) or j - k < 2:
                return None
            rest = range(k + 1, j)
            if not surname and not all(sqs[m] in lex.first for m in range(k, j)):
                return None
            # «گل لیونل مسی»: a word-like first name before a real first name is not part of the name.
            if head in lex.weak_first and k + 1 < j and sqs[k + 1] in lex.first:
                return None
            # A first name that is also a word («امید», «شیرین», «هدایت») needs a surname that is no word at all
            # and looks like one («هدایت ارکستر», «فرهنگ ترافیک» are words).
            if head in lex.weak_first and not any(
                    self.name_like(m) and sqs[m] not in lex.weak_first
                    and (sqs[m].endswith(_SURNAME_ENDINGS) or self.known_name(m)) for m in rest):
                return None
        return j, None

    def named(self, k: int):
        """The name after «به نام»: a first name or gazetteer name, or two words in no dictionary («اشتفان
        سیلورمن»); «به نام کنوانسیون ...», «به نام تاکسی متر» are names of things."""
        sqs = self.sqs
        if self.first(sqs[k]) or sqs[k] in self.lex.gazetteer.max_len:
            name = self.name_after(k, strong_context=self.first(sqs[k]))
            return (k, name[0], name[1]) if name else None
        if (k + 1 < self.n and self.joined_to_previous(k + 1) and self.name_like(k) and self.name_like(k + 1)
                and not self.wordlike(sqs[k]) and not self.wordlike(sqs[k + 1])):
            return k, k + 2, None
        return None

    def religious_honorific_after(self, j: int) -> bool:
        """«(ع)», «(ص)», «(س)», «(ره)» at token ``j``: said after the name of a holy or revered person."""
        return (j < self.n and self.sqs[j] in _RELIGIOUS_HONORIFICS
                and any(c in "()" for c in self.ft.gaps[j]) and j + 1 <= self.n
                and any(c in "()" for c in self.ft.gaps[j + 1]))

    def cue_after(self, j: int) -> bool:
        """A speech verb right after token ``j - 1`` («... گفت»), or a role after it or after a comma
        («...، رئیس ...»)."""
        sqs = self.sqs
        if j >= self.n:
            return False
        gap = self.ft.gap(j - 1, j).strip()
        # «یونسی همچنین گفت», «ربیعی در ادامه افزود»: an adverb may stand between the name and the verb
        k = j
        while k < self.n and k - j < 2 and sqs[k] in _CUE_ADVERBS and not self.ft.gap(k - 1, k).strip():
            k += 1
        if not gap and k < self.n and self.lex.speech.match(self.ft, k):
            return True
        return gap in ("", "،", ",") and bool(self.lex.roles.match(self.ft, j))

    def joined_rank(self, i: int) -> bool:
        """«ناصرالدین‌شاه»: a first name joined to a rank by ZWNJ."""
        if ZWNJ not in self.words[i]:
            return False
        parts = self.ft.text(i).split(ZWNJ)
        return parts[-1] in _JOINED_RANKS and parts[0] in self.lex.first

    def cue_word(self, i: int) -> bool:
        """Name-like, or surname-shaped on a word that is not frequent («صانعی» yes, «حکومتی» no)."""
        c = _word_classes.get(self.words[i])
        return bool((self.cls(i) if c is None else c) & _CUE)

    def cue_name(self, i: int):
        """1-3 name-like words followed by a speech verb or a role: the end, or None. At a clause start one word
        will do; elsewhere two words that are in no dictionary («گوئیچیرو ماتسورا مدیرکل یونسکو»)."""
        if not self.surname_shaped(i) or self.sqs[i].endswith(_PLURAL_ENDINGS):
            return None  # «برگزارکنندگان گفتند»: a plural is no name
        j = i
        while j < self.n and j - i < 3 and self.cue_word(j) and (j == i or self.joined_to_previous(j)):
            j += 1
        if j == i:
            return None
        # The place first, the cue after the words last: the phrase look-ups of cue_after cost the most.
        if not (self.clause_start(i) or (
                j - i >= 2 and all(self.name_like(m) and self.sqs[m] not in self.lex.first for m in range(i, j)))):
            return None
        return j if self.cue_after(j) else None

    def list_item(self, i: int):
        """A name right after a person in a list («یونسی و نمازی», «علی عالی، ایمان پروا»): a first name with
        the word after it, or a lone word that is in no dictionary."""
        if self.last_end < 0 or i == 0:
            return None
        sqs = self.sqs
        gap = self.ft.gap(i - 1, i)
        after_person = (self.last_end == i and any(c in _LIST_MARKS for c in gap)) or (
            self.last_end == i - 1 and sqs[i - 1] == "و")
        if not after_person:
            return None
        if self.first(sqs[i]):
            name = self.name_after(i, strong_context=True)
            if not name or name[0] - i < 2:
                return None
            if sqs[i] in self.lex.weak_first and not self.surname_shaped(i + 1):
                return None
            return name[0]
        if not self.name_like(i) or self.wordlike(sqs[i]):
            return None
        j = i + 1
        two_words = j < self.n and self.joined_to_previous(j) and self.name_like(j)
        if not two_words and not (sqs[i].endswith(_SURNAME_ENDINGS) or self.known_name(i)):
            return None  # «دلائل», «نقاشیها»: a lone word must at least look like a surname
        if j < self.n and self.joined_to_previous(j) and self.name_like(j):
            j += 1
        if j == self.n or not self.joined_to_previous(j) or sqs[j] in ("و", "از"):
            return j
        return None

    # --- the pass -------------------------------------------------------------------------------------------------
    def add(self, i: int, j: int, canonical: str | None) -> None:
        sqs = self.sqs
        if canonical == UNRESOLVED:  # a person, but who is not known: nothing to learn for later mentions
            self.mentions.append((i, j, canonical))
            self.last_end = j
            return
        if canonical is None:
            canonical = self.known.get(tuple(sqs[i:j])) or " ".join([self.ft.text(k) for k in range(i, j)])
        self.mentions.append((i, j, canonical))
        self.last_end = j
        known, known_words = self.known, self.known_words
        names = [s for s in sqs[i:j] if s not in _NAME_TITLES]
        if len(names) > 1:
            known[(names[-1],)] = canonical
            known[tuple(names)] = canonical
            known_words.add(names[-1])
        elif names:
            known.setdefault((names[0],), canonical)
            known_words.add(names[0])
        for surname in self.lex.surname_of.get(canonical, ()):
            known[surname] = canonical
            if len(surname) == 1:
                known_words.add(surname[0])

    def try_at(self, i: int):
        """The mention starting at token ``i`` (``(start, end, canonical)``) or None; titles are skipped over."""
        sqs, words, lex = self.sqs, self.words, self.lex
        n = self.n
        sq = sqs[i]
        if sq == "نام" and i > 0 and sqs[i - 1] == "به" and not self.ft.gaps[i].strip():
            i -= 1  # «به نام»: the title starts one word back
        title = lex.titles.match(self.ft, i) if sqs[i] in lex.titles.max_len else None
        if title:
            k = title[0]
            while k < n and (more := lex.titles.match(self.ft, k)):
                k = more[0]
            if self.after_place_head(i) or k >= n:
                return None
            if title[1] == NAMING:
                return self.named(k)
            # «ژنرال بازنشسته کولین پاول», «شهید بزرگوار»: an ordinary word after a title is an adjective of it,
            # not a surname; a name may follow it.
            if sqs[k] in _TITLE_ADJECTIVES or (
                    not (self.name_like(k) or self.first(sqs[k]) or self.surname_shaped(k))
                    and k + 1 < n and self.joined_to_previous(k + 1) and self.first(sqs[k + 1])):
                if k + 1 < n and self.joined_to_previous(k + 1) and (self.first(sqs[k + 1]) or self.name_like(k + 1)):
                    k += 1
                else:
                    return None
            name = self.name_after(k, strong_context=True)
            return (k, name[0], name[1]) if name else None
        hit = None
        if sq in _NAME_TITLES and i + 1 < n and self.joined_to_previous(i + 1):
            name = self.name_after(i + 1, strong_context=True) if self.first(sqs[i + 1]) else None
            hit = self.gazetteer_at(i, strong_context=False)
            if hit:
                return i, hit[0], hit[1]
            if name:
                return i, name[0], None
        else:
            hit = self.gazetteer_at(i, strong_context=False)
        if hit:
            return i, hit[0], hit[1]
        if self.religious_honorific_after(i + 1) and (self.first(sq) or sq in _PROPHET):
            return i, i + 1, None
        if (sq,) in self.known and self.coreferent(i):
            return i, i + 1, self.known[(sq,)]
        if sq in lex.joined:
            return i, i + 1, lex.joined[sq]
        if ZWNJ in words[i] and self.joined_rank(i):
            return i, i + 1, None
        if self.first(sq):
            name = self.name_after(i, strong_context=False, gazetteer_tried=True)  # gazetteer_at(i) was None above
            if name:
                return i, name[0], name[1]
        end = self.cue_name(i)
        if end:
            return i, end, None
        end = self.list_item(i)
        if end:
            return i, end, None
        return None

    def scan(self) -> list:
        sqs, words, lex = self.sqs, self.words, self.lex
        starters, known_words = lex.starters, self.known_words
        skip = lex.skip
        phrase_only, follow = lex.phrase_only, lex.gazetteer.follow
        gaps = self.ft.gaps
        place_heads = self.place_heads
        free = 0  # first token not inside a mention
        # Stop words, dictionary words and verb forms that start nothing are never looked at (most words).
        for i in self.ft.marked(_OUTSIDE_SKIP):
            if i < free:
                continue
            sq = sqs[i]
            # A word that starts nothing by itself can only begin a mention at a clause start (speech-verb cue)
            # or right after another person (a list).
            is_starter = sq in starters
            if is_starter and sq in phrase_only and (i + 1 == len(sqs) or sqs[i + 1] not in follow[sq]):
                is_starter = False  # «دولت» not followed by «آبادی»
            if not is_starter and sq not in known_words and not (ZWNJ in words[i] and self.joined_rank(i)):
                if not sq.isalpha() or not self.cue_word(i):  # neither a cue name nor a list item can start here
                    continue
                if (i and self.last_end < i - 1 and gaps[i] == " " and sqs[i - 1] not in _CLAUSE_WORDS
                        and (i + 1 == len(sqs) or sqs[i + 1] in skip)):
                    continue
                if self.after_place_head(i):
                    continue
                end = self.cue_name(i) or self.list_item(i)  # the only patterns such a word can start
                found = (i, end, None) if end else None
            elif self.after_place_head(i) or sq in place_heads:
                continue
            else:
                found = self.try_at(i)
            if found:
                start, end, canonical = found
                self.add(start, end, canonical)
                free = end
        if known_words:
            self.rescan_known(skip)
        self.mentions.sort()
        return self.mentions

    def rescan_known(self, skip) -> None:
        """Surnames that are also dictionary words («سعادت» after «مریم سعادت») were skipped by the main pass:
        their later mentions are added here."""
        skipped = {w for w in self.known_words if w in skip}
        if not skipped:
            return
        candidates = list(compress(count(), map(skipped.__contains__, self.sqs)))  # C-level filter
        covered = set()
        first_seen = {}
        for i, j, _ in self.mentions:
            covered.update(range(i, j))
            for k in range(i, j):
                first_seen.setdefault(self.sqs[k], i)
        for i in candidates:
            sq = self.sqs[i]
            if i not in covered and i > first_seen.get(sq, -1) and self.coreferent(i) and not self.after_place_head(i):
                self.mentions.append((i, i + 1, self.known[(sq,)]))


def find(ft) -> list[tuple[int, int, str]]:
    """Person mentions in a ``spans.TokenizedText`` as token spans ``(i, j, canonical full name)``."""
    return _Scanner(ft).scan()


__all__ = ["find"]
