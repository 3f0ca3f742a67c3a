import datetime

from analyzers.dates import jalali_label
from analyzers.entities import Entity, extract


def test_empty_or_missing_text_has_no_entities():
    assert extract("") == [] and extract(None) == []


def test_entities_come_in_text_order_with_kind_key_and_label():
    text = "علی لاریجانی روز ۲۱ دی ۱۳۸۷ به سوریه رفت"
    found = extract(text)
    assert [e.kind for e in found] == ["person", "date", "country"]
    person, date, country = found
    assert (country.key, country.label) == ("SY", "سوریه")
    assert (date.key, date.label) == ("2009-01-10", "۲۱ دی ۱۳۸۷")
    assert all(isinstance(e, Entity) and text[e.start:e.end] == e.text for e in found)


def test_country_label_is_the_news_name():
    (country,) = [e for e in extract("سفیر ایالات متحده احضار شد") if e.kind == "country"]
    assert (country.key, country.label) == ("US", "آمریکا")


def test_offsets_survive_deleted_bidi_marks_and_tatweel():
    text = "\u200fسفر بـــه سوريه\u200e در ١٣٨٧/١٠/٢١"
    found = extract(text)
    assert [(e.kind, text[e.start:e.end]) for e in found] == [("country", "سوريه"), ("date", "١٣٨٧/١٠/٢١")]


def test_offsets_survive_expanding_ligatures():
    text = "ﻻریجانی گفت و علی لاریجانی به لبنان رفت"
    countries = [e for e in extract(text) if e.kind == "country"]
    assert [text[e.start:e.end] for e in countries] == ["لبنان"]


def test_each_date_form_in_text_gets_the_iso_key():
    text = "در ۱۳۸۷/۱۰/۲۱ و 1387-10-21 و شنبه ۲۱ دی‌ماه ۱۳۸۷ و ۱۰ ژانویه ۲۰۰۹ و 2009-01-10"
    dates = [e for e in extract(text) if e.kind == "date"]
    assert [e.key for e in dates] == ["2009-01-10"] * 5
    assert {e.label for e in dates} == {jalali_label(datetime.date(2009, 1, 10))}


def test_iso_datetime_with_zone_in_text_is_one_date():
    text = "منتشر شده در 2009-01-10T23:30:00+03:30 در تهران"
    (date,) = [e for e in extract(text) if e.kind == "date"]
    assert (date.key, date.text) == ("2009-01-10", "2009-01-10T23:30:00+03:30")


def test_invalid_dates_in_text_are_skipped():
    assert [e for e in extract("در تاریخ 1387/13/40 و ۳۲ دی ۱۳۸۷") if e.kind == "date"] == []


def test_a_person_name_hides_a_country_word_inside_it():
    found = extract("عبدالله گل رئیس‌جمهور ترکیه")
    assert [(e.kind, e.text) for e in found] == [("person", "عبدالله گل"), ("country", "ترکیه")]


def test_a_country_without_its_madda_is_the_same_country():
    text = "سفر به امریکا و آمریکا"
    assert [(e.key, text[e.start:e.end]) for e in extract(text)] == [("US", "امریکا"), ("US", "آمریکا")]


def test_a_person_in_either_hamza_spelling_is_one_person():
    first, second = extract("ابراهیم رئیسی گفت"), extract("ابراهیم رییسی گفت")
    assert [(e.key, e.text) for e in first] == [("سید ابراهیم رییسی", "ابراهیم رئیسی")]
    assert [e.key for e in second] == ["سید ابراهیم رییسی"]


def test_dates_keep_their_offsets_after_words_that_fold_shorter():
    text = "سئوال اعضاء در ۲۱ آذر ۱۳۸۷ مطرح شد"
    (date,) = extract(text)
    assert (date.start, date.end, date.key) == (15, 26, "2008-12-11")
