"""The word lists person recognition consults, built once per process (``person_lexicon()``, about 0.3 s).

- first names (``analyzers.names``), common surnames (resources/surnames.txt), the gazetteer (resources/people.tsv);
- what cannot be a name: hazm's stop words, the Persian words of hazm's dictionary that have a corpus frequency
  (names that are also words stay names: «عادل», «حسینی»), and every conjugated form of hazm's verbs;
- cue phrases: titles before a name, role words before a name, speech verbs after a name, name particles.
"""

import functools
import importlib.util
from pathlib import Path
from dataclasses import dataclass

from analyzers import countries, names
from analyzers.fold import ZWNJ, fold
from analyzers.lexicon import key, read_lines, squash, tokens, variants


class PhraseSet:
    """Multi-word phrases looked up token by token: ``match(ft, i)`` is the end of the longest phrase at ``i``."""

    def __init__(self, phrases):
        self.values = {}
        for phrase, value in phrases:
            for k in variants(phrase):
                self.values.setdefault(k, value)
        self.max_len = {}
        self.follow = {}  # first word -> the second words of its phrases (a quick «can a phrase start here?»)
        for k in self.values:
            self.max_len[k[0]] = max(self.max_len.get(k[0], 0), len(k))
            if len(k) > 1:
                self.follow.setdefault(k[0], set()).add(k[1])

    def match(self, ft, i: int):
        """``(end, value)`` of the longest phrase starting at token ``i`` (no punctuation inside), or None."""
        sqs = ft.sqs
        first = sqs[i]
        longest = self.max_len.get(first, 0)
        if not longest:
            return None
        if longest > 1 and (i + 1 == len(sqs) or sqs[i + 1] not in self.follow[first]):
            longest = 1  # most words start no longer phrase here: one lookup instead of one per length
        values, gaps = self.values, ft.gaps
        for n in range(min(longest, len(sqs) - i), 0, -1):
            value = values.get(tuple(sqs[i:i + n]))
            # a phrase never spans punctuation (checked only for a phrase found: rare)
            if value is not None and not (
                    n > 1 and any(gaps[k] != " " and ft.gap(k - 1, k).strip() for k in range(i + 1, i + n))):
                return i + n, value
        return None

    def __contains__(self, word: str) -> bool:
        return (word,) in self.values


@dataclass(frozen=True)
class Person:
    canonical: str  # folded full name, ZWNJ kept
    weak: bool  # an alias that is also an ordinary word: only after a title or the full name
    shared: bool = False  # a surname others share: a person always, this one only after the full name


@dataclass
class PersonLexicon:
    first: frozenset
    weak_first: frozenset  # first names that are ordinary words far more often (امید، بهار)
    surnames: frozenset
    common: frozenset
    frequent: frozenset  # common words with a high corpus frequency
    frequency: dict  # word -> hazm's corpus frequency
    stop: frozenset
    verbs: frozenset
    titles: PhraseSet
    roles: PhraseSet
    speech: PhraseSet
    particles: frozenset
    gazetteer: PhraseSet  # name or alias -> Person
    joined: dict  # the whole name written as one word («بشاراسد») -> canonical
    gazetteer_tokens: frozenset
    surname_of: dict  # canonical -> its surname keys, for coreference
    country_words: frozenset  # one-word country names: never a name part unless a known name
    demonym_words: frozenset  # one-word demonyms: a surname after a first name («محمدرضا تاجیک»), never alone
    starters: frozenset  # words that may start a mention by themselves: titles, gazetteer, first names
    skip: frozenset  # stop words, dictionary words and verb forms that are no starter: never begin a mention
    phrase_only: frozenset  # starters only as the first word of a longer gazetteer name


NAMING = "naming"  # the value of a naming phrase («به نام») in the titles PhraseSet
PROPHET = frozenset(["پیامبر", "پیغمبر", "رسول"])  # a person when «(ص)» follows
FREQUENT = 100_000  # hazm's frequency unit: rare names («مخملباف» 141) stay below, ordinary words are far above


def _hazm_data(name: str) -> str:
    # find_spec locates hazm without importing it (importing hazm costs over a second: nltk and friends).
    spec = importlib.util.find_spec("hazm")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / "data" / name).read_text(encoding="utf-8")


def _dictionary() -> dict[str, int]:
    """hazm's dictionary words with their corpus frequency (folded, ZWNJ squeezed out). An entry with frequency 0
    and no part of speech is left out: those were merged in from name lists («خاتمی», «کتایون»)."""
    words, freqs = [], []
    for line in _hazm_data("words.dat").splitlines():
        word, _, rest = line.partition("\t")
        freq, _, pos = rest.partition("\t")
        if freq != "0" or pos.strip() != "0":
            words.append(word)
            freqs.append(int(freq) if freq.isdigit() else 0)
    out: dict[str, int] = {}
    # One fold call for the whole list: folding word by word would cost a second.
    # Hamza spellings of one word (مسئله / مساله, رئیس / رییس, نهایی / نهائی) fold to one key (analyzers.fold).
    for word, freq in zip(squash(fold("\n".join(words))).split("\n"), freqs):
        out[word] = max(freq, out.get(word, 0))
    return out


@functools.cache
def _dictionary_cached() -> dict[str, int]:
    return _dictionary()


def dictionary_words() -> frozenset:
    """hazm's dictionary words (folded, ZWNJ squeezed out), without the entries merged in from name lists."""
    return frozenset(_dictionary_cached())


def _adjective_of_word(word: str, common: set) -> bool:
    """«فرهنگی», «اسلامی»: a dictionary word plus the adjective ی (a common surname shape too, so only used to
    reject *first* names and lone words)."""
    return word.endswith("ی") and word[:-1] in common


# The bare 2nd person singular («دوانی», «رسانی») is left out: rare in news, and the shape of many surnames.
_PERSONAL = ("م", "", "یم", "ید", "ند")
_PRESENT_PERSONAL = ("م", "د", "یم", "ید", "ند")


def _verb_forms() -> set[str]:
    """Conjugated forms of every verb in hazm's list (squashed): past, present, continuous, negative, perfect."""
    out = set()
    for line in _hazm_data("verbs.dat").splitlines():
        past, _, present = fold(line.strip()).partition("#")
        for stem in (s for s in (past, present) if s):
            for neg in ("", "ن"):
                for cont in ("", "می", "نمی"):
                    if neg and cont:
                        continue
                    for ending in (_PERSONAL if stem == past else _PRESENT_PERSONAL):
                        out.add(neg + cont + stem + ending)
        if present:
            out.update("ب" + present + e for e in _PRESENT_PERSONAL)
        if past:
            out.update((past + "ه", past + "هاست", past + "هاند", past + "هام", "ن" + past + "ه", past + "ن"))
    return {f for f in out if len(f) > 1}


def _stop_words() -> set[str]:
    out = {squash(fold(w.strip())) for w in _hazm_data("stopwords.dat").splitlines() if w.strip()}
    out.update(key(w)[0] for w in read_lines("not_names.txt") if key(w))
    return out


def _gazetteer():
    entries = []
    joined = {}
    surname_of = {}
    toks = set()
    for canonical, aliases in names.gazetteer():
        canon = " ".join(tokens(canonical))
        entries.append((canonical, Person(canon, False)))
        for alias in aliases:
            weak, shared = alias.startswith("~"), alias.startswith("?")
            alias = alias.lstrip("~?")
            entries.append((alias, Person(canon, weak, shared)))
            if len(tokens(alias)) == 1:
                surname_of.setdefault(canon, set()).update(variants(alias))
        canon_tokens = tokens(canonical)
        if len(canon_tokens) > 1:
            surname_of.setdefault(canon, set()).update(variants(canon_tokens[-1]))
        for phrase in [canonical] + [a.lstrip("~?") for a in aliases]:
            parts = [squash(t) for t in tokens(phrase)]
            toks.update(parts)
            if len(parts) > 1:
                joined["".join(parts)] = canon
    return PhraseSet(entries), joined, frozenset(toks), surname_of


@functools.cache
def person_lexicon() -> PersonLexicon:
    lex = _build()
    lex.starters = frozenset(lex.titles.max_len) | frozenset(lex.gazetteer.max_len) | lex.first | lex.weak_first \
        | frozenset(lex.joined) | PROPHET
    # «به نام ...» is a title, but «به» is far too frequent to look at: «نام» starts it instead (see persons).
    lex.starters = (lex.starters - {"به"}) | {"نام"}
    lex.skip = (lex.stop | lex.common | lex.verbs) - lex.starters
    # Words that start something only as the first word of a longer gazetteer name («دولت» of «دولت آبادی»).
    lex.phrase_only = frozenset(w for w in lex.gazetteer.max_len if (w,) not in lex.gazetteer.values) - (
        lex.first | lex.weak_first | frozenset(lex.titles.max_len) | frozenset(lex.joined) | PROPHET | {"نام", "امام"})
    return lex


def _build() -> PersonLexicon:
    frequency = _dictionary_cached()
    common = set(frequency)
    own = names.own_first_names()
    # The package's list holds many ordinary words (شرکت, روز, اسلامی ...): its names that are dictionary words or
    # adjectives of one count only if our own list has them too; our names that are dictionary words (امید، بهار)
    # are weak: they start a name only before a surname that is no word.
    package = {n for n in names.package_first_names() if n not in common and not _adjective_of_word(n, common)}
    # Country names are never first names here («ایران» is one in the package's list).
    # Demonyms are kept: they are surnames too («محمدرضا تاجیک», «محمد سوری»).
    country_words = {k[0] for k, name in countries.lexicon().names.items() if len(k) == 1 and not name.demonym}
    country_words -= own  # «موریس» is our first name as well as a country
    stop = _stop_words()
    # weak first names are kept apart; a stop word («هایی») is never a first name
    first = (own | package) - names.not_first_names() - country_words - stop
    surnames = frozenset(key(w)[0] for w in read_lines("surnames.txt") if key(w))
    gazetteer, joined, gazetteer_tokens, surname_of = _gazetteer()
    # Dictionary words inside gazetteer names («مقام معظم رهبری», «جیانگ زمین») are no evidence of a name, nor are
    # adjectives of dictionary words before the surname («اسلامی» of «محمدعلی اسلامی ندوشن»).
    surname_words = {k[-1] for keys in surname_of.values() for k in keys}
    gazetteer_tokens = frozenset(t for t in gazetteer_tokens if t not in common and (
        t in surname_words or not (t.endswith("ی") and t[:-1] in common)))
    known = first | surnames | gazetteer_tokens
    return PersonLexicon(
        first=first,
        weak_first=names.not_first_names() - country_words - stop,
        frequency=frequency,
        surnames=surnames,
        common=frozenset(common - known),
        frequent=frozenset(w for w, f in frequency.items() if f >= FREQUENT and w not in known),
        stop=frozenset(stop),
        verbs=frozenset(_verb_forms() - known),
        titles=PhraseSet([(t, True) for t in read_lines("person_titles.txt")]
                         + [(t, NAMING) for t in read_lines("naming_phrases.txt")]),
        roles=PhraseSet((t, True) for t in read_lines("person_roles.txt")),
        speech=PhraseSet((t, True) for t in read_lines("person_verbs.txt")),
        particles=frozenset(key(w)[0] for w in read_lines("name_particles.txt") if key(w)),
        gazetteer=gazetteer,
        joined=joined,
        gazetteer_tokens=gazetteer_tokens,
        surname_of=surname_of,
        country_words=frozenset(country_words),
        demonym_words=frozenset(k[0] for k, name in countries.lexicon().names.items() if len(k) == 1 and name.demonym),
        starters=frozenset(),
        skip=frozenset(),
        phrase_only=frozenset(),
    )


__all__ = ["Person", "PersonLexicon", "PhraseSet", "ZWNJ", "person_lexicon"]
