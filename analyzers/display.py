"""How a folded name reads: person labels written as Persian is printed («آیت‌الله ...», «سید ابراهیم رئیسی»).

Person keys are folded (analyzers.fold: no madda, the hamza on its seat), so «رئیسی» and «رییسی» are one person;
a reader must still see the name as it is written. A gazetteer person's label is its canonical name in
resources/people.tsv; any other name is labelled word by word, each word spelt as the name lexicons write it
(gazetteer names first, then our first names and surnames, country names, the first-name package), a spelling with
the madda preferred and, for the hamza on yeh, the one without it («رضایی» rather than «رضائی»).
"""

import functools

from analyzers import countries, names
from analyzers.fold import MADDA, HAMZA_YEH, TABLE, variants
from analyzers.lexicon import TOKEN, read_lines, tokens


@functools.cache
def _gazetteer_labels() -> dict[str, str]:
    return {" ".join(tokens(canonical)): canonical.strip() for canonical, _ in names.gazetteer()}


def _phrases():
    """Every name the lexicons write, most trusted source first."""
    for canonical, aliases in names.gazetteer():
        yield canonical
        yield from (a.lstrip("~?") for a in aliases)
    yield from read_lines("first_names.txt")
    yield from read_lines("surnames.txt")
    yield from countries.lexicon().labels.values()
    yield from names.package_names()


@functools.cache
def _spellings() -> dict[str, str]:
    """Folded word -> how the lexicons write it (letters folded, madda and hamza as written)."""
    best: dict[str, tuple] = {}
    for rank, phrase in enumerate(_phrases()):
        for word in TOKEN.findall(phrase.translate(TABLE)):
            if len(word) < 2:
                continue  # «آ رمان» in the package: a stray letter
            score = (-word.count(MADDA), word.count(HAMZA_YEH), rank)
            key = variants(word)
            if key not in best or score < best[key][0]:
                best[key] = (score, word)
    return {key: word for key, (_, word) in best.items()}


@functools.lru_cache(maxsize=100_000)
def person_label(key: str) -> str:
    """The label of person key ``key`` (a folded name, words separated by spaces)."""
    label = _gazetteer_labels().get(key)
    if label is not None:
        return label
    spellings = _spellings()
    return " ".join(spellings.get(word, word) for word in key.split(" "))


__all__ = ["person_label"]
