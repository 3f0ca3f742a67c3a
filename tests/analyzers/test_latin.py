from analyzers.entities import resolve_person
from analyzers.latin import country_code, latin_key, person_form, person_names
from analyzers.lexicon import tokens
from analyzers.names import gazetteer


def test_a_latin_key_ignores_case_accents_hyphens_and_apostrophes():
    assert latin_key("Ahmadi-Nejad") == latin_key("AHMADI NEJAD") == ("ahmadi", "nejad")
    assert latin_key("Côte d’Ivoire") == ("cote", "divoire")


def test_persian_script_has_no_latin_key():
    assert latin_key("احمدی‌نژاد") == () and latin_key("Obama اوباما") == ()


def test_a_latin_full_name_stands_for_the_persian_full_name():
    assert person_form("Mahmoud Ahmadinejad") == "محمود احمدی‌نژاد"


def test_the_last_word_of_a_latin_full_name_is_the_surname():
    assert (person_form("Larijani"), person_form("Obama")) == ("لاریجانی", "اوباما")


def test_a_listed_short_form_stands_for_its_persian_form():
    assert (person_form("Saddam"), person_form("Hu Jintao")) == ("صدام", "هو جین تائو")


def test_every_latin_name_resolves_to_a_gazetteer_person():
    people = {" ".join(tokens(canonical)) for canonical, _ in gazetteer()}
    unresolved = {latin: persian for latin, persian in person_names().items()
                  if not people.intersection(resolve_person(persian))}
    assert unresolved == {}


def test_english_country_names_and_codes_give_the_iso_code():
    assert [country_code(n) for n in ("Iraq", "IRQ", "united states", "USA", "Britain", "Burma")] == \
        ["IQ", "IQ", "US", "US", "GB", "MM"]


def test_an_unknown_latin_name_is_no_country():
    assert country_code("Atlantis") is None and person_form("Atlantis") is None
