import pytest

from analyzers.entities import extract, resolve_person


def persons_in(text):
    return [(e.text, e.key) for e in extract(text) if e.kind == "person"]


def test_gazetteer_full_name_gets_its_canonical_key():
    assert persons_in("محمود احمدی‌نژاد به نیویورک رفت") == [("محمود احمدی‌نژاد", "محمود احمدی\u200cنژاد")]


def test_name_written_with_a_space_instead_of_zwnj_is_the_same_person():
    assert persons_in("محمود احمدی نژاد به نیویورک رفت")[0][1] == "محمود احمدی\u200cنژاد"


def test_honorific_introduces_an_unknown_person_and_is_not_part_of_the_name():
    # a person mention, but a bare surname names no one in particular: no facet value (issue 10)
    assert persons_in("آقای فرهمندپور در این جلسه حضور داشت") == [("فرهمندپور", "")]
    assert persons_in("آقای بهرام فرهمندپور در این جلسه حضور داشت") == [("بهرام فرهمندپور", "بهرام فرهمندپور")]


def test_zwnj_and_space_variants_of_an_honorific_both_work():
    for title in ("حجت‌الاسلام", "حجت الاسلام", "آیت‌الله", "آیت الله"):
        assert persons_in(f"{title} کاظمینی گفت") == [("کاظمینی", "")]
        assert persons_in(f"{title} حسن کاظمینی گفت") == [("حسن کاظمینی", "حسن کاظمینی")]


def test_unknown_first_name_and_surname_form_a_person():
    assert persons_in("در این مراسم بهرام قلی‌پور سخنرانی کرد") == [("بهرام قلی‌پور", "بهرام قلی\u200cپور")]


def test_first_name_before_an_ordinary_word_surname_after_a_title():
    assert persons_in("دکتر مریم سعادت گفت") == [("مریم سعادت", "مریم سعادت")]


def test_surname_alone_resolves_to_the_full_name_seen_earlier():
    text = "علی لاریجانی رئیس مجلس گفت ... لاریجانی افزود"
    assert [k for _, k in persons_in(text)] == ["علی لاریجانی", "علی لاریجانی"]


def test_surname_of_an_unknown_person_resolves_within_the_document():
    text = "بهرام قلی‌پور مدیر شرکت است. قلی‌پور گفت که قرارداد امضا شد."
    assert [k for _, k in persons_in(text)] == ["بهرام قلی\u200cپور"] * 2


def test_joined_gazetteer_name_splits_into_the_person():
    assert persons_in("بشاراسد با هیئت ایرانی دیدار کرد") == [("بشاراسد", "بشار اسد")]


def test_arabic_and_turkish_names():
    found = [k for _, k in persons_in("رجب طیب اردوغان و خالد مشعل و محمد بن سلمان دیدار کردند")]
    assert found == ["رجب طیب اردوغان", "خالد مشعل", "محمد بن سلمان"]


def test_arabic_letter_forms_and_harakat_match_and_offsets_point_into_the_original():
    text = "آقاي عليٌ لاريجاني گفت"
    (entity,) = [e for e in extract(text) if e.kind == "person"]
    assert entity.key == "علی لاریجانی" and text[entity.start:entity.end] == entity.text == "عليٌ لاريجاني"


def test_speech_verb_after_an_unknown_name_makes_it_a_person():
    assert persons_in("گفتگو ادامه یافت. کاظمینی افزود: کار تمام است") == [("کاظمینی", "")]


def test_ordinary_words_and_weak_aliases_alone_are_not_persons():
    assert persons_in("مبارک باشد، امید داریم که روز شنبه حسن اجرای قانون برسد") == []


def test_street_named_after_a_person_is_not_a_person_mention():
    assert persons_in("خیابان شهید بهشتی بسته شد") == []


def test_weak_alias_counts_after_the_full_name():
    assert [k for _, k in persons_in("حسنی مبارک به ریاض رفت. مبارک گفت")] == ["حسنی مبارک"] * 2


def test_resolve_person_by_surname_lists_every_gazetteer_match():
    keys = resolve_person("لاریجانی")
    assert "علی لاریجانی" in keys and "صادق املی لاریجانی" in keys  # keys are folded: no madda


def test_resolve_person_by_alias_and_unknown_name():
    assert resolve_person("احمدی نژاد") == ["محمود احمدی\u200cنژاد"]
    assert resolve_person("بهرام قلی‌پور") == ["بهرام قلی\u200cپور"]
    assert resolve_person("") == []


def test_adjective_after_a_title_is_skipped_and_the_name_after_it_found():
    assert persons_in("ژنرال بازنشسته کولین پاول وزیر شد") == [("کولین پاول", "کالین پاول")]


def test_title_followed_by_an_adjective_alone_is_no_person():
    assert persons_in("با همان دکتر معالج مشورت شود") == []


def test_religious_honorific_belongs_to_the_name():
    assert [t for t, _ in persons_in("به فرموده امام علی (ع) عمل کنید")] == ["امام علی (ع)"]


def test_names_listed_after_a_person_are_persons_too():
    found = [t for t, _ in persons_in("اعضای تیم: مهرداد کاظمینی، فرهاد طاهرخانی و نیما سلطانزاده")]
    assert found == ["مهرداد کاظمینی", "فرهاد طاهرخانی", "نیما سلطانزاده"]


def test_ezafe_after_a_first_name_that_is_a_word_is_no_surname():
    assert persons_in("نظارت بر حسن اجرای قانون") == []


def test_two_unknown_words_before_a_role_are_a_person():
    assert [t for t, _ in persons_in("در این همایش یوشیهارو کانزاکی مدیرکل یونسکو سخن گفت")] == ["یوشیهارو کانزاکی"]


@pytest.mark.parametrize("text", ["گرانترین بازیکن فصل گفت که به تیم تازه می‌پیوندد.",
                                  "جدیدترین گزارش بانک جهانی منتشر شد و پردرآمدترین شرکت‌ها را نام برد."])
def test_a_superlative_is_no_name(text):
    assert persons_in(text) == []
