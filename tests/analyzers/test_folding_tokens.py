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


def test_alef_with_madda_is_kept():
    assert tokens("آزادی") == [("آزادی", 0, 5)]


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
