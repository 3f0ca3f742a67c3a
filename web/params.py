"""Reading a search request from query-string parameters, the same way for the page and the JSON API.

Everything a client sends is checked here and turned into a ``SearchRequest``; anything unusable raises
``BadParameter`` with a message meant for the person (or program) who sent it, which the app turns into a 400.
The request also writes itself back as parameters, so every link on the page (facet toggles, sort, paging,
did-you-mean) is built from one canonical form.
"""

import datetime
import re
from dataclasses import dataclass, replace

from analyzers.dates import parse_date
from analyzers.fold import fold

from search.core.facets import FACETS as CORE_FACETS

SORTS = ("relevance", "newest", "oldest")
# Parameter name -> the search layer's filter (facet) name, from the facets' own declarations.
FILTER_PARAMS = {f.param: f.name for f in CORE_FACETS}
KNOWN_PARAMS = ("q", *FILTER_PARAMS, "from", "to", "sort", "page", "per_page", "facets")
FACET_CHOICES = ("all", "none")  # the API may skip facet counting (cheaper); the page always counts

_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(\d{4})[-/](\d{1,2})")
_COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")


class BadParameter(ValueError):
    def __init__(self, message: str, param: str | None = None):
        super().__init__(message)
        self.message = message
        self.param = param


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    person: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    year: tuple[str, ...] = ()
    month: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    year_gregorian: tuple[str, ...] = ()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    default_per_page: int = 10  # the page size that URLs leave out
    facets: bool = True

    @property
    def has_filters(self) -> bool:
        return bool(any(getattr(self, p) for p in FILTER_PARAMS) or self.date_from or self.date_to)

    def without_filters(self) -> "SearchRequest":
        return self.with_changes(date_from=None, date_to=None, **{p: () for p in FILTER_PARAMS})

    def filters(self) -> dict:
        """The filters in the search layer's terms: facet name -> list of keys, plus the date range."""
        out = {FILTER_PARAMS[p]: list(getattr(self, p)) for p in FILTER_PARAMS if getattr(self, p)}
        if self.date_from:
            out["from"] = self.date_from
        if self.date_to:
            out["to"] = self.date_to
        return out

    def params(self) -> list[tuple[str, str]]:
        """This request as query-string pairs, defaults left out so that URLs stay short and canonical."""
        pairs = [("q", self.q)] if self.q else []
        for p in FILTER_PARAMS:
            pairs.extend((p, v) for v in getattr(self, p))
        if self.date_from:
            pairs.append(("from", self.date_from.isoformat()))
        if self.date_to:
            pairs.append(("to", self.date_to.isoformat()))
        if self.sort != "relevance":
            pairs.append(("sort", self.sort))
        if self.per_page != self.default_per_page:
            pairs.append(("per_page", str(self.per_page)))
        if self.page != 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def with_changes(self, **changes) -> "SearchRequest":
        """A copy with ``changes``; any change other than the page itself goes back to page 1."""
        if "page" not in changes:
            changes["page"] = 1
        return replace(self, **changes)

    def toggled(self, param: str, value: str) -> "SearchRequest":
        """The request with filter ``param=value`` switched on or off (a year switched off drops its months)."""
        values = getattr(self, param)
        if value in values:
            changes = {param: tuple(v for v in values if v != value)}
            if param == "year":
                changes["month"] = tuple(m for m in self.month if not m.startswith(value + "-"))
        else:
            changes = {param: values + (value,)}
        return self.with_changes(**changes)


def parse_request(args, settings: dict, *, strict: bool) -> SearchRequest:
    """Build a SearchRequest from ``args`` (a werkzeug MultiDict). ``strict`` (the API) also rejects unknown
    parameter names and repeated single-value parameters, which a page link may carry harmlessly (utm_...)."""
    if strict:
        unknown = sorted(set(args) - set(KNOWN_PARAMS))
        if unknown:
            raise BadParameter(f"unknown parameter {unknown[0]!r}; known parameters: {', '.join(KNOWN_PARAMS)}",
                               unknown[0])
    q = _single(args, "q", strict)
    if len(q) > settings["MAX_QUERY_LENGTH"]:
        raise BadParameter(f"the query is too long: {len(q)} characters, at most {settings['MAX_QUERY_LENGTH']}", "q")
    per_page_default = settings["PAGE_SIZE"]
    request = SearchRequest(
        q=q.strip(),
        person=tuple(_unique(_multi(args, "person", settings))),
        country=tuple(_unique(_country(v) for v in _multi(args, "country", settings))),
        year=tuple(_unique(_year(v) for v in _multi(args, "year", settings))),
        month=tuple(_unique(_month(v) for v in _multi(args, "month", settings))),
        source=tuple(_unique(_multi(args, "source", settings))),
        year_gregorian=tuple(_unique(_gregorian_year(v) for v in _multi(args, "year_gregorian", settings))),
        date_from=_date(args, "from", settings, strict),
        date_to=_date(args, "to", settings, strict),
        sort=_sort(_single(args, "sort", strict)),
        page=_int(args, "page", 1, settings["MAX_PAGE"], 1, strict),
        per_page=_int(args, "per_page", 1, settings["MAX_PER_PAGE"], per_page_default, strict),
        default_per_page=per_page_default,
        facets=_facets(_single(args, "facets", strict)),
    )
    values = sum(len(getattr(request, p)) for p in FILTER_PARAMS)
    if values > settings["MAX_FILTER_VALUES_TOTAL"]:
        raise BadParameter(f"too many filter values: {values} in all, at most {settings['MAX_FILTER_VALUES_TOTAL']}",
                           next(p for p in FILTER_PARAMS if getattr(request, p)))
    if request.date_from and request.date_to and request.date_from > request.date_to:
        raise BadParameter("'from' is after 'to': the date range is empty", "from")
    return request


def _single(args, name, strict) -> str:
    values = args.getlist(name)
    if strict and len(values) > 1:
        raise BadParameter(f"{name!r} was given {len(values)} times; give it once", name)
    return values[-1] if values else ""


def _multi(args, name, settings) -> list[str]:
    values = [v.strip() for v in args.getlist(name) if v.strip()]
    if len(values) > settings["MAX_FILTER_VALUES"]:
        raise BadParameter(f"too many {name!r} values: {len(values)}, at most {settings['MAX_FILTER_VALUES']}", name)
    for v in values:
        if len(v) > settings["MAX_PARAM_LENGTH"]:
            raise BadParameter(f"a {name!r} value is too long: at most {settings['MAX_PARAM_LENGTH']} characters",
                               name)
    return values


def _unique(values):
    seen = []
    for v in values:
        if v not in seen:
            seen.append(v)
    return seen


def _country(value: str) -> str:
    if _COUNTRY_CODE.fullmatch(value):
        # A code the gazetteer does not know (ZZ, or UK for GB) can match no article: say so, as for a name.
        code = value.upper()
        if _country_label(code) != code or _country_label("IR") == "IR":  # (no labels at all: accept codes)
            return code
        code = None
    else:
        code = _resolve_country(value)
    if code is None:
        raise BadParameter(f"unknown country {value!r}: give an ISO code such as IR or a country's name", "country")
    return code


def _country_label(code):
    from search.core.labels import country_label

    return country_label(code)


def _resolve_country(value):
    from search.core.labels import resolve_country  # names and aliases («سوریه») through the search layer

    return resolve_country(value)


def _year(value: str) -> str:
    folded = fold(value)
    if not _YEAR.fullmatch(folded) or not 1200 <= int(folded) < 1500:
        raise BadParameter(f"year must be a Jalali year such as 1387, not {value!r}", "year")
    return folded


def _gregorian_year(value: str) -> str:
    folded = fold(value)
    if not _YEAR.fullmatch(folded) or not 1800 <= int(folded) < 2200:
        raise BadParameter(f"year_gregorian must be a Gregorian year such as 2009, not {value!r}", "year_gregorian")
    return folded


def _month(value: str) -> str:
    m = _MONTH.fullmatch(fold(value))
    if not m or not 1200 <= int(m.group(1)) < 1500 or not 1 <= int(m.group(2)) <= 12:
        raise BadParameter(f"month must be a Jalali year and month such as 1387-10, not {value!r}", "month")
    return f"{m.group(1)}-{int(m.group(2)):02d}"


def _date(args, name, settings, strict):
    value = _single(args, name, strict).strip()
    if not value:
        return None
    if len(value) > settings["MAX_PARAM_LENGTH"]:
        raise BadParameter(f"{name!r} is too long", name)
    date = parse_date(value)
    if date is None:
        raise BadParameter(f"{name!r} is not a date: give 2009-01-10 or a Jalali date such as 1387/10/21", name)
    return date


def _facets(value: str) -> bool:
    value = value.strip() or "all"
    if value not in FACET_CHOICES:
        raise BadParameter(f"facets must be one of {', '.join(FACET_CHOICES)}, not {value!r}", "facets")
    return value == "all"


def _sort(value: str) -> str:
    value = value.strip() or "relevance"
    if value not in SORTS:
        raise BadParameter(f"sort must be one of {', '.join(SORTS)}, not {value!r}", "sort")
    return value


def _int(args, name, low, high, default, strict) -> int:
    raw = fold(_single(args, name, strict)).strip()
    if not raw:
        return default
    if not re.fullmatch(r"[0-9]{1,9}", raw):
        raise BadParameter(f"{name!r} must be a whole number from {low} to {high}, not {raw[:20]!r}", name)
    number = int(raw)
    if not low <= number <= high:
        raise BadParameter(f"{name!r} must be from {low} to {high}, not {number}", name)
    return number
