"""Person facet values (issue 10): who is a value, under which key. Sentences of our own."""

import pytest

from analyzers.entities import extract
from analyzers.lexicon import key, read_lines


def values(text):
    return [e.key for e in extract(text) if e.kind == "person" and e.key]


def mentions(text):
    return [e.text for e in extract(text) if e.kind == "person"]


def _heads():
    return [line for line in read_lines("place_heads.txt") if key(line)]


@pytest.mark.parametrize("head", _heads())
def test_each_head_stops_a_person(head):
    # the same name is a value in a plain sentence and not after the head
    assert values("دیروز شهید محمدحسین بهشتی را یاد کردند") == ["محمدحسین بهشتی"]
    assert values(f"دیروز در {head} شهید محمدحسین بهشتی جمع شدند") == []


def test_titles_and_modifiers_between_head_and_name_are_skipped():
    assert values("پرواز از فرودگاه بین‌المللی امام خمینی انجام شد") == []
    assert values("بازدید از کمیته امداد امام خمینی آغاز شد") == []
    assert values("امام خمینی در این سخنرانی گفت") == ["روح\u200cالله خمینی"]


def test_a_list_after_a_street_head_is_of_places():
    assert values("بخش‌هایی از بزرگراه صیاد شیرازی، امام علی (ع) و نواب باز شد") == []
    assert values("سخنان امام علی (ع) را خواند") == ["امام علی"]


def test_a_head_before_a_comma_does_not_swallow_the_person_after_it():
    assert values("رئیس دانشگاه تهران، علی کریمی، گفت") == ["علی کریمی"]


def test_a_place_given_a_name_is_no_person():
    assert values("دو دبستان به نام های ابن سینا و صادقیه بسته شد") == []
    assert values("این بزرگراه به نام امام علی (ع) نامگذاری شد") == []


@pytest.mark.parametrize("name", ["علی", "رضا", "زهرا", "محمد"])
def test_a_bare_first_name_is_no_value(name):
    text = f"{name} گفت که فردا می‌آید"
    assert values(text) == []


def test_first_names_only_are_no_value():
    assert mentions("محمد علی در این مراسم حاضر بود") == ["محمد علی"]
    assert values("محمد علی در این مراسم حاضر بود") == []


def test_a_first_name_with_a_religious_honorific_is_the_holy_person():
    assert values("در روز ولادت علی (ع) جشن گرفتند") == ["امام علی"]
    assert values("فردی به نام حسین (۲۰ ساله) دستگیر شد") == []


def test_a_title_before_a_gazetteer_alias_is_read_with_it():
    assert values("در حدیثی از پیامبر اکرم آمده است") == ["حضرت محمد"]


def test_fiction_is_no_value():
    assert values("نقش هری پاتر را بازی کرد") == []


def test_an_epithet_with_a_shared_surname_resolves_only_with_evidence():
    assert values("کتاب استاد مطهری منتشر شد") == []
    assert mentions("کتاب استاد مطهری منتشر شد") == ["مطهری"]  # still a person mention, no value
    assert values("مرتضی مطهری متفکر بود. کتاب استاد مطهری منتشر شد") == ["مرتضی مطهری"] * 2


def test_a_shared_surname_after_another_first_name_is_someone_else():
    assert values("فرهاد مجیدی گل زد و مجیدی خوشحال بود") == ["فرهاد مجیدی", "فرهاد مجیدی"]
    assert "مجید مجیدی" not in values("فرهاد مجیدی گل زد و مجیدی خوشحال بود")


def test_a_gazetteer_mononym_followed_by_a_surname_is_another_person():
    assert "سعدی شیرازی" not in values("سعدی عزیزی میزان این وام را اعلام کرد")


def test_honorific_and_spacing_variants_are_one_value():
    assert values("سید مهدی رحمتی دروازه را بست") == values("مهدی رحمتی دروازه را بست") == ["مهدی رحمتی"]
    assert values("سیدمحمد خاتمی گفت") == values("سید محمد خاتمی گفت") == ["سید محمد خاتمی"]


def test_known_short_forms_are_one_value():
    assert values("کریس رونالدو گل زد") == values("کریستیانو رونالدو گل زد") == ["کریستیانو رونالدو"]
    assert values("اباعبدالله الحسین را یاد کردند") == ["امام حسین"]


def test_a_byline_is_a_person_but_no_value():
    text = "گروه اجتماعی - مریم کاظمی: جلسه شورا دیروز برگزار شد"
    assert mentions(text) == ["مریم کاظمی"] and values(text) == []
    assert values("جلسه شورا دیروز برگزار شد.\nعکس‌ها از بهرام رادمنش") == []
    assert values("مریم کاظمی: جلسه شورا دیروز برگزار شد") == ["مریم کاظمی"]  # a quote, not a byline
