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

from analyzers.lexicon import key, read_lines, read_table, squash, variants


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
    max_len: dict = {}
    for k in names:
        max_len[k[0]] = max(max_len.get(k[0], 0), len(k))
    return CountryLexicon(names, labels, max_len)


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


__all__ = ["CountryName", "country_label", "lexicon", "name_tokens", "resolve_country", "squash"]
