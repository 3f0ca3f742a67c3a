from analyzers.fold import fold


def test_arabic_ya_and_kaf_become_persian():
    assert fold("كيف") == "کیف"


def test_persian_and_arabic_digits_become_ascii():
    assert fold("۱۳۸۷/١٠/۲۱") == "1387/10/21"


def test_harakat_and_tatweel_are_removed():
    assert fold("كِتـــاب") == "کتاب"


def test_zwnj_is_kept_and_bidi_marks_removed():
    assert fold("\u200fمی\u200cروند\u200e") == "می\u200cروند"


def test_heh_forms_and_hamza_alef_fold():
    assert fold("خانهٔ أحمد مؤسسة") == "خانه احمد موسسه"


def test_alef_with_madda_folds_to_alef():
    assert fold("آب آمد") == "اب امد"


def test_hamza_on_yeh_folds_to_yeh():
    assert fold("رئیس مسائل پائیز آئین") == "رییس مسایل پاییز ایین"


def test_alef_hamza_folds_to_alef():
    assert fold("اعضاء آراء") == "اعضا ارا"


def test_hamza_words_read_as_alef_fold_to_alef():
    assert fold("هیئت مسئله جرئت") == "هیات مساله جرات"


def test_hamza_words_read_as_waw_fold_to_waw():
    assert fold("مسئول شئون مرئوس") == "مسوول شوون مرووس"


def test_hamza_rules_match_inside_longer_words():
    assert fold("غیرمسئولانه هیئت‌ها") == "غیرمسوولانه هیات‌ها"


def test_question_with_a_misplaced_seat_folds_like_the_others():
    assert {fold("سئوال"), fold("سؤال"), fold("سوال")} == {"سوال"}


def test_words_the_madda_tells_apart_keep_it():
    assert fold("آستان قدس و استان فارس") == "آستان قدس و استان فارس"


def test_a_kept_word_keeps_its_madda_before_an_ending():
    assert fold("آفت‌ها آفتهای") == "آفت‌ها آفتهای"


def test_a_kept_word_inside_a_longer_word_folds():
    assert fold("آستانه آل‌احمد") == "استانه ال‌احمد"


def test_words_the_hamza_tells_apart_keep_it():
    assert fold("رئال و ریال") == "رئال و ریال"


def test_folding_twice_changes_nothing():
    once = fold("رئیس هیئت مسؤول آمریکا اعضاء آفت‌ها سئوال")
    assert fold(once) == once


def test_the_variant_rules_are_part_of_the_analyzer_fingerprint(monkeypatch):
    from analyzers import fingerprint, fold as fold_module

    before = fingerprint.fingerprint()
    fingerprint.fingerprint.cache_clear()
    monkeypatch.setattr(fold_module, "FINGERPRINT_PARTS", fold_module.FINGERPRINT_PARTS + (("ئ", "ا"),))
    try:
        assert fingerprint.fingerprint() != before
    finally:
        fingerprint.fingerprint.cache_clear()
