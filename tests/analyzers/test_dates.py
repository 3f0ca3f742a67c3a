import datetime

import icu
import pytest

from analyzers.dates import find_dates, jalali_label, jalali_month_name, parse_date, persian_digits, to_jalali
from analyzers.fold import fold

JAN_10_2009 = datetime.date(2009, 1, 10)


def icu_gregorian_of_jalali(y, m, d):
    """The Gregorian date of a Jalali date according to ICU's Persian calendar (an independent check)."""
    cal = icu.Calendar.createInstance(icu.Locale("fa_IR@calendar=persian"))
    cal.clear()
    cal.set(icu.UCalendarDateFields.EXTENDED_YEAR, y)
    cal.set(icu.UCalendarDateFields.MONTH, m - 1)
    cal.set(icu.UCalendarDateFields.DATE, d)
    greg = icu.GregorianCalendar(icu.Locale("en_US"))
    greg.setTime(cal.getTime())
    return datetime.date(greg.get(icu.UCalendarDateFields.EXTENDED_YEAR), greg.get(icu.UCalendarDateFields.MONTH) + 1,
                         greg.get(icu.UCalendarDateFields.DATE))


@pytest.mark.parametrize("text", [
    "2009-01-10", "2009-01-10T12:30:00+03:30", "2009-01-10 23:59:59Z", "2009/01/10",
    "1387/10/21", "1387-10-21", "۱۳۸۷/۱۰/۲۱", "١٣٨٧-١٠-٢١", "۱۳۸۷/۱۰/۲۱ ۱۴:۲۰",
    "۲۱ دی ۱۳۸۷", "شنبه ۲۱ دی‌ماه ۱۳۸۷", "شنبه، ۲۱ دی ماه سال ۱۳۸۷", "۲۱ دی ۱۳۸۷ ه.ش",
    "۱۰ ژانویه ۲۰۰۹", "10 ژانويه 2009", "Sat, 10 Jan 2009 12:30:00 +0330", "10 January 2009", "January 10, 2009",
])
def test_every_written_form_parses_to_the_gregorian_date(text):
    assert parse_date(text) == JAN_10_2009


@pytest.mark.parametrize("jalali", [(1387, 10, 21), (1387, 12, 30), (1399, 12, 30), (1403, 1, 1), (1381, 6, 31)])
def test_jalali_conversion_agrees_with_icu(jalali):
    y, m, d = jalali
    assert parse_date(f"{y}/{m:02d}/{d:02d}") == icu_gregorian_of_jalali(y, m, d)


@pytest.mark.parametrize("text", ["1387/13/40", "1388/12/30", "۳۲ دی ۱۳۸۷", "2009-02-30", "", "   ", "abc", "1387"])
def test_invalid_dates_give_none(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("value", [None, 12, 3.5, ["1387/10/21"], b"1387/10/21"])
def test_non_strings_give_none_without_raising(value):
    assert parse_date(value) is None


def test_jalali_label_uses_persian_digits_and_month_name():
    assert jalali_label(JAN_10_2009) == "۲۱ دی ۱۳۸۷"


def test_to_jalali_and_month_names():
    assert to_jalali(datetime.date(2009, 3, 21)) == (1388, 1, 1)
    assert jalali_month_name(1) == "فروردین" and jalali_month_name(12) == "اسفند"


def test_persian_digits_converts_ascii_and_arabic_digits():
    assert persian_digits("1387/١٠") == "۱۳۸۷/۱۰"


def test_find_dates_locates_each_form_inside_text():
    text = fold("جلسه در ۱۳۸۷/۱۰/۲۱ و سپس شنبه ۲۱ دی‌ماه ۱۳۸۷ و ۱۰ ژانویه ۲۰۰۹ برگزار شد؛ نه در 1387/13/40.")
    found = list(find_dates(text))
    assert [d for _, _, d in found] == [JAN_10_2009] * 3
    assert [text[s:e] for s, e, _ in found] == ["1387/10/21", "شنبه 21 دی\u200cماه 1387", "10 ژانویه 2009"]
