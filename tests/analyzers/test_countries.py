import pytest

from analyzers.countries import country_label, resolve_country
from analyzers.entities import extract


def countries_in(text):
    return [(e.text, e.key) for e in extract(text) if e.kind == "country"]


@pytest.mark.parametrize("name, code", [
    ("آمریکا", "US"), ("امریکا", "US"), ("ایالات متحده", "US"), ("ایالات متحده آمریکا", "US"),
    ("انگلیس", "GB"), ("انگلستان", "GB"), ("بریتانیا", "GB"),
    ("فلسطین", "PS"), ("سرزمین‌های فلسطینی", "PS"), ("عربستان", "SA"), ("عربستان سعودی", "SA"),
    ("امارات", "AE"), ("امارات متحده عربی", "AE"), ("کره شمالی", "KP"), ("کرهٔ جنوبی", "KR"),
    ("رژیم صهیونیستی", "IL"), ("اسرائیل", "IL"), ("هندوستان", "IN"), ("جمهوری آذربایجان", "AZ"),
    ("ترکیه", "TR"), ("سوریه", "SY"), ("روسیه", "RU"), ("چین", "CN"), ("ژاپن", "JP"),
])
def test_each_news_name_and_alias_resolves_to_its_code(name, code):
    assert resolve_country(name) == code


@pytest.mark.parametrize("demonym, code", [
    ("ایرانی", "IR"), ("آمریکایی", "US"), ("امریکایی", "US"), ("سوری", "SY"), ("عراقی", "IQ"),
    ("انگلیسی", "GB"), ("فرانسوی", "FR"), ("آلمانی", "DE"), ("روس", "RU"), ("چینی", "CN"),
    ("سعودی", "SA"), ("اماراتی", "AE"), ("فلسطینی", "PS"), ("اسرائیلی", "IL"), ("افغان", "AF"),
    ("ترکیه‌ای", "TR"), ("پاکستانی", "PK"), ("لبنانی", "LB"), ("ایرانیان", "IR"), ("آمریکایی‌ها", "US"),
])
def test_each_demonym_and_its_plural_resolves_to_its_code(demonym, code):
    assert resolve_country(demonym) == code


def test_every_icu_region_name_resolves():
    import icu

    fa = icu.Locale("fa")
    for code in ("IR", "DE", "BR", "NZ", "CI", "VA"):
        assert resolve_country(icu.Locale("", code).getDisplayCountry(fa)) == code


def test_iso_codes_resolve_in_any_case_and_unknowns_give_none():
    assert resolve_country("sy") == "SY" and resolve_country("IR") == "IR"
    assert resolve_country("ZZ") is None and resolve_country("کتاب") is None and resolve_country("") is None
    assert resolve_country(None) is None


def test_label_is_the_news_name_not_icus():
    assert country_label("US") == "آمریکا" and country_label("GB") == "انگلیس" and country_label("PS") == "فلسطین"


def test_arabic_letter_forms_still_match():
    assert countries_in("سفر به سوريه و كويت") == [("سوريه", "SY"), ("كويت", "KW")]


def test_country_word_inside_a_longer_word_is_not_matched():
    assert countries_in("هندسه و هندوانه و چینش") == []


def test_chin_the_verb_and_gol_are_not_countries():
    assert countries_in("گل را بچین و چین‌های دامن را صاف کن") == []


def test_mali_meaning_financial_stays_untagged():
    assert countries_in("مقامات مالی و مسائل مالی شرکت") == []


def test_mali_with_country_context_is_tagged():
    assert countries_in("سفیر کشور مالی در تهران") == [("مالی", "ML")]


def test_ambiguous_name_in_a_list_of_countries_is_tagged():
    assert ("چک", "CZ") in countries_in("هیئت‌هایی از لهستان، چک و مجارستان")


def test_language_adjective_after_zaban_is_not_a_country():
    assert countries_in("این کتاب به زبان انگلیسی ترجمه شد") == []


def test_newspaper_and_currency_names_are_not_country_mentions():
    assert countries_in("روزنامه ایران نوشت هر دلار آمریکا گران شد") == []


def test_azerbaijan_province_is_not_the_republic():
    assert countries_in("استان آذربایجان شرقی") == []


def test_islamic_republic_of_pakistan_is_not_iran():
    assert countries_in("جمهوری اسلامی ایران و پاکستان") == [("جمهوری اسلامی ایران", "IR"), ("پاکستان", "PK")]


def test_diameter_next_to_a_number_is_not_qatar():
    assert countries_in("لوله‌ای به قطر ۵ متر") == []
    assert countries_in("امیر قطر به دوحه بازگشت") == [("قطر", "QA")]


def _table_rows():
    from analyzers.lexicon import read_table

    return read_table("countries.tsv")


@pytest.mark.parametrize("row", _table_rows(), ids=lambda row: row[0])
def test_every_alias_and_demonym_of_the_table_resolves_to_its_code(row):
    code, label, aliases, demonyms = (row + ["", "", ""])[:4]
    forms = [label] + [a for a in aliases.split("|") if a] + [d for d in demonyms.split("|") if d]
    assert {form: resolve_country(form) for form in forms} == {form: code for form in forms}


def _unambiguous_rows():
    """Rows whose news name is found without a country context (ambiguous names have their own tests)."""
    from analyzers.countries import lexicon
    from analyzers.lexicon import key

    return [row for row in _table_rows() if not lexicon().names[key(row[1])].ambiguous]


@pytest.mark.parametrize("row", _unambiguous_rows(), ids=lambda row: row[0])
def test_every_unambiguous_country_name_is_found_in_a_sentence(row):
    code, label = row[0], row[1]
    assert countries_in(f"سفیر {label} با وزیر دیدار کرد") == [(label, code)]
