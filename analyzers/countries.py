"""Country lexicon: ICU's Persian region names plus the news forms, aliases and demonyms of resources/countries.tsv.

Every name is a key of folded tokens (``analyzers.lexicon``); a mention is found by looking tokens up in a dict,
longest name first. Words that are also ordinary Persian (مالی «financial», چک «cheque» ...) are listed in
resources/ambiguous_countries.txt and need a country context; language adjectives (انگلیسی، فرانسوی ...) are
skipped after «زبان»/«به».
"""

import functools
import re
from dataclasses import dataclass

import icu

from analyzers import country_context
from analyzers.lexicon import key, read_lines, read_table, variants
from analyzers.spans import add_marker


@dataclass(frozen=True)
class CountryName:
    code: str
    demonym: bool
    ambiguous: bool


@dataclass
class CountryLexicon:
    names: dict  # key (tuple of tokens) -> CountryName
    labels: dict  # ISO code -> Persian news name
    max_len: dict  # first token -> longest key length starting with it
    follow: dict  # first token -> second tokens of its longer keys (none there: only one-token names can match)

    def lookup(self, tokens: tuple[str, ...]) -> CountryName | None:
        return self.names.get(tokens)


def _icu_names() -> dict[str, list[str]]:
    """ICU's Persian display name(s) of every ISO region: «میانمار (برمه)» gives both, «هنگ‌کنگ، ...» its head."""
    fa = icu.Locale("fa")
    out = {}
    for code in icu.Locale.getISOCountries():
        name = icu.Locale("", code).getDisplayCountry(fa)
        forms = [name]
        inner = re.search(r"\((.+?)\)", name)
        if inner:
            forms = [name[: inner.start()].strip(), inner.group(1)]
        forms = [f.split("،")[0].strip() for f in forms]
        out[code] = forms
    return out


# Only the plural and the verb «است» follow a demonym («روس» + «ای» would be «رؤسای», chiefs).
_DEMONYM_SUFFIXES = ("ها", "های", "هایی", "است")


def _name_suffixes(name: str) -> tuple[str, ...]:
    """The adjective ending a country name takes (ی after a consonant, ای after ه, یی after ا/و) and «است»."""
    if name.endswith("ه"):
        return ("ای", "است")
    if name.endswith(("ا", "و")):
        return ("یی", "ست", "است")
    if name.endswith("ی"):
        return ("است",)
    return ("ی", "است")


def _plurals(demonym: str) -> list[str]:
    return [demonym + "ها", demonym + "\u200cها", demonym + "\u200cهای", demonym + "های", demonym + "ان"]


@functools.cache
def lexicon() -> CountryLexicon:
    ambiguous = {key(w) for w in read_lines("ambiguous_countries.txt")}
    names: dict = {}
    labels: dict = {}

    def add(phrase: str, code: str, demonym: bool) -> None:
        for k in variants(phrase):
            names[k] = CountryName(code, demonym, k in ambiguous)

    for code, forms in _icu_names().items():
        labels[code] = forms[0]
        for form in forms:
            add(form, code, False)
    # The news table comes second: its forms win over ICU's where both use a word («کنگو»).
    for row in read_table("countries.tsv"):
        code, label, aliases, demonyms = (row + ["", "", ""])[:4]
        labels[code] = label
        for phrase in [label] + [a for a in aliases.split("|") if a]:
            add(phrase, code, False)
        for d in (d for d in demonyms.split("|") if d):
            add(d, code, True)
            for plural in _plurals(d):
                add(plural, code, True)
    # «سوریه‌ای», «آمریکایی‌ها», «ایران‌است»: a name plus a suffix, squeezed like every key. A name never takes a
    # plural («چین‌های دامن» are wrinkles), and ambiguous words take no suffix at all.
    for k, entry in list(names.items()):
        if len(k) == 1 and not entry.ambiguous:
            for suffix in (_DEMONYM_SUFFIXES if entry.demonym else _name_suffixes(k[0])):
                # name + ی is an adjective of the country («موزامبیکی»): a demonym
                adjective = entry.demonym or suffix in ("ی", "ای", "یی")
                names.setdefault((k[0] + suffix,), CountryName(entry.code, adjective, False))
    max_len: dict = {}
    follow: dict = {}
    for k in names:
        max_len[k[0]] = max(max_len.get(k[0], 0), len(k))
        if len(k) > 1:
            follow.setdefault(k[0], set()).add(k[1])
    return CountryLexicon(names, labels, max_len, follow)


def country_label(code: str) -> str:
    """The usual Persian news name of ISO code ``code`` («US» -> «آمریکا»); the code itself if unknown."""
    return lexicon().labels.get((code or "").upper(), code)


def resolve_country(text_or_code: str) -> str | None:
    """ISO alpha-2 code for a country name, alias, demonym or code («سوریه», «سوری», «sy», «آمریکایی»), or None."""
    if not isinstance(text_or_code, str):
        return None
    text = text_or_code.strip()
    if re.fullmatch(r"[A-Za-z]{2}", text):
        code = text.upper()
        return code if code in lexicon().labels else None
    entry = lexicon().lookup(key(text))
    return entry.code if entry else None


# Ordinary words inside multi-word names («جمهوری اسلامی ایران», «جزایر فارو»): these are stemmed as usual.
_GENERIC = frozenset(key(
    "جمهوری اسلامی متحده متحد عربی شمالی جنوبی شرقی غربی مرکزی جزایر جزیره سرزمینهای سرزمین های دموکراتیک خلق "
    "ایالات منطقه ویژه اداری پادشاهی ممالک کبیر فدراسیون رژیم اشغالی اشغالگر قدس نوار کرانه باختری تشکیلات "
    "خودگردان نو جدید استوایی سنت دورافتاده قلمرو اقیانوس ساحل صحرای کارائیب سن"))


def name_tokens() -> frozenset[str]:
    """Tokens of country names and demonyms (folded, squashed) that must never be stemmed: whole one-word names
    and the distinctive parts of longer ones («عربستان», «سعودی» but not «جمهوری»)."""
    out = set()
    for k in lexicon().names:
        out.update(k if len(k) == 1 else (t for t in k if t not in _GENERIC))
    return frozenset(t for t in out if len(t) > 1)


# Words after a language adjective that make it a language, not a nationality: «به انگلیسی», «زبان فرانسوی».
_LANGUAGE_BEFORE = frozenset(key("زبان زبانهای زبان‌های به ادبیات ترجمه لهجه گویش متن نسخه دوبله"))
# A word before a country name that makes the pair a title or a currency, not a mention of the country:
# newspapers («روزنامه ایران»), leagues («باشگاههای انگلیس»), currencies («دلار آمریکا»), languages («زبان فرانسه»).
_NOT_COUNTRY_BEFORE = frozenset(key(
    "روزنامه روزنامه‌های هفته‌نامه هفته‌نامه‌های ماهنامه نشریه مجله باشگاههای باشگاه‌های خبرگزاری خیابان میدان "
    "بلوار کوچه "
    "دلار دلارهای فرانک پوند لیر مارک ین یوان روبل دینار ریال درهم روپیه کرون زبان"))
_MEASURES = frozenset([key("قطر")])  # «قطر» is also «diameter»
_UNITS = frozenset(key("متر سانتیمتر سانتی‌متر میلیمتر میلی‌متر کیلومتر اینچ میکرون نانومتر سانت"))
_LANGUAGE_AFTER = frozenset(key("صحبت حرف بلد زبان"))
# «آذربایجان شرقی» is an Iranian province; «جمهوری اسلامی پاکستان» is not Iran.
_NOT_AFTER = {key("آذربایجان"): frozenset(key("شرقی غربی ایران")), key("جمهوری اسلامی"): None}


def _lookup_at(lex: CountryLexicon, ft, i: int):
    """The longest country name starting at token ``i``: ``(j, CountryName)`` (tokens i..j-1) or None."""
    sqs, gaps = ft.sqs, ft.gaps
    first = sqs[i]
    longest = lex.max_len.get(first, 0)
    if longest > 1 and (i + 1 == len(sqs) or sqs[i + 1] not in lex.follow.get(first, ())):
        longest = 1  # most names are one word: one lookup instead of one per length
    for n in range(min(longest, len(sqs) - i), 0, -1):
        entry = lex.names.get(tuple(sqs[i:i + n]))
        # a name never spans punctuation (checked only for a name found)
        if entry and not (
                n > 1 and any(gaps[k] != " " and ft.gap(k - 1, k).strip() for k in range(i + 1, i + n))):
            return i + n, entry
    return None


def _starts_name(sq: str) -> bool:
    return sq in lexicon().max_len


# First words of country names, answered once per distinct word with its folding (``spans.add_marker``).
_STARTS_NAME = add_marker(_starts_name)


def find(ft) -> list[tuple[int, int, CountryName]]:
    """Country mentions in a ``spans.TokenizedText`` as token spans ``(i, j, CountryName)``, whole tokens only."""
    lex = lexicon()
    sqs = ft.sqs
    found = []
    free = 0
    for i in ft.marked(_STARTS_NAME):
        if i < free:
            continue
        hit = _lookup_at(lex, ft, i)
        if hit:
            found.append((i, hit[0], hit[1]))
            free = hit[0]
    found = [f for n, f in enumerate(found) if _accepted(f, n, found, sqs)]
    ok = country_context.settle(found, sqs, country_context.list_neighbours(found, sqs, ft.gap),
                                lambda a, b: not any(ft.gap(k - 1, k).strip() for k in range(a, b + 1)))
    return [f for f, good in zip(found, ok) if good]


# Words between a league or newspaper word and the country: «باشگاههای دسته اول اسپانیا», «روزنامه اردوزبان».
_QUALIFIERS = frozenset(key("برتر دسته اول دوم سوم یکم ممتاز حرفه‌ای فوتبال اردوزبان انگلیسی‌زبان عربی‌زبان"))


def _title_before(sqs, i: int) -> bool:
    k = i - 1
    while k >= 0 and i - k <= 4 and sqs[k] in _QUALIFIERS:
        k -= 1
    return k >= 0 and sqs[k] in _NOT_COUNTRY_BEFORE


def _accepted(match, n, found, sqs) -> bool:
    i, j, entry = match
    prev = sqs[i - 1] if i > 0 else ""
    name = tuple(sqs[i:j])
    if name in _NOT_AFTER and j < len(sqs):
        after = _NOT_AFTER[name]
        nxt = sqs[j]
        if (after is None and n + 1 < len(found) and found[n + 1][0] == j) or (after and nxt in after):
            return False
    if country_context.is_language_word(name, entry.demonym) and prev in _LANGUAGE_BEFORE:
        return False
    if not entry.demonym and _title_before(sqs, i):
        return False
    if name in _MEASURES and (any(w in _UNITS for w in sqs[j:j + 3]) or (i > 0 and sqs[i - 1].isdigit())):
        return False  # «به قطر ۵ متر»: a measure, not a country
    if country_context.is_language_word(name, entry.demonym) and j < len(sqs) and sqs[j] in _LANGUAGE_AFTER:
        return False  # «اسپانیایی صحبت می‌کند»
    return True


__all__ = ["CountryName", "country_label", "find", "lexicon", "name_tokens", "resolve_country"]
