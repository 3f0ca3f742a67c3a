from analyzers.fold import fold
from analyzers.names import first_names, protected_words


def test_protected_words_are_folded_single_tokens():
    words = protected_words()
    assert all(w == fold(w) and " " not in w for w in words)


def test_gazetteer_surnames_are_protected_with_and_without_zwnj():
    words = protected_words()
    assert {"لاریجانی", "خامنه\u200cای", "خامنهای", "احمدینژاد"} <= words


def test_country_names_and_demonyms_are_protected():
    assert {"ایران", "ایرانی", "سوریه", "عربستان", "سعودی", "امریکایی"} <= protected_words()


def test_names_are_protected_in_their_folded_spelling():
    words = protected_words()
    assert "رییسی" in words and "رئیسی" not in words


def test_generic_words_of_long_country_names_are_not_protected():
    assert "جمهوری" not in protected_words()


def test_first_name_lexicon_has_thousands_of_names():
    names = first_names()
    assert len(names) > 5000 and {"علی", "مریم", "بشار", "رجب"} <= names
