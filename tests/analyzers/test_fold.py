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


def test_madda_alef_is_kept():
    assert fold("آب") == "آب"
