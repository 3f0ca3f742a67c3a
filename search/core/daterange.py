"""``date:`` values and ``--from``/``--to`` bounds to Gregorian date ranges.

Jalali when the year is 1200-1499 (``1387``, ``1387/10``, ``1387/10/01..1387/12/29``, day first ``30/12/1387``),
Gregorian when 1800-2199 (``2009``, ``2009-01``, ``2009-01..2009-03``), digits in any script; a month may be named
(«دی ۱۳۸۷», «۲۱ دی‌ماه ۱۳۸۷», «اسفند ۱۳۸۷»..«فروردین ۱۳۸۸», «ژانویه ۲۰۰۹», «March 2009»). A partial date is the
whole year or month.
"""

import datetime
import re

from analyzers.dates import from_gregorian, from_jalali, month_of
from analyzers.fold import ZWNJ, fold
from search.core.notices import notice

_PART = re.compile(r"(\d{4})(?:[/\-.](\d{1,2})(?:[/\-.](\d{1,2}))?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})")
# [day] month-name [ماه] [سال] year: «۲۱ دی ۱۳۸۷», «دی‌ماه سال ۱۳۸۷», «10 January 2009».
_NAMED = re.compile(r"(?:(\d{1,2})\s+)?(\D+?)(?:\s+ماه)?(?:\s+سال)?\s*(\d{4})")


class BadDate(ValueError):
    """A date that cannot be read or does not exist: ``notice`` says which (``search.core.notices``)."""

    def __init__(self, code: str, **params):
        self.notice = notice(code, **params)
        super().__init__(self.notice.text())


def parse_range(value: str) -> tuple[datetime.date, datetime.date]:
    """``(first_day, last_day)`` inclusive for a ``date:`` value; raises BadDate with the reason."""
    text = fold(value).strip()
    if ".." in text:
        lo_text, _, hi_text = text.partition("..")
        lo = bounds(lo_text)[0] if lo_text.strip() else datetime.date(1800, 1, 1)
        hi = bounds(hi_text)[1] if hi_text.strip() else datetime.date(2199, 12, 31)
    else:
        lo, hi = bounds(text)
    if lo > hi:
        raise BadDate("date_reversed", value=value)
    return lo, hi


def bounds(text: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of the year, month or day written in ``text``."""
    folded = " ".join(fold(text).replace(ZWNJ, " ").split())
    year, month, day, calendar = _read(folded, text)
    if 1200 <= year < 1500 and calendar != "gregorian":
        return _jalali_bounds(year, month, day, text)
    if 1800 <= year < 2200 and calendar != "jalali":
        return _gregorian_bounds(year, month, day, text)
    if calendar:
        raise BadDate("mixed_calendars", value=text)
    raise BadDate("year_out_of_range", year=year)


def _read(folded, text):
    """(year, month or None, day or None, calendar of a named month or None) of a folded date."""
    m = _PART.fullmatch(folded)
    if m:
        return int(m.group(1)), _number(m.group(2)), _number(m.group(3)), None
    m = _DAY_FIRST.fullmatch(folded)
    if m:
        return int(m.group(3)), int(m.group(2)), int(m.group(1)), None
    m = _NAMED.fullmatch(folded)
    month = month_of(m.group(2)) if m else None
    if month is None:
        raise BadDate("unreadable_date", value=text)
    calendar, number = month
    return int(m.group(3)), number, _number(m.group(1)), calendar


def _number(digits):
    return int(digits) if digits else None


def _jalali_bounds(year, month, day, text):
    got = _calendar_bounds(from_jalali, year, month, day)
    if got is None:
        raise BadDate("date_not_in_calendar", value=text, calendar="jalali")
    return got


def _gregorian_bounds(year, month, day, text):
    got = _calendar_bounds(from_gregorian, year, month, day)
    if got is None:
        raise BadDate("date_not_in_calendar", value=text, calendar="gregorian")
    return got


def _calendar_bounds(make, year, month, day):
    """First and last Gregorian day of a year, month or day of the calendar whose ``make(y, m, d)`` gives the
    Gregorian date of a day (None if there is no such day); None for an impossible month or day."""
    if day is not None:
        d = make(year, month, day)
        return (d, d) if d else None
    first = make(year, 1 if month is None else month, 1)
    after = make(year + 1, 1, 1) if month in (None, 12) else make(year, month + 1, 1)
    if first is None or after is None:
        return None
    return first, after - datetime.timedelta(days=1)
