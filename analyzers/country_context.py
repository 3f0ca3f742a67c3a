"""Whether a country word found in a document is a mention of the country (issue 10).

Most country names are only names («فرانسه», «سوریه»): found, they are tagged. Some are also ordinary words,
diseases, substances, clubs or parts of other names (resources/ambiguous_countries.txt: مالی «financial», یمن «به
یمن», مصر «مُصِر», کامرون David Cameron ...), and language adjectives (انگلیسی، چینی ...) name a language or
porcelain more often than a nation. Those need positive evidence, in this order:
1. not inside a phrase that makes the word something else (resources/not_country_phrases.txt: «کمک مالی», «تب
   مالت», «خلیج گینه»): then never, whatever else the article says;
2. a country context right before it («کشور مالی», «سفیر یمن», «تیم ملی کامرون»; for a nationality, a person or
   body it qualifies: «بازیکن انگلیسی», «شرکت چینی»);
3. a list of countries it stands in, separated by «،» or «و» («مالی، نیجر و چاد»), not a country one word away
   («ایرانی کمک مالی» is no list);
4. the same article naming the country unambiguously («جمهوری مالی», «یمنی») or holding its capital, cities or
   leaders (resources/country_evidence.tsv: «صنعا», «قاهره»).
"""

import functools

from analyzers.lexicon import key, read_lines, read_table

# Sport: «مقابل قطر», «به مصاف عمان», «لیگ ستارگان قطر», «فوتبال مراکش», «میزبانی امارات».
_SPORT_WORDS = frozenset(key("مقابل برابر مصاف حریف لیگ ستارگان فوتبال فدراسیون میزبانی اردوی تورنمنت نماینده"))
# A word before an ambiguous name that makes it a country: «کشور مالی», «سفیر چک», «تیم ملی غنا».
CONTEXT_BEFORE = frozenset(key(
    "کشور کشورهای دولت دولتهای سفیر سفرای سفارت پایتخت مردم ملت جمهوری رئیسجمهور رئیس‌جمهور رییس‌جمهور "
    "نخست‌وزیر نخستوزیر پادشاه حکومت مرز مرزهای ارتش شهروندان اتباع تیم تیمهای وزیر صدراعظم ملی "
    "سفرش سفر همتای همتایان سرزمین خاک اهل")) | _SPORT_WORDS
# A few words back in the same phrase (not right before, where CONTEXT_BEFORE applies).
_NEAR = 4
# Not «کشور» or «دولت»: «کشور را با زیان مالی …», «دولت بار مالی دارد» are money, read on the archives.
_NEAR_CONTEXT = frozenset(key("سفیر سفارت وزیر رئیس‌جمهور رئیسجمهور نخست‌وزیر نیروهای ارتش پادشاه"))
# After a name: «امارات میزبان ...».
CONTEXT_AFTER = frozenset(key("میزبان"))
# Between two names of a table of countries: numbers and units («سوریه 7 11 تایلند», «لبنان 891 هزار تن امارات»).
_TABLE_WORDS = frozenset(key("هزار میلیون میلیارد تن درصد دلار مترمکعب متر کیلومتر نفر مورد"))
# Ethnic names that are also a demonym: «ترکمن‌های عراق» are not Turkmenistan; only the country named will do.
_ETHNIC = frozenset(key("ترکمن ترکمنها ترکمنهای ترکمنان ترکمنهایی"))
# A country that is also a club far more often in sports news: «موناکو» is AS Monaco after «مقابل».
_CLUBS = frozenset(key("موناکو"))
_SPORT_CONTEXT = _SPORT_WORDS | frozenset(key("تیم"))
# Before a nationality: the person or body it qualifies («بازیکن انگلیسی», «دیپلمات چینی», «شرکت فرانسوی»).
DEMONYM_CONTEXT_BEFORE = CONTEXT_BEFORE | frozenset(key(
    "بازیکن بازیکنان مربی مربیان سرمربی مهاجم هافبک مدافع دروازه‌بان ستاره شرکت شرکتهای خودروساز دیپلمات "
    "دیپلماتهای دیپلمات‌های سرباز سربازان نیروهای نظامیان مقام مقامهای رسانه رسانه‌های رسانه‌ها خبرگزاری "
    "روزنامه‌نگار خبرنگار خبرنگاران گردشگر گردشگران شهروند تبعه کارشناس کارشناسان پژوهشگر پژوهشگران دانشمند "
    "دانشمندان سیاستمدار سیاستمداران نویسنده نویسندگان کارگردان بازیگر هنرمند ورزشکار کشتی‌گیر قهرمان "
    "داور سفیران همتای باشگاه باشگاههای"))
# Language adjectives: a language («به انگلیسی», «زبان چینی») or a material («چینی» porcelain) more often.
LANGUAGE_DEMONYMS = frozenset(key(
    "انگلیسی فرانسوی آلمانی المانی روسی چینی ژاپنی هندی اسپانیایی ایتالیایی پرتغالی ترکی عربی کره‌ای یونانی "
    "هلندی سوئدی نروژی دانمارکی لهستانی ارمنی گرجی ازبکی تاجیکی افغانی"))
_LIST_WORDS = frozenset(key("و یا"))


@functools.cache
def not_country_phrases() -> dict:
    """Country word -> phrases (key tuples) holding it as an ordinary word, with the word's place in each."""
    out: dict = {}
    for line in read_lines("not_country_phrases.txt"):
        phrase = key(line)
        for n, word in enumerate(phrase):
            out.setdefault(word, []).append((n, phrase))
    return out


@functools.cache
def evidence() -> tuple[dict, int, frozenset]:
    """``({key tuple: code}, longest key, first words)``: capitals, cities and leaders that show an article is about
    a country."""
    out = {}
    for code, words in read_table("country_evidence.tsv"):
        for word in words.split("|"):
            if key(word):
                out[key(word)] = code
    return out, max(map(len, out)), frozenset(k[0] for k in out)


def in_phrase(sqs, i: int, j: int) -> bool:
    """Whether tokens ``i..j-1`` stand inside a phrase where they are an ordinary word («کمک مالی»)."""
    if j - i != 1:
        return False
    for n, phrase in not_country_phrases().get(sqs[i], ()):
        start = i - n
        if start >= 0 and tuple(sqs[start:start + len(phrase)]) == phrase:
            return True
    return False


def codes_in_evidence(sqs) -> set:
    """Codes whose capital, cities or leaders the document names."""
    table, longest, firsts = evidence()
    found = set()
    if firsts.isdisjoint(sqs):  # most articles: one C-level pass
        return found
    for i, sq in enumerate(sqs):
        if sq in firsts:
            for n in range(1, longest + 1):
                code = table.get(tuple(sqs[i:i + n]))
                if code:
                    found.add(code)
    return found


def is_language_word(name: tuple, demonym: bool) -> bool:
    return demonym and len(name) == 1 and name[0] in LANGUAGE_DEMONYMS


def _arabic_club(word: str) -> bool:
    """«السد قطر», «الوصل امارات»: an Arabic club name before a country is its team, in that country."""
    return word.startswith("ال") and len(word) > 3


def settle(found, sqs, listed, gap_free=lambda a, b: True) -> list[bool]:
    """For each ``(i, j, entry)`` already past the title and measure checks: whether it is a mention of the
    country. ``listed(n, m)``: whether found[n] and found[m] stand in one list of countries; ``gap_free(a, b)``:
    no punctuation between tokens a and b."""
    needs = [entry.ambiguous or sqs[i] in _ETHNIC or is_language_word(tuple(sqs[i:j]), entry.demonym)
             for i, j, entry in found]
    blocked = [in_phrase(sqs, i, j) for i, j, _ in found]
    ok = [not need and not block for need, block in zip(needs, blocked)]
    sure_codes = {entry.code for (_, _, entry), good in zip(found, ok) if good}
    proven = functools.cache(lambda: codes_in_evidence(sqs))  # evidence of the article, when a word needs it
    for n, (i, j, entry) in enumerate(found):
        if ok[n] or blocked[n]:
            continue
        if entry.code in sure_codes:
            ok[n] = True
            continue
        if sqs[i] in _ETHNIC:  # not after «مردم», not in a list («کردها، ترکمن‌ها و عرب‌ها»): the capital will do
            ok[n] = entry.code in proven()
            blocked[n] = not ok[n]
            continue
        prev = sqs[i - 1] if i > 0 else ""
        context = DEMONYM_CONTEXT_BEFORE if entry.demonym else CONTEXT_BEFORE
        if sqs[i] in _CLUBS and prev in _SPORT_CONTEXT:
            context = ()
        # «وزیر امور خارجه مصر», «سفیر ایران در مالی»: a country word a few words back, in the same phrase
        near = [sqs[k] for k in range(max(0, i - _NEAR), i - 1) if gap_free(k + 1, i)]
        if not entry.demonym and any(w in _NEAR_CONTEXT for w in near):
            ok[n] = True
            continue
        if (prev in context and not (prev == "برابر" and i > 1 and sqs[i - 2].isdigit())) or _arabic_club(prev) or (
                j < len(sqs) and sqs[j] in CONTEXT_AFTER):
            ok[n] = True
            continue
        ok[n] = entry.code in proven()
    for _ in range(2):  # a list of ambiguous names («مالی، نیجر و چاد») is settled by its sure members
        for n in range(len(found)):
            if not ok[n] and not blocked[n] and any(ok[m] and listed(n, m) for m in (n - 1, n + 1)
                                                     if 0 <= m < len(found)):
                ok[n] = True
    return ok


def list_neighbours(found, sqs, gap_of):
    """``listed(n, m)`` for ``settle``: found[n] and found[m] are adjacent names separated only by «،», «,» or
    «و»/«یا» («مالی، نیجر و چاد»)."""
    def listed(n: int, m: int) -> bool:
        (a, b, _), (c, d, _) = sorted((found[n], found[m]), key=lambda f: f[0])
        if c == b:
            return any(ch in "،," for ch in gap_of(b - 1, b))
        if c == b + 1 and sqs[b] in _LIST_WORDS:
            return True
        between = sqs[b:c]
        return 0 < len(between) <= 6 and all(w.isdigit() or w in _TABLE_WORDS or w in _LIST_WORDS for w in between)
    return listed


__all__ = ["CONTEXT_BEFORE", "LANGUAGE_DEMONYMS", "list_neighbours", "settle"]
