"""``date:`` values and ``--from``/``--to`` bounds to Gregorian date ranges.

Jalali when the year is 1200-1499 (``1387``, ``1387/10``, ``1387/10/01..1387/12/29``), Gregorian when 1800-2199
(``2009``, ``2009-01``, ``2009-01..2009-03``), digits in any script. A partial date is the whole year or month.
"""

import datetime
import re

import jdatetime

from analyzers.fold import fold

_PART = re.compile(r"(\d{4})(?:[/\-.](\d{1,2})(?:[/\-.](\d{1,2}))?)?")


class BadDate(ValueError):
    pass


def parse_range(value: str) -> tuple[datetime.date, datetime.date]:
    """``(first_day, last_day)`` inclusive for a ``date:`` value; raises BadDate with a Persian reason."""
    text = fold(value).strip()
    if ".." in text:
        lo_text, _, hi_text = text.partition("..")
        lo = bounds(lo_text)[0] if lo_text.strip() else datetime.date(1800, 1, 1)
        hi = bounds(hi_text)[1] if hi_text.strip() else datetime.date(2199, 12, 31)
    else:
        lo, hi = bounds(text)
    if lo > hi:
        raise BadDate(f"بازهٔ تاریخ «{value}» وارونه است.")
    return lo, hi


def bounds(text: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of the year, month or day written in ``text``."""
    m = _PART.fullmatch(fold(text).strip())
    if not m:
        raise BadDate(f"تاریخ «{text}» خوانده نشد.")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if 1200 <= year < 1500:
        return _jalali_bounds(year, month, day, text)
    if 1800 <= year < 2200:
        return _gregorian_bounds(year, month, day, text)
    raise BadDate(f"سال «{year}» در بازهٔ تاریخ‌های خبرها نیست.")


def _jalali_bounds(year, month, day, text):
    try:
        if day is not None:
            d = jdatetime.date(year, month, day).togregorian()
            return d, d
        if month is not None:
            first = jdatetime.date(year, month, 1)
            nxt = jdatetime.date(year + 1, 1, 1) if month == 12 else jdatetime.date(year, month + 1, 1)
            return first.togregorian(), nxt.togregorian() - datetime.timedelta(days=1)
        return (jdatetime.date(year, 1, 1).togregorian(),
                jdatetime.date(year + 1, 1, 1).togregorian() - datetime.timedelta(days=1))
    except (ValueError, TypeError, OverflowError):
        raise BadDate(f"تاریخ «{text}» در گاه‌شماری خورشیدی وجود ندارد.") from None


def _gregorian_bounds(year, month, day, text):
    try:
        if day is not None:
            d = datetime.date(year, month, day)
            return d, d
        if month is not None:
            first = datetime.date(year, month, 1)
            nxt = datetime.date(year + 1, 1, 1) if month == 12 else datetime.date(year, month + 1, 1)
            return first, nxt - datetime.timedelta(days=1)
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    except (ValueError, TypeError, OverflowError):
        raise BadDate(f"تاریخ «{text}» وجود ندارد.") from None
