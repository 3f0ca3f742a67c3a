"""Which person mentions become facet values, and under which key (issue 10).

``persons.find`` finds names; a reader of the person facet wants *people named as people*, one value each. This
pass, over one document's mentions, in order:
Each mention comes back with its facet value, or None (still a person mention: the NER figures count it, the
facet does not); a name read as an institution is no mention at all.
1. **Named after a person**: a name after an organization or place head (resources/place_heads.txt: «دانشگاه»,
   «بندر», «کمیته امداد» ...), titles and modifiers in between («فرودگاه بین‌المللی امام خمینی», «دانشگاه شهید
   بهشتی»), is the institution, not a mention of the person.
2. **Bylines**: a name alone on its line or at the very end of the article, or after «گزارش:», «عکس:» ..., signs the
   article; it is not what the article is about.
3. **Who is meant**: a gazetteer person named by a surname alone after a first name that is not theirs
   («فرهاد مجیدی», «سیدهادی خامنه‌ای») is someone else; a title before a gazetteer name is read with it
   («پیامبر اکرم» is the Prophet, not «اکرم»); a first name with a religious honorific («علی (ع)») is the holy
   person of resources/honored_names.tsv.
4. **One key per person**: honorifics (سید، حاج، دکتر، مهندس) and the ZWNJ/space of «سیدمحمد» are dropped, and the
   name looked up again in the gazetteer («سیدمحمد خاتمی» -> «سید محمد خاتمی»); the authority file's merges apply.
5. **Person or not**: a one-word value that is no gazetteer person (a bare first name, a surname no full name in the
   article resolves, a fragment, a kinship word), a name of resources/not_persons.txt (fiction, titles) or a value
   the authority file blocks is no value.
"""

import functools

from analyzers import authority
from analyzers.fold import ZWNJ
from analyzers.lexicon import key, read_lines, read_table, squash
from analyzers.person_lexicon import person_lexicon

_HONORIFICS = frozenset(key("سید سیده حاج حاجی حاجیه دکتر مهندس"))
_JOINED_HONORIFICS = ("سید", "حاج")  # «سیدمحمد», «حاجعلی»
# Words that may stand between a head and the name («فرودگاه بین‌المللی امام خمینی», «حرم مطهر امام رضا»).
_MODIFIERS = frozenset(key(
    "بین المللی بینالمللی بین‌المللی ملی مطهر شریف فرهنگی هنری سینمایی علوم پزشکی صنعتی تخصصی فوق آموزشی "
    "درمانی ورزشی مخابراتی بزرگ جدید مرکزی شماره مقدس نور اسلامی قضایی پژوهشی ملکوتی تلویزیونی مهر حضرت "
    "آموزش عالی موازی امیرالمومنین امیرمومنان مقدسه منور مطهره"))
# Heads whose names come in lists («بزرگراه صیاد شیرازی، امام علی و نواب», «ایستگاه دروازه شمیران، امام حسین»):
# streets and stations are listed, and a person rarely stands in apposition after them.
_LIST_HEADS = frozenset(key("بزرگراه خیابان میدان بلوار اتوبان ایستگاه مراکز پایانه پتروشیمی مجتمع"))
_HEAD_GAP = " \t\n\r\u00a0-«»\"'"
_NAMED = frozenset(key("نام نامهای نام‌های"))
_NAMING_AFTER = frozenset(key("نامگذاری نام‌گذاری نامیده موسوم"))
_RELIGIOUS = frozenset(key("ع س ص ره عج"))
_CLAUSE_WORDS = frozenset(key("که را از به در با برای تا این آن است بود شد گفت افزود کرد"))
_PLURAL = ("های", "ها")
_VENUES = 5  # items of a list of venues («سینماهای استقلال، آستارا، ...»)
_SURNAME_ENDS = ("ی", "زاده", "پور", "نیا", "نژاد", "فر", "راد", "یان")
_LIST_ITEM = 4  # words in one item of a list after a plural head («سینماهای شهر قشنگ، سعدی، قدس»)
_BYLINE_BEFORE = frozenset(key("گزارش گفتگو گفت‌وگو وگو عکس عکاس ترجمه مترجم نوشته نویسنده تنظیم تهیه خبرنگار "
                               "عکسها عکس‌ها ویراستار"))
_CLAUSE_END = frozenset(".!؟?\n")


@functools.cache
def heads() -> tuple[frozenset, frozenset]:
    """(one-word heads, multi-word heads as key tuples)."""
    one, many = set(), set()
    for line in read_lines("place_heads.txt"):
        k = key(line)
        (one if len(k) == 1 else many).add(k[0] if len(k) == 1 else k)
    return frozenset(one), frozenset(many)


@functools.cache
def _honored() -> dict:
    return {key(name)[0]: " ".join(key(canonical)) for name, canonical in read_table("honored_names.tsv")}


@functools.cache
def _not_persons() -> frozenset:
    return frozenset(" ".join(key(line)) for line in read_lines("not_persons.txt"))


@functools.cache
def _normalized_gazetteer() -> dict:
    """Name tokens without honorifics -> canonical, for every gazetteer name and strong alias."""
    lex = person_lexicon()
    out = {}
    for k, person in lex.gazetteer.values.items():
        if person.weak:
            continue
        out.setdefault(_drop_honorifics(k), person.canonical)
    return out


def _without_honorifics(words: list, keep_single: bool = False) -> list:
    """``words`` (as written or folded) without honorific words, and without the honorific joined to a first
    name («سیدمحمد» -> «محمد»; a lone word keeps it with ``keep_single``); all of them when nothing else is left."""
    out = [w for w in words if squash(w) not in _HONORIFICS] or list(words)
    first = squash(out[0])
    if first.startswith(_JOINED_HONORIFICS) and first[3:] in person_lexicon().first and (len(out) > 1
                                                                                       or not keep_single):
        out[0] = out[0][3:].lstrip(ZWNJ)
    return out


def _drop_honorifics(toks: tuple) -> tuple:
    return tuple(_without_honorifics(list(toks)))


@functools.cache
def _title_words() -> frozenset:
    return frozenset(person_lexicon().titles.max_len)


@functools.cache
def _list_starts() -> frozenset:
    """Words that may open a list of places: list heads and plural heads («سینماهای»)."""
    one, _ = heads()
    return _LIST_HEADS | frozenset(h + p for h in one for p in ("ها", "های"))


def _plain(name: str) -> str:
    """A name outside the gazetteer as its key: honorifics dropped («سید مهدی رحمتی», «سیدمهدی رحمتی» -> «مهدی
    رحمتی»), each word as written (ZWNJ kept). The gazetteer is asked again without them."""
    words = _without_honorifics(name.split(" "), keep_single=True)
    plain = " ".join(words)
    return _normalized_gazetteer().get(tuple(squash(w) for w in words), plain)


@functools.cache
def _canonicals() -> frozenset:
    return frozenset(p.canonical for p in person_lexicon().gazetteer.values.values())


class _Document:
    def __init__(self, ft, mentions):
        self.ft = ft
        self.sqs = ft.sqs
        self.mentions = mentions
        self.lex = person_lexicon()
        self.in_lists = None  # positions in a list of places, on first use

    def head_at(self, k: int, one, many) -> bool:
        sq = self.sqs[k]
        return sq in one or any(tuple(self.sqs[k - len(h) + 1:k + 1]) == h for h in many if k - len(h) + 1 >= 0)

    def plural_head(self, k: int, one) -> bool:
        sq = self.sqs[k]
        if sq in _LIST_HEADS:
            return True
        if sq in _PLURAL:  # «بزرگراه های»: the plural written apart
            return k > 0 and self.sqs[k - 1] in one
        return sq.endswith(_PLURAL) and (sq[:-3] in one or sq[:-2] in one)

    def list_word(self, m: int) -> bool:
        """A word a list of places can hold: no verb, no clause word («گفت», «که»)."""
        sq, lex = self.sqs[m], self.lex
        return sq not in lex.verbs and sq not in lex.speech and sq not in _CLAUSE_WORDS

    def listed_places(self) -> set:
        """Token positions in a list after a plural head («بزرگراه‌های صیاد شیرازی، امام علی و نواب»,
        «سینماهای شهر قشنگ، سعدی، قدس»): every name there is a place too. An item holding a verb or a stop
        word ends the list («... ، علی کریمی گفت»)."""
        one, _ = heads()
        sqs, out = self.sqs, set()
        words = set(sqs)  # set operations run in C: most articles hold no list of places at all
        starts = _list_starts() & words
        if not one.isdisjoint(words) and not words.isdisjoint(_PLURAL):
            starts |= frozenset(_PLURAL)  # «بزرگراه های»: the plural written apart after a head
        if not starts:
            return out
        for k in [k for k, sq in enumerate(sqs) if sq in starts]:  # a set test per word, in a comprehension
            if not self.plural_head(k, one):
                continue
            m = k + 1
            while m < len(sqs):
                end = m
                while end < len(sqs) and end - m < _LIST_ITEM and sqs[end] != "و" and (
                        end == m or not any(c in "،," for c in self.ft.gaps[end])):
                    end += 1
                if not all(self.list_word(x) for x in range(m, end)):
                    break
                out.update(range(m, end))
                if end < len(sqs) and sqs[end] == "و":
                    m = end + 1
                elif end < len(sqs) and any(c in "،," for c in self.ft.gaps[end]):
                    m = end
                else:
                    break
        return out

    def named_after(self, i: int) -> bool:
        """A head before the name, titles and modifiers skipped, no punctuation in between."""
        one, many = heads()
        if self.in_lists is None:
            self.in_lists = self.listed_places()
        if i in self.in_lists:
            return True
        titles = _title_words()
        k = i - 1
        while k >= 0 and i - k <= 4:
            if self.ft.gap(k, k + 1).strip(_HEAD_GAP):  # a wrapped line's newline is no boundary
                return False
            sq = self.sqs[k]
            if self.head_at(k, one, many) or self.plural_head(k, one):
                return True
            # titles, modifiers and the first words of the name («مسجد امام حسن مجتبی»)
            if sq in titles or sq in _MODIFIERS or sq == "امام" or sq in self.lex.first or sq in self.lex.weak_first:
                k -= 1
                continue
            # «میدانی به نام بوعلی سینا», «دو دبستان به نام‌های ابن سینا و صادقیه»: a place given the name
            if sq in _PLURAL and k >= 1 and self.sqs[k - 1] in _NAMED:
                k, sq = k - 1, self.sqs[k - 1]  # «به نام های»
            if sq in _NAMED and k >= 2 and self.sqs[k - 1] == "به" and (
                    self.head_at(k - 2, one, many) or self.sqs[k - 2][:-1] in one or self.plural_head(k - 2, one)):
                return True
            return False
        return False

    def first_names_only(self, value: str) -> bool:
        """«محمد علی», «علی رضا»: first names with no surname are nobody in particular."""
        first = self.lex.first
        return all(squash(w) in first for w in value.split(" "))

    def naming(self, j: int) -> bool:
        """«به نام امام علی نامگذاری شد»: a name given to something."""
        return any(sq in _NAMING_AFTER for sq in self.sqs[j:j + 3])

    def continues_list(self, end: int, i: int) -> bool:
        """Token ``i`` is the next item of a list whose previous item ended at ``end`` (titles may open the
        item: «حرم امام رضا و حضرت معصومه»)."""
        titles = _title_words()
        while end < len(self.sqs) and self.sqs[end] in _RELIGIOUS:  # «امام رضا (ع) و ...»
            end += 1
        while i > end + 1 and self.sqs[i - 1] in titles and not self.ft.gaps[i].strip():
            i -= 1
        if i == end:
            return any(c in "،," for c in self.ft.gaps[i])
        return i == end + 1 and self.sqs[end] == "و" and not self.ft.gaps[i].strip()

    def byline(self, i: int, j: int) -> bool:
        ft, n = self.ft, len(self.sqs)
        before = ft.gaps[i] if i else "\n"
        after = ft.gaps[j] if j < n else "\n"
        if "\n" in before and ("\n" in after or j == n):
            return True  # the name is its line
        if j == n and (i == 0 or any(c in _CLAUSE_END for c in before)):
            return True  # signed at the end
        if i > 0 and self.sqs[i - 1] in _BYLINE_BEFORE and (":" in before or "：" in before):
            return True
        # «عکس‌ها از امیرحسین خیرخواه», «عکس ها: ...»
        back = self.sqs[max(0, i - 3):i]
        while back and back[0] not in _BYLINE_BEFORE:
            back = back[1:]
        start = i - len(back)
        if back and all(w in _BYLINE_BEFORE or w in ("ها", "از") for w in back) and (":" in before or "از" in back) \
                and not any("\n" in ft.gaps[k] for k in range(start + 1, i + 1)):
            return True
        # «گروه اجتماعی - مریم غفاری: ...»: a desk and a reporter before the story
        return ":" in after and "-" in before

    def canonical(self, i: int, j: int, canonical: str) -> str | None:
        sqs, lex = self.sqs, self.lex
        names = tuple(squash(t) for t in canonical.split(" "))
        # a title before a gazetteer name belongs to it («پیامبر اکرم», «امام حسین»)
        for s in (i - 1, i - 2):
            if s >= 0 and sqs[s] in lex.gazetteer.max_len:
                hit = lex.gazetteer.match(self.ft, s)
                if hit and hit[0] >= j and not hit[1].weak:
                    return hit[1].canonical
        if j - i == 1 and canonical in _canonicals() and i > 0 and not self.ft.gaps[i].strip():
            prev = sqs[i - 1]
            if len(canonical.split(" ")) > 1 and (prev in lex.first or _drop_honorifics((prev,)) != (prev,)):
                # «فرهاد مجیدی»: a surname of someone else, whose first name the scan did not take
                return _plain(self.ft.text(i - 1) + " " + self.ft.text(i))
        if j - i == 1 and sqs[i] in _honored() and j < len(sqs) and sqs[j] in _RELIGIOUS \
                and any(c in "()" for c in self.ft.gaps[j]):
            return _honored()[sqs[i]]  # «علی (ع)»; not «حسین (20 ساله)»
        if j - i == 1 and j < len(sqs) and not self.ft.gaps[j].strip() and canonical in _canonicals() and (
                sqs[j] in lex.surnames or (sqs[i] in lex.first and sqs[j].endswith(_SURNAME_ENDS)
                                           and sqs[j] not in lex.common)):
            return _plain(self.ft.text(i) + " " + self.ft.text(j))  # «سعدی عزیزی» is not the poet
        if canonical in _canonicals():
            return canonical
        found = _normalized_gazetteer().get(_drop_honorifics(names))
        return found or _plain(canonical)

    def values(self):
        out = []
        place_end = -1  # end of the last name read as a place: a list goes on with places («بزرگراه صیاد شیرازی،
        # امام علی و نواب»)
        covered = {k for a, b, _ in self.mentions for k in range(a, b)}
        for i, j, canonical in self.mentions:
            if j < len(self.sqs) and self.sqs[j] == "رغم":
                continue  # «علی رغم»: «despite», whoever was named «علی» before
            if self.named_after(i) or (place_end >= 0 and self.continues_list(place_end, i)) or self.naming(j):
                place_end = j
                continue  # no mention of a person at all
            if j - i == 1 and self.venue_list(i, covered):
                continue  # «استقلال، آستارا، فلسطین۱، سعدی، آسیا، ...»: cinemas, not the poet
            out.append((i, j, None if self.byline(i, j) else self.value(i, j, canonical)))
        return out

    def venue_list(self, i: int, covered: set) -> bool:
        """A one-word name inside a long list of short items none of which is a person: a list of venues."""
        gaps, n = self.ft.gaps, len(self.sqs)

        def comma(k):
            return 0 < k < n and any(c in "،," for c in gaps[k])

        if not (comma(i) or comma(i + 1)):
            return False
        items = 1
        start = i  # leftwards: each item of up to 3 words, starting after a comma
        while items < _VENUES and comma(start):
            m = start - 1
            while m > 0 and start - m < 3 and not comma(m):
                m -= 1
            if not comma(m) and m > 0 or any(x in covered for x in range(m, start)):
                break
            items, start = items + 1, m
        end = i + 1  # rightwards
        while items < _VENUES and comma(end):
            m = end + 1
            while m < n and m - end < 3 and not comma(m):
                m += 1
            if any(x in covered for x in range(end, m)):
                break
            items, end = items + 1, m
        return items >= _VENUES

    def value(self, i: int, j: int, canonical: str) -> str | None:
        """The facet value of a person mention, or None: a person, but not one the facet can name."""
        if not canonical:  # «آقای خاتمی» with no full name in the article (persons.UNRESOLVED)
            return None
        value = self.canonical(i, j, canonical)
        if value is None:
            return None
        value = authority.merged(value)
        if value not in _canonicals() and (len(value.split(" ")) < 2 or self.first_names_only(value)) \
                or value in _not_persons() or authority.blocked(value):
            return None
        return value


def settle(ft, mentions) -> list[tuple[int, int, str | None]]:
    """The mentions of ``persons.find`` that name a person, each with its facet value (one key per person), or
    None for a person the facet cannot name (a bare surname, a first name alone, a byline)."""
    return _Document(ft, mentions).values() if mentions else []


__all__ = ["settle"]
