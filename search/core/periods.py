"""Calendar periods for coverage over time: days, weeks, months and years of the Jalali or Gregorian calendar.

A period is ``Period(key, label, start, end)`` (first and last day, inclusive). Keys are what a program reads
(Jalali month ``1387-10``, Gregorian ISO week ``2009-W02``), labels what a reader sees, in Persian digits
(«دی ۱۳۸۷», «هفتهٔ ۱۲ ژانویه ۲۰۰۹»). A Jalali week starts on Saturday, as Iranian calendars print it; a Gregorian
week is the ISO week (Monday). Day numbers are days since 0001-01-01, as the shards' date columns count them.
"""

import datetime
import functools
from typing import NamedTuple

from analyzers.dates import from_jalali, jalali_label, jalali_month_name, persian_digits, to_jalali

CALENDARS = ("jalali", "gregorian")
INTERVALS = ("day", "week", "month", "year")
AUTO = "auto"
GREGORIAN_MONTHS = ("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر",
                    "نوامبر", "دسامبر")
EPOCH = datetime.date(1, 1, 1)
# "auto" picks the finest interval that gives at most this many periods (days, then months, then years).
AUTO_MOST = {"day": 62, "month": 72}


class TooManyPeriods(ValueError):
    """The range cut into this interval gives more periods than allowed."""

    def __init__(self, count: int, limit: int, interval: str):
        super().__init__(f"{count} periods of one {interval}, at most {limit}: choose a longer interval or a "
                         "shorter date range")
        self.count, self.limit, self.interval = count, limit, interval


class Period(NamedTuple):
    key: str
    label: str
    start: datetime.date
    end: datetime.date


def day_number(day: datetime.date) -> int:
    return (day - EPOCH).days


def from_day_number(number: int) -> datetime.date:
    return EPOCH + datetime.timedelta(days=int(number))


def gregorian_label(day: datetime.date) -> str:
    """«۱۰ ژانویه ۲۰۰۹»"""
    return f"{persian_digits(day.day)} {GREGORIAN_MONTHS[day.month - 1]} {persian_digits(day.year)}"


def period_start(day: datetime.date, interval: str, calendar: str) -> datetime.date:
    """The first day of the period that holds ``day``."""
    if interval == "day":
        return day
    if interval == "week":
        saturday_first = calendar == "jalali"  # date.weekday(): Monday 0 ... Saturday 5
        return day - datetime.timedelta(days=(day.weekday() - 5) % 7 if saturday_first else day.weekday())
    if calendar == "gregorian":
        return day.replace(day=1) if interval == "month" else day.replace(month=1, day=1)
    y, m, _ = to_jalali(day)
    return from_jalali(y, m, 1) if interval == "month" else from_jalali(y, 1, 1)


def next_start(start: datetime.date, interval: str, calendar: str) -> datetime.date:
    """The first day of the period after the one starting on ``start``."""
    if interval == "day":
        return start + datetime.timedelta(days=1)
    if interval == "week":
        return start + datetime.timedelta(days=7)
    if calendar == "gregorian":
        if interval == "year":
            return start.replace(year=start.year + 1)
        return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
    y, m, _ = to_jalali(start)
    if interval == "year":
        return from_jalali(y + 1, 1, 1)
    return from_jalali(y + m // 12, m % 12 + 1, 1)


def describe(start: datetime.date, end: datetime.date, interval: str, calendar: str) -> tuple[str, str]:
    """``(key, label)`` of the period from ``start`` to ``end``."""
    if calendar == "gregorian":
        if interval == "day":
            return start.isoformat(), gregorian_label(start)
        if interval == "week":
            year, week, _ = start.isocalendar()
            return f"{year:04d}-W{week:02d}", f"هفتهٔ {gregorian_label(start)}"
        if interval == "month":
            return f"{start.year:04d}-{start.month:02d}", f"{GREGORIAN_MONTHS[start.month - 1]} {persian_digits(start.year)}"
        return f"{start.year:04d}", persian_digits(start.year)
    y, m, d = to_jalali(start)
    if interval == "day":
        return f"{y:04d}-{m:02d}-{d:02d}", jalali_label(start)
    if interval == "week":
        return f"{y:04d}-{m:02d}-{d:02d}", f"هفتهٔ {jalali_label(start)}"
    if interval == "month":
        return f"{y:04d}-{m:02d}", f"{jalali_month_name(m)} {persian_digits(y)}"
    return f"{y:04d}", persian_digits(y)


def count_periods(first: datetime.date, last: datetime.date, interval: str, calendar: str) -> int:
    """How many periods the days ``first`` .. ``last`` touch (cheap: no labels)."""
    if interval == "day":
        return (last - first).days + 1
    if interval == "week":
        return (period_start(last, "week", calendar) - period_start(first, "week", calendar)).days // 7 + 1
    if calendar == "gregorian":
        years = last.year - first.year
        return years + 1 if interval == "year" else years * 12 + last.month - first.month + 1
    (fy, fm, _), (ly, lm, _) = to_jalali(first), to_jalali(last)
    return ly - fy + 1 if interval == "year" else (ly - fy) * 12 + lm - fm + 1


def resolve_interval(interval: str, first: datetime.date | None, last: datetime.date | None,
                     calendar: str) -> str:
    """``interval``, or for "auto" the finest of day, month, year that cuts ``first`` .. ``last`` into few
    enough periods to read (``AUTO_MOST``)."""
    if interval != AUTO:
        return interval
    if first is None or last is None:
        return "month"
    for choice in ("day", "month"):
        if count_periods(first, last, choice, calendar) <= AUTO_MOST[choice]:
            return choice
    return "year"


def periods(first: datetime.date, last: datetime.date, interval: str, calendar: str, limit: int) -> list[Period]:
    """Every period from the one holding ``first`` to the one holding ``last``, empty ones included; raises
    TooManyPeriods past ``limit``."""
    count = count_periods(first, last, interval, calendar)
    if count > limit:
        raise TooManyPeriods(count, limit, interval)
    return list(_periods(first, last, interval, calendar))


@functools.lru_cache(maxsize=512)
def _periods(first, last, interval, calendar) -> tuple:
    # Cached: charts repeat their ranges (an archive's first and last day), and labelling 200 Jalali months
    # costs more than counting a query's matches.
    out = []
    start = period_start(first, interval, calendar)
    while start <= last:
        after = next_start(start, interval, calendar)
        end = after - datetime.timedelta(days=1)
        out.append(Period(*describe(start, end, interval, calendar), start, end))
        start = after
    return tuple(out)
