"""Each folding rule seen through the index analyzer: the term is folded, the offsets cover the original spelling."""

import pytest

from analyzers.analysis import index_analyzer


def tokens(text):
    return [(t.text, t.startchar, t.endchar) for t in index_analyzer()(text, chars=True)]


@pytest.mark.parametrize("variant", ["ي", "ى", "ے"])
def test_arabic_and_urdu_ya_fold_to_persian_ya(variant):
    text = f"تيم {variant}زد"  # our own: the same letter in a second word
    text = text.replace("ي", variant)
    assert tokens(text) == [("تیم", 0, 3), ("یزد", 4, 7)]


@pytest.mark.parametrize("variant", ["ك", "ڪ"])
def test_arabic_and_swash_kaf_fold_to_persian_kaf(variant):
    assert tokens(f"{variant}شور") == [("کشور", 0, 4)]


@pytest.mark.parametrize("spelling", ["مدرسة", "مدرسۀ", "مدرسهٔ"])
def test_teh_marbuta_and_heh_with_hamza_fold_to_heh(spelling):
    assert tokens(spelling) == [("مدرسه", 0, len(spelling))]


@pytest.mark.parametrize("variant", ["أ", "إ", "ٱ"])
def test_alef_with_hamza_or_wasla_folds_to_alef(variant):
    assert tokens(f"{variant}صفهان") == [("اصفهان", 0, 6)]


def test_alef_with_madda_folds_to_alef():
    assert tokens("آمریکا و آلمان") == [("امریکا", 0, 6), ("المان", 9, 14)]


def test_a_word_the_madda_tells_apart_keeps_it():
    assert tokens("آستان قدس در استان") == [("آستان", 0, 5), ("قدس", 6, 9), ("استان", 13, 18)]


def test_hamza_on_yeh_folds_to_yeh():
    assert tokens("رئیس مجلس از مسائل پائیز") == [("رییس", 0, 4), ("مجلس", 5, 9), ("مسایل", 13, 18), ("پاییز", 19, 24)]


def test_a_word_the_hamza_tells_apart_keeps_it():
    assert tokens("رئال و ریال") == [("رئال", 0, 4), ("ریال", 7, 11)]


def test_hamza_read_as_alef_folds_to_alef():
    assert tokens("مسئله آب") == [("مساله", 0, 5), ("اب", 6, 8)]


def test_every_seat_of_a_hamza_read_as_waw_gives_one_term():
    assert tokens("مسئول مسؤول مسوول") == [("مسوول", 0, 5), ("مسوول", 6, 11), ("مسوول", 12, 17)]


def test_a_shorter_folded_word_keeps_the_offsets_of_its_spelling():
    assert tokens("سئوال نماینده") == [("سوال", 0, 5), ("نماینده", 6, 13)]


def test_alef_hamza_folds_to_alef():
    assert tokens("اعضاء شورا") == [("اعضا", 0, 5), ("شورا", 6, 10)]


def test_a_name_in_either_hamza_spelling_is_not_lemmatized():
    assert tokens("رئیسی رییسی") == [("رییسی", 0, 5), ("رییسی", 6, 11)]


def test_waw_with_hamza_folds_to_waw():
    assert tokens("مؤسسه") == [("موسسه", 0, 5)]


def test_harakat_are_removed_inside_the_token():
    assert tokens("دَرِیا") == [("دریا", 0, 6)]


def test_tatweel_is_removed_inside_the_token():
    assert tokens("تهـــران") == [("تهران", 0, 8)]


@pytest.mark.parametrize("digits", ["۱۳۸۷", "١٣٨٧", "1387"])
def test_persian_arabic_and_ascii_digits_give_one_term(digits):
    assert tokens(f"سال {digits}") == [("سال", 0, 3), ("1387", 4, 8)]


def test_bidi_and_zero_width_marks_are_dropped_but_stay_inside_the_offsets():
    text = "\u200fتهران\u200e"
    assert tokens(text) == [("تهران", 0, 7)]


def test_latin_letters_are_lower_cased():
    assert tokens("NASA") == [("nasa", 0, 4)]
