"""Parameters of the research endpoints (timeline, compare, co-mentions, export, entity pages), checked like the
search's (``web.params``): anything unusable raises ``BadParameter`` (a 400 with a message), never a 500.

Every endpoint bounds its cost: at most ``timeline.MAX_QUERIES`` queries on one chart, ``TIMELINE_MAX_PERIODS``
periods in one timeline, ``EXPORT_MAX_ROWS`` rows in one export, ``comentions.MAX_LIMIT`` co-mentions.
"""

from dataclasses import dataclass, replace

from werkzeug.datastructures import MultiDict

from search.core import comentions
from search.core.export import FORMATS
from search.core.periods import AUTO, CALENDARS, INTERVALS
from search.core.timeline import MAX_QUERIES
from web.params import FILTER_PARAMS, BadParameter, _int, _single, parse_request

CHART_PARAMS = ("interval", "calendar", "normalize")
FILTERS = (*FILTER_PARAMS, "from", "to")
INTERVAL_CHOICES = (AUTO, *INTERVALS)
BOOLEANS = {"": False, "0": False, "false": False, "no": False, "1": True, "true": True, "yes": True, "on": True}


@dataclass(frozen=True)
class ChartRequest:
    interval: str = AUTO
    calendar: str = "jalali"
    normalize: bool = False

    def params(self) -> list[tuple[str, str]]:
        """As query-string pairs, defaults left out."""
        pairs = []
        if self.interval != AUTO:
            pairs.append(("interval", self.interval))
        if self.calendar != "jalali":
            pairs.append(("calendar", self.calendar))
        if self.normalize:
            pairs.append(("normalize", "1"))
        return pairs

    def with_changes(self, **changes) -> "ChartRequest":
        return replace(self, **changes)


def parse_chart(args, strict: bool) -> ChartRequest:
    interval = _choice(args, "interval", INTERVAL_CHOICES, AUTO, strict)
    calendar = _choice(args, "calendar", CALENDARS, "jalali", strict)
    return ChartRequest(interval, calendar, boolean(args, "normalize", strict))


def boolean(args, name, strict) -> bool:
    value = _single(args, name, strict).strip().lower()
    if value not in BOOLEANS:
        raise BadParameter(f"{name!r} must be 1 or 0 (true or false), not {value[:20]!r}", name)
    return BOOLEANS[value]


def _choice(args, name, choices, default, strict) -> str:
    value = _single(args, name, strict).strip() or default
    if value not in choices:
        raise BadParameter(f"{name!r} must be one of {', '.join(choices)}, not {value[:20]!r}", name)
    return value


def check_names(args, allowed):
    unknown = sorted(set(args) - set(allowed))
    if unknown:
        raise BadParameter(f"unknown parameter {unknown[0]!r}; known parameters: {', '.join(allowed)}", unknown[0])


def search_part(args, settings, names, strict: bool):
    """The ``SearchRequest`` of the parameters ``names`` of ``args`` (query, filters, sort)."""
    return parse_request(MultiDict([(k, v) for k, v in args.items(multi=True) if k in names]), settings,
                         strict=strict)


def queries(args, settings, *, required: bool) -> list[str]:
    """The ``q`` values of a comparison: 1 to ``MAX_QUERIES`` (blank ones dropped; an all-blank list
    is one empty query, every article, when ``required``)."""
    given = args.getlist("q")
    most = MAX_QUERIES
    if len(given) > most:
        raise BadParameter(f"too many queries: {len(given)}, at most {most} on one chart", "q")
    out = []
    for q in given:
        if len(q) > settings["MAX_QUERY_LENGTH"]:
            raise BadParameter(f"a query is too long: {len(q)} characters, at most {settings['MAX_QUERY_LENGTH']}",
                               "q")
        if q.strip() and q.strip() not in out:
            out.append(q.strip())
    if not out and required:
        out = [""]
    return out


def timeline_request(args, settings, strict=True):
    """``(queries, SearchRequest of the filters, ChartRequest)`` of /api/timeline and /compare."""
    if strict:
        check_names(args, ("q", *FILTERS, *CHART_PARAMS))
    filters = search_part(args, settings, FILTERS, strict)
    return queries(args, settings, required=strict), filters, parse_chart(args, strict)


def comentions_request(args, settings):
    check_names(args, ("q", *FILTERS, "limit", "min_count"))
    req = search_part(args, settings, ("q", *FILTERS), True)
    limit = _int(args, "limit", 1, comentions.MAX_LIMIT, comentions.LIMIT, True)
    min_count = _int(args, "min_count", 1, 1_000_000, comentions.MIN_COUNT, True)
    return req, limit, min_count


def export_request(args, settings):
    check_names(args, ("q", *FILTERS, "sort", "format", "limit"))
    req = search_part(args, settings, ("q", *FILTERS, "sort"), True)
    fmt = _choice(args, "format", FORMATS, "csv", True)
    most = settings["EXPORT_MAX_ROWS"]
    return req, fmt, _int(args, "limit", 1, most, most, True)
