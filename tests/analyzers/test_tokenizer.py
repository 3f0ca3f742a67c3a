"""The analyzer's tokens: texts, positions and offsets into the original string (our own sentences)."""

import pickle
import time

import pytest

from analyzers.analysis import index_analyzer, normalize_query, query_analyzer

ZWNJ = "\u200c"


@pytest.fixture(scope="module")
def analyze():
    analyzer = index_analyzer()

    def run(text):
        return [(t.text, t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True)]

    return run


def texts(tokens):
    return [t[0] for t in tokens]


def test_empty_input_gives_no_tokens(analyze):
    assert analyze("") == []


def test_whitespace_only_input_gives_no_tokens(analyze):
    assert analyze(" \n\t" + ZWNJ + "  ") == []


def test_offsets_point_into_the_original_text_after_folding(analyze):
    text = "كتـاب عليرضا"  # Arabic kaf and ya, a tatweel: folding changes the letters, not the offsets
    tokens = analyze(text)
    assert texts(tokens) == ["کتاب", "علیرضا"]
    assert [text[s:e] for _, _, s, e in tokens] == ["كتـاب", "عليرضا"]


def test_punctuation_never_sticks_to_words(analyze):
    text = "«سلام»، دنیا؛ چرا؟ تهران-قم"
    tokens = analyze(text)
    assert texts(tokens) == ["سلام", "دنیا", "تهران", "قم"]
    assert [(s, e) for _, _, s, e in tokens] == [(1, 5), (8, 12), (19, 24), (25, 27)]


@pytest.mark.parametrize("spelling", ["می" + ZWNJ + "روند", "میروند", "می روند"])
def test_three_spellings_of_a_verb_give_one_term_spanning_the_word(analyze, spelling):
    assert analyze(spelling) == [("رفت#رو", 0, 0, len(spelling))]


@pytest.mark.parametrize("spelling", ["کتاب" + ZWNJ + "ها", "کتابها", "کتاب ها"])
def test_three_spellings_of_a_plural_give_the_singular(analyze, spelling):
    assert analyze(spelling) == [("کتاب", 0, 0, len(spelling))]


def test_positions_after_a_split_word_are_the_same_as_after_a_joined_one(analyze):
    joined = analyze("دانش‌آموزان کتاب" + ZWNJ + "ها را خواندند")
    split = analyze("دانش‌آموزان کتاب ها را خواندند")
    assert [(t, p) for t, p, _, _ in joined] == [(t, p) for t, p, _, _ in split]


def test_names_stay_whole(analyze):
    tokens = analyze("لاریجانی و جلیلی در لبنان و ایران")
    assert tokens == [("لاریجانی", 0, 0, 8), ("جلیلی", 1, 11, 16), ("لبنان", 2, 20, 25), ("ایران", 3, 28, 33)]


def test_plurals_reach_their_singular(analyze):
    tokens = analyze("دانشجویان نمایندگان جوانان کشورهای")
    assert texts(tokens) == ["دانشجو", "نماینده", "جوان", "کشور"]


def test_verb_forms_reach_one_lemma(analyze):
    tokens = analyze("نمی‌رفتند رفته اند")
    assert tokens == [("رفت#رو", 0, 0, 9), ("رفت#رو", 1, 10, 18)]


def test_stop_words_are_dropped_and_positions_stay_consecutive(analyze):
    tokens = analyze("نرخ بیکاری در ایران")
    assert tokens == [("نرخ", 0, 0, 3), ("بیکاری", 1, 4, 10), ("ایران", 2, 14, 19)]


def test_mixed_persian_english_and_digits(analyze):
    text = "نسخهٔ iOS ۱۷ در ۲۰۲۳"
    tokens = analyze(text)
    assert texts(tokens) == ["نسخه", "ios", "17", "2023"]
    assert [text[s:e] for _, _, s, e in tokens] == ["نسخهٔ", "iOS", "۱۷", "۲۰۲۳"]


def test_a_long_run_without_spaces_is_fast_and_not_indexed(analyze):
    text = "ب" * 100_000
    start = time.perf_counter()
    tokens = analyze(text)
    assert time.perf_counter() - start < 1.0
    assert tokens == []


def test_query_analyzer_gives_the_index_terms():
    text = "كتابهاي مي روند"
    assert [t.text for t in query_analyzer()(text)] == [t.text for t in index_analyzer()(text)]


def test_normalize_query_joins_split_affixes_with_a_half_space():
    assert normalize_query("كتاب ها را مي خوانند") == "كتاب" + ZWNJ + "ها را مي" + ZWNJ + "خوانند"


def test_normalize_query_keeps_operators_and_quotes():
    assert normalize_query('title:"می روند" -ایران') == 'title:"می' + ZWNJ + 'روند" -ایران'


def test_analyzer_pickles_small():
    assert len(pickle.dumps(index_analyzer())) < 1000


@pytest.mark.parametrize("spelling", ["بین" + ZWNJ + "المللی", "بینالمللی", "بین المللی"])
def test_three_spellings_of_a_dictionary_compound_give_one_term(analyze, spelling):
    assert analyze(spelling) == [("بینالمللی", 0, 0, len(spelling))]


def test_a_suffix_after_a_half_space_is_cut_at_the_half_space(analyze):
    # «خانه‌ای» is خانه + ای, not خان + های
    assert analyze("خانه" + ZWNJ + "ای") == [("خانه", 0, 0, 7)]


def test_a_word_ending_in_ha_that_is_not_a_plural_stays_whole(analyze):
    assert texts(analyze("پایتخت تنهاست؟ شاهنامه")) == ["پایتخت", "تنهاست", "شاهنامه"]


def test_split_suffix_joins_only_to_a_word_before_it_not_to_a_number(analyze):
    assert texts(analyze("۲۰ ها")) == ["20", "ها"]


def test_stop_words_are_kept_and_marked_when_the_caller_asks():
    tokens = [(t.text, t.stopped) for t in index_analyzer()("کتاب در خانه", removestops=False)]
    assert tokens == [("کتاب", False), ("در", True), ("خانه", False)]


def test_offsets_are_shifted_by_start_char():
    tokens = [(t.text, t.startchar, t.endchar) for t in index_analyzer()("سلام دنیا", chars=True, start_char=10)]
    assert tokens == [("سلام", 10, 14), ("دنیا", 15, 19)]


def test_an_analyzer_pickled_before_an_option_existed_still_runs():
    analyzer = index_analyzer()
    del analyzer.__dict__["compounds"]  # as unpickled from a schema written before the option was added
    restored = pickle.loads(pickle.dumps(analyzer))
    assert [t.text for t in restored("کتاب ها")] == ["کتاب"]


def test_warm_up_builds_the_tables_so_the_first_query_is_fast():
    from analyzers.analysis import warm_up

    warm_up()
    start = time.perf_counter()
    normalize_query("كتاب هاي بين المللي")
    list(query_analyzer()("كتاب هاي بين المللي"))
    assert time.perf_counter() - start < 0.5


def test_a_suffixed_dictionary_word_gives_one_term_in_every_spelling(analyze):
    # hazm lists «هسته‌ای» (nuclear) with its half-space: the joined and split spellings must meet it.
    assert texts(analyze("هسته‌ای هستهای هسته ای")) == ["هسته", "هسته", "هسته"]
