"""Dates in Persian news: parse every common written form to a Gregorian ``datetime.date``, label in Jalali.

Calendar arithmetic is jdatetime's (the Jalali <-> Gregorian conversion); this module only recognises the written
forms. Every pattern runs on *folded* text (``analyzers.fold.fold``: digits in any script are ASCII, Arabic letter
forms are Persian), so one regex covers «۱۳۸۷/۱۰/۲۱», «١٣٨٧/١٠/٢١» and «1387/10/21».

``find_dates(folded)`` yields ``(start, end, date)`` spans of a folded text; ``entities.extract`` maps them back to
the original offsets. ``parse_date(s)`` is the metadata parser (the whole string is one date) and never raises.
"""

import datetime
import email.utils
import re
from collections.abc import Iterator

import jdatetime

from analyzers.fold import ZWNJ, fold

JALALI_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                 "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")

# Spellings seen in print (the month number); folded below for the patterns on folded text.
_JALALI_MONTH_SPELLINGS = {
    **{name: i + 1 for i, name in enumerate(JALALI_MONTHS)},
    "امرداد": 5, "ابان": 8, "اذر": 9, "اردی بهشت": 2, "اردی\u200cبهشت": 2,
}
_GREGORIAN_MONTH_SPELLINGS = {
    "ژانویه": 1, "ژانویهی": 1, "ژانویه\u200cی": 1, "جنوری": 1,
    "فوریه": 2, "فبروری": 2,
    "مارس": 3, "مارچ": 3,
    "آوریل": 4, "آپریل": 4, "اوریل": 4, "اپریل": 4,
    "مه": 5, "می": 5, "مئی": 5,
    "ژوئن": 6, "ژوین": 6, "جون": 6, "ژون": 6,
    "ژوئیه": 7, "ژوییه": 7, "جولای": 7, "ژولای": 7, "جولائی": 7,
    "اوت": 8, "آگوست": 8, "اگوست": 8, "آگست": 8, "اگست": 8,
    "سپتامبر": 9, "سپتمبر": 9,
    "اکتبر": 10, "اکتوبر": 10,
    "نوامبر": 11, "نومبر": 11,
    "دسامبر": 12, "دسمبر": 12,
}
_JALALI_MONTH_FORMS = {fold(k): v for k, v in _JALALI_MONTH_SPELLINGS.items()}
_GREGORIAN_MONTH_FORMS = {fold(k): v for k, v in _GREGORIAN_MONTH_SPELLINGS.items()}
_ENGLISH_MONTHS = {m.lower(): i + 1 for i, m in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"))}
_ENGLISH_MONTHS.update({k[:3]: v for k, v in list(_ENGLISH_MONTHS.items())})
_ENGLISH_MONTHS["sept"] = 9

WEEKDAYS = ("شنبه", "یکشنبه", "یک\u200cشنبه", "یک شنبه", "دوشنبه", "دو\u200cشنبه", "سه\u200cشنبه", "سه شنبه",
            "سهشنبه", "چهارشنبه", "چهار\u200cشنبه", "چهار شنبه", "پنجشنبه", "پنج\u200cشنبه", "پنج شنبه", "جمعه")

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _alternation(words) -> str:
    # Longest first so that «اردیبهشت» wins over a shorter prefix.
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_SEP = r"[ \u200c]*"
_WEEKDAY = r"(?:(?:" + _alternation(WEEKDAYS) + r")[ \u200c]*[،,]?[ \u200c]*)?"
_MAH = r"(?:[ \u200c]*ماه)?"          # «دی‌ماه», «دی ماه»
_SAL = r"(?:[ \u200c]*(?:سال|[،,]))?"  # «دی ماه سال ۱۳۸۷», «۱۰ ژانویه، ۲۰۰۹»
_B = r"(?<![\w/\-.])"                  # not glued to a word or to another number
_E = r"(?![\w]|[/\-.]\d)"

_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+\-]\d{2}:?\d{2})?)?"  # ISO time and zone, if any
_NUMERIC_YMD = re.compile(_B + r"(\d{4})([/\-.])(\d{1,2})\2(\d{1,2})" + _TIME + _E)
# Jalali written day first (as right-to-left typing often leaves it): 21/10/1387. Only 13xx/14xx years, so
# a Gregorian M/D/Y vs D/M/Y ambiguity never arises.
_NUMERIC_DMY_JALALI = re.compile(_B + r"(\d{1,2})([/\-.])(\d{1,2})\2(1[34]\d\d)" + _E)
_ISO_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+\-]\d{2}:?\d{2})?)?")
# A date in words starts with a digit or a weekday: tested first, it fails most positions in one step (the optional
# weekday alternation would otherwise be tried at every character).
_WORDS_START = r"(?=[\d" + "".join(sorted({w[0] for w in WEEKDAYS})) + "])"
_JALALI_WORDS = re.compile(
    _WORDS_START + _B + _WEEKDAY + r"(\d{1,2})" + _SEP + r"(" + _alternation(_JALALI_MONTH_FORMS) + r")" + _MAH + _SAL + _SEP
    + r"(\d{4})" + _E)
_GREGORIAN_WORDS = re.compile(
    _WORDS_START + _B + _WEEKDAY + r"(\d{1,2})" + _SEP + r"(" + _alternation(_GREGORIAN_MONTH_FORMS) + r")" + _SAL + _SEP
    + r"(\d{4})" + _E)
# What may follow a whole-string date in metadata: a time, a calendar name («ه.ش», «هجری شمسی»).
_TRAILER = re.compile(r"[\s,،\-T]*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:ه\.?\s?ش\.?|هجری[ \u200c]*شمسی|شمسی|م\.?|میلادی)?\s*")
_ENGLISH_DMY = re.compile(r"(?i)\b(\d{1,2})\s+(" + _alternation(_ENGLISH_MONTHS) + r")\.?,?\s+(\d{4})\b")
_ENGLISH_MDY = re.compile(r"(?i)\b(" + _alternation(_ENGLISH_MONTHS) + r")\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def _raw_form(word: str) -> str:
    """A regex for ``word`` as it may be written before folding (Arabic ي/ك, ZWNJ or space inside)."""
    out = []
    for c in word:
        out.append({"ی": "[یيى]", "ک": "[کك]", " ": "[\\s\u200c]*", "\u200c": "[\\s\u200c]*"}.get(c, re.escape(c)))
    return "".join(out)


# Every written date has a separator between digits, a day number before a month name («۲۱ دی»), or an English
# month before a number: a quick test on raw text before folding.
def _months_regex(words) -> str:
    return "|".join(_raw_form(w) for w in sorted(set(words), key=len, reverse=True))


# One branch that starts with a digit, so the scan fails fast on every other character.
_DATE_HINT = re.compile(
    r"\d(?:\d{3}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{1,2}|\d?\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{4}"
    r"|\d?[\s\u200c]*(?:" + _months_regex(list(_JALALI_MONTH_SPELLINGS) + list(_GREGORIAN_MONTH_SPELLINGS)) + "))")


def date_hints(raw: str):
    """Spans of ``raw`` (unfolded text) where a date may be written: a numeric date or a number before a month
    name. Every date ``find_dates`` knows contains one, and each branch starts with a digit (a fast scan)."""
    return _DATE_HINT.finditer(raw)


def month_of(word: str) -> tuple[str, int] | None:
    """``("jalali" | "gregorian", month number)`` of a month name in any spelling the patterns know («دی»,
    «اسفند», «ژانویه», «January», «Jan»), or None."""
    folded = fold(word).strip().replace(ZWNJ, " ")
    if folded in _JALALI_MONTH_FORMS:
        return "jalali", _JALALI_MONTH_FORMS[folded]
    if folded in _GREGORIAN_MONTH_FORMS:
        return "gregorian", _GREGORIAN_MONTH_FORMS[folded]
    if folded.lower().rstrip(".") in _ENGLISH_MONTHS:
        return "gregorian", _ENGLISH_MONTHS[folded.lower().rstrip(".")]
    return None


def persian_digits(s) -> str:
    """``s`` (any object, str() applied) with every digit, in any script, written as a Persian digit."""
    return fold(str(s)).translate(_PERSIAN_DIGITS)


def jalali_month_name(m: int) -> str:
    """Persian name of Jalali month ``m`` (1 = فروردین ... 12 = اسفند)."""
    return JALALI_MONTHS[m - 1]


def to_jalali(date: datetime.date) -> tuple[int, int, int]:
    """The Jalali (Solar Hijri) ``(year, month, day)`` of a Gregorian date."""
    j = jdatetime.date.fromgregorian(date=date)
    return j.year, j.month, j.day


def jalali_label(date: datetime.date) -> str:
    """A Gregorian date as Persian readers write it: «۲۱ دی ۱۳۸۷»."""
    y, m, d = to_jalali(date)
    return f"{persian_digits(d)} {jalali_month_name(m)} {persian_digits(y)}"


def from_jalali(y: int, m: int, d: int) -> datetime.date | None:
    """The Gregorian date of Jalali ``y/m/d``, or None if there is no such day (1387/13/40, 1388/12/30)."""
    try:
        return jdatetime.date(y, m, d).togregorian()
    except (ValueError, TypeError, OverflowError):
        return None


def from_gregorian(y: int, m: int, d: int) -> datetime.date | None:
    """The date ``y-m-d``, or None if there is no such day."""
    try:
        return datetime.date(y, m, d)
    except (ValueError, TypeError, OverflowError):
        return None


def _numeric(y: int, m: int, d: int) -> datetime.date | None:
    """A year-first numeric date: the year's range tells the calendar (1200-1499 Jalali, 1800-2199 Gregorian)."""
    if 1200 <= y < 1500:
        return from_jalali(y, m, d)
    if 1800 <= y < 2200:
        return from_gregorian(y, m, d)
    return None


def find_dates(folded: str) -> Iterator[tuple[int, int, datetime.date]]:
    """Every date written in ``folded`` (a folded text) as ``(start, end, date)``, in text order, no overlaps."""
    found = []
    for m in _JALALI_WORDS.finditer(folded):
        date = from_jalali(int(m.group(3)), _JALALI_MONTH_FORMS[m.group(2)], int(m.group(1)))
        if date:
            found.append((m.start(), m.end(), date))
    for m in _GREGORIAN_WORDS.finditer(folded):
        date = from_gregorian(int(m.group(3)), _GREGORIAN_MONTH_FORMS[m.group(2)], int(m.group(1)))
        if date:
            found.append((m.start(), m.end(), date))
    for m in _NUMERIC_YMD.finditer(folded):
        date = _numeric(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if date:
            found.append((m.start(), m.end(), date))
    for m in _NUMERIC_DMY_JALALI.finditer(folded):
        date = from_jalali(int(m.group(4)), int(m.group(3)), int(m.group(1)))
        if date:
            found.append((m.start(), m.end(), date))
    found.sort(key=lambda t: (t[0], -t[1]))
    end = -1
    for start, stop, date in found:
        if start >= end:
            yield start, stop, date
            end = stop


def parse_date(s) -> datetime.date | None:
    """The date written in ``s`` (metadata: the whole string is one date), or None. Never raises.

    Accepts ISO 8601 (date, with time and zone: the date as written), Jalali 1387/10/21 or 1387-10-21 in any digit
    script, «۲۱ دی ۱۳۸۷», «شنبه ۲۱ دی‌ماه ۱۳۸۷», «۱۰ ژانویه ۲۰۰۹», RFC 2822 and English «10 January 2009».
    """
    try:
        return _parse(s)
    except Exception:  # a metadata field must never stop indexing: unknown is None
        return None


def _parse(s) -> datetime.date | None:
    if isinstance(s, datetime.datetime):
        return s.date()
    if isinstance(s, datetime.date):
        return s
    if not isinstance(s, str):
        return None
    text = fold(s).strip().replace(ZWNJ, " ")
    if not text:
        return None
    m = _ISO_TIME.fullmatch(text)
    if m:  # also 1387-10-21 (a Jalali year in ISO layout)
        return _numeric(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    folded = fold(s).strip()
    for start, end, date in find_dates(folded):
        if start == 0 and _TRAILER.fullmatch(folded[end:]):
            return date
        break
    for pattern, order in ((_ENGLISH_DMY, "dmy"), (_ENGLISH_MDY, "mdy")):
        m = pattern.fullmatch(text)
        if m:
            d, mon, y = (m.group(1), m.group(2), m.group(3)) if order == "dmy" else (m.group(2), m.group(1), m.group(3))
            return from_gregorian(int(y), _ENGLISH_MONTHS[mon.lower()], int(d))
    if re.search(r"\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", text):
        parsed = email.utils.parsedate_to_datetime(text)
        return parsed.date() if parsed else None
    return None
