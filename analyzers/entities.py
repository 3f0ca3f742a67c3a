"""Entities for the facets: persons, countries and dates in Persian news text (issue 3).

``extract(text)`` matches folded words (``analyzers.fold``) and reports offsets into ``text`` as given, whatever
Arabic letter forms, harakat or bidi marks it holds (``analyzers.spans``). Recognition itself lives in
``countries``, ``persons`` and ``dates``; this module merges their findings: a person's name wins over a country
word inside it («عبدالله گل», «موریس معتمد»), and a date never overlaps either (it is digits).
"""

import re
from typing import NamedTuple

from analyzers import countries, person_values, persons
from analyzers.countries import country_label, resolve_country
from analyzers.dates import find_dates, jalali_label
from analyzers.display import person_label
from analyzers.lexicon import key, tokens
from analyzers.person_lexicon import person_lexicon
from analyzers.spans import TokenizedText, dated_windows

PERSON, COUNTRY, DATE = "person", "country", "date"
_HONORIFIC_AFTER = re.compile(r"\s*[()]\s*(?:ع|ص|س|ره|عج)\s*[()]")


class Entity(NamedTuple):  # a NamedTuple: immutable, and built at C speed (indexing makes thousands)
    kind: str  # "person", "country" or "date"
    start: int  # offsets into the text given to extract()
    end: int
    text: str  # the surface form, text[start:end]
    key: str  # person: canonical full name, folded ("" for no facet value); country: ISO alpha-2; date: ISO date
    label: str  # what a reader sees: the name as written, the news name of the country, the Jalali date in Persian


def extract(text: str) -> list[Entity]:
    """Every person, country and date mentioned in ``text``, in text order (nothing for empty or non-text)."""
    if not text or not isinstance(text, str):
        return []
    tt = TokenizedText(text)
    people = person_values.settle(tt, persons.find(tt))
    in_person = set()
    for i, j, _ in people:
        in_person.update(range(i, j))
    places = [(i, j, name) for i, j, name in countries.find(tt) if not in_person.intersection(range(i, j))]
    spans = tt.spans([i for i, _, _ in people] + [j - 1 for _, j, _ in people]
                     + [i for i, _, _ in places] + [j - 1 for _, j, _ in places])
    found = []  # (start, end, kind, key, label), offsets into text
    for i, j, canonical in people:
        end = spans[j - 1][1]
        honorific = _HONORIFIC_AFTER.match(text, end)  # «امام علی (ع)»: the honorific goes with the name
        end = honorific.end() if honorific else end
        # a person the facet cannot name (a bare surname, a byline: analyzers.person_values) has no key
        found.append((spans[i][0], end, PERSON, canonical or "",
                      person_label(canonical) if canonical else text[spans[i][0]:end]))
    for i, j, name in places:
        found.append((spans[i][0], spans[j - 1][1], COUNTRY, name.code, country_label(name.code)))
    for offset, window in dated_windows(text):
        for f_start, f_end, date in find_dates(window.folded):
            start, end = window.span(f_start, f_end)
            found.append((offset + start, offset + end, DATE, date.isoformat(), jalali_label(date)))
    found.sort()  # by start (a person and a country never share one)
    return [Entity(kind, start, end, text[start:end], ent_key, label) for start, end, kind, ent_key, label in found]


def resolve_person(text: str) -> list[str]:
    """Canonical keys of the gazetteer people that ``text`` names: a full name, an alias or a surname
    («لاریجانی» -> every Larijani). An unknown name comes back folded, as extract() would key it."""
    if not isinstance(text, str) or not tokens(text):
        return []
    lex = person_lexicon()
    wanted = key(text)
    out = []
    person = lex.gazetteer.values.get(wanted)
    if person:
        out.append(person.canonical)
    for canonical, surnames in lex.surname_of.items():
        if wanted in surnames and canonical not in out:
            out.append(canonical)
    for canonical in lex.surname_of:
        if key(canonical) == wanted and canonical not in out:
            out.append(canonical)
    return out or [" ".join(tokens(text))]


__all__ = ["COUNTRY", "DATE", "Entity", "PERSON", "country_label", "extract", "resolve_country", "resolve_person"]
