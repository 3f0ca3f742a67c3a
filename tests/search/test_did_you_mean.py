"""Did-you-mean that knows how Persian is typed (issue 9), on a small index of our own sentences where a plain
edit distance with the most frequent word picks the wrong correction: each right word is in 3 articles, a
tempting wrong one in 6."""

import pytest

from search_helpers import small_engine

RIGHT = {
    "نژاد": "محمود احمدی‌نژاد رئیس جمهور امروز به نیویورک رفت.",
    "پرسپولیس": "تیم پرسپولیس در ورزشگاه آزادی تمرین کرد.",
    "اوباما": "باراک اوباما در کاخ سفید سخنرانی کرد.",
    "ظریف": "محمدجواد ظریف با همتای اروپایی خود دیدار کرد.",
    "غزه": "کاروان کمک‌های پزشکی به غزه رسید.",
    "تورم": "نرخ تورم در ماه گذشته کاهش یافت.",
    "اصفهان": "نمایشگاه صنایع دستی در اصفهان گشایش یافت.",
    "صنعت": "وزیر صنعت از کارخانه خودروسازی بازدید کرد.",
    "متکی": "منوچهر متکی وزیر امور خارجه به دمشق سفر کرد.",
}
WRONG = {
    "نهاد": "این نهاد مردمی به سالمندان کمک می‌کند.",
    "سجاد": "سجاد کتاب تازه‌ای درباره تاریخ نوشت.",
    "پرس": "دستگاه پرس در کارگاه تعمیر شد.",
    "پلیس": "پلیس راهور از رانندگان خواست احتیاط کنند.",
    "باما": "باما نام روستایی کوچک در دامنه کوه است.",
    "حریف": "تیم ما حریف سرسختی در پیش دارد.",
    "قره": "قره قاط را در بازار محلی می‌فروشند.",
    "طوری": "باران طوری بارید که خیابان‌ها پر از آب شد.",
    "اصفی": "اصفی نام خانوادگی یک نقاش جوان است.",
    "سنت": "این سنت قدیمی هنوز در روستا زنده است.",
    "مکتب": "مکتب خانه‌های قدیم جای خود را به مدرسه دادند.",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    articles = [(f"{word}-{n}", "خبر", text, "1387/10/21") for word, text in RIGHT.items() for n in range(3)]
    articles += [(f"{word}-{n}", "خبر", text, "1387/10/21") for word, text in WRONG.items() for n in range(6)]
    return small_engine(tmp_path_factory.mktemp("did-you-mean"), articles)


@pytest.mark.parametrize("typed, suggestion", [
    ("احمدی نجاد", "احمدی نژاد"),   # a name split in two, one half misspelt: not «احمدی سجاد» or «احمدی نهاد»
    ("احمدی نژد", "احمدی نژاد"),
    ("پرسپلیس", "پرسپولیس"),        # a dropped long vowel is cheaper than a missing space («پرس پلیس»)
    ("اباما", "اوباما"),            # ... and than a dropped letter («باما»)
    ("زریف", "ظریف"),               # letters that sound alike: ز ظ
    ("قزه", "غزه"),                 # ق غ, cheaper than the look-alike «قره»
    ("طورم", "تورم"),               # ت ط
    ("اصفحان", "اصفهان"),           # ه ح
    ("سنعت", "صنعت"),               # س ص
    ("متکب", "متکی"),               # a known name wins over an ordinary word as far away («مکتب»)
])
def test_did_you_mean_knows_persian_typing(engine, typed, suggestion):
    assert engine.search(typed)["did_you_mean"] == suggestion


def test_a_correction_must_be_in_more_articles_than_the_typed_word(engine):
    # «پلیسی» is in no article, «پلیس» in 6: suggested; «سجاد» (6 articles) is no typo of «سجادی» (0) to undo.
    assert engine.search("پلیسی")["did_you_mean"] == "پلیس"
    assert engine.search("نهاد")["did_you_mean"] is None


