"""Jinja filters and helpers for the Persian page: Persian digits, Jalali dates, search URLs.

Autoescaping is on for every template and nothing the search layer returns is marked safe: excerpts come as text
with the spans of the matched words, and the template writes the ``<mark>`` tags itself (``_macros.excerpt``).
"""

import datetime
import functools
from urllib.parse import urlencode

from flask import request

from analyzers.dates import jalali_label, parse_date, persian_digits, to_jalali
from search.core.periods import gregorian_label



def fa_number(value) -> str:
    """A count in Persian digits with the Persian thousands separator: 12345 -> ۱۲٬۳۴۵."""
    try:
        return persian_digits(f"{int(value):,}").replace(",", "\u066c")
    except (TypeError, ValueError):
        return persian_digits(value)


def fa_decimal(value: float, places: int = 1) -> str:
    """A fraction in Persian digits with the Persian decimal separator: 0.52 -> ۰٫۵۲."""
    return persian_digits(f"{value:.{places}f}").replace(".", "\u066b")


def as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return parse_date(value) if value else None


def jalali(value) -> str:
    date = as_date(value)
    return jalali_label(date) if date else ""


def jalali_numeric(value) -> str:
    """A date as the reader types it in the date-range boxes: ۱۳۸۷/۱۰/۲۱."""
    date = as_date(value)
    if not date:
        return ""
    y, m, d = to_jalali(date)
    return persian_digits(f"{y}/{m:02d}/{d:02d}")


def gregorian(value) -> str:
    """The Gregorian date in Persian words, for the tooltip beside a Jalali date: «۱۰ ژانویه ۲۰۰۹»."""
    date = as_date(value)
    return gregorian_label(date) if date else ""


def iso_date(value) -> str:
    date = as_date(value)
    return date.isoformat() if date else ""


def search_url(search_request, **changes) -> str:
    """URL of the search page for ``search_request`` (a SearchRequest), optionally changed (see with_changes)."""
    if changes:
        search_request = search_request.with_changes(**changes)
    return _page_url(search_request)


def search_url_with(search_request, extra) -> str:
    """URL of the search page for ``search_request`` with more query-string pairs (a chart's interval)."""
    return _with_root(urlencode(search_request.params() + list(extra)))


def toggle_url(search_request, param, value) -> str:
    """URL of the search page with filter ``param=value`` switched (a page has a hundred of these)."""
    return _with_root(_toggled_query(search_request, param, value))


def _page_url(search_request) -> str:
    return _with_root(urlencode(search_request.params()))


@functools.lru_cache(maxsize=8192)
def _toggled_query(search_request, param, value) -> str:
    # Requests are frozen (hashable) and chips repeat across hits and across requests: encode each link once.
    return urlencode(search_request.toggled(param, value).params())


def _with_root(query: str) -> str:
    # The search page is the app's root: request.script_root instead of url_for keeps a hundred links cheap.
    return request.script_root + "/" + ("?" + query if query else "")


def init_app(app):
    app.jinja_env.autoescape = True  # also for templates not named .html
    app.jinja_env.filters.update(fa=persian_digits, fa_number=fa_number, jalali=jalali, jalali_numeric=jalali_numeric,
                                 gregorian=gregorian, iso_date=iso_date)
    app.jinja_env.globals.update(search_url=search_url, toggle_url=toggle_url)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
