"""Coverage over time: matching articles per period, exact over all matches, from the shards' date columns.

Each shard answers the distinct days of its matches with their counts (``ShardMatch.days``); here the days of all
shards are summed and binned into calendar periods (``search.core.periods``), every period from the first to the
last included (an empty one is a zero, not a gap). Normalized, each count is divided by the number of articles the
whole archive holds in that period (the share of coverage, as Media Cloud's "normalized attention"). Several
queries (a comparison) share one set of periods. One shard and many give the same counts (tested).
"""

import datetime

import numpy as np

from search.core import periods as P

MAX_PERIODS = 5000  # a day interval over 13 years; a longer series is a crafted request, not a chart
MAX_QUERIES = 4     # queries on one chart (a comparison)


def merged_days(answers) -> tuple[np.ndarray, np.ndarray, int]:
    """The ``(days, counts, undated)`` of several shards as one: distinct days, summed counts."""
    parts = [a for a in answers if a is not None and len(a)]
    undated = sum(int(a[2]) for a in parts)
    days = [a[0] for a in parts if len(a[0])]
    if not days:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), undated
    all_days = np.concatenate(days)
    all_counts = np.concatenate([a[1] for a in parts if len(a[0])])
    unique, where = np.unique(all_days, return_inverse=True)
    return unique, np.bincount(where, weights=all_counts).astype(np.int64), undated


def archive_days(coordinator, view):
    """Live articles per day of the whole archive, asked once per view (a timeline's denominators)."""
    return view.cached("archive-days", lambda: merged_days(coordinator.fan(view, "day_counts")))


def span(series_days, start: datetime.date | None, end: datetime.date | None):
    """The first and last day a chart covers: ``start``/``end`` where given, else the first and last day any
    series has a match on. (None, None) when nothing is dated."""
    lows = [int(d[0][0]) for d in series_days if len(d[0])]
    highs = [int(d[0][-1]) for d in series_days if len(d[0])]
    first = start or (P.from_day_number(min(lows)) if lows else None)
    last = end or (P.from_day_number(max(highs)) if highs else None)
    if first is None or last is None or first > last:
        return None, None
    return first, last


def binned(days_counts, cuts: np.ndarray, n: int) -> np.ndarray:
    """Counts per period: ``cuts`` are the periods' first day numbers; days outside them are not counted."""
    days, counts = days_counts[0], days_counts[1]
    out = np.zeros(n, dtype=np.int64)
    if not len(days) or not n:
        return out
    index = np.searchsorted(cuts, days, side="right") - 1
    inside = (index >= 0) & (days < cuts[-1])
    np.add.at(out, index[inside], counts[inside])
    return out


def build(series: list[dict], series_days: list, *, interval: str, calendar: str, normalize: bool,
          start=None, end=None, archive=None, limit: int = MAX_PERIODS) -> dict:
    """The timeline object: ``series`` (``{query, total, ...}`` per query) get their per-period ``counts`` (and
    ``shares`` when normalized) over one set of periods. ``archive``: the whole archive's days (normalize)."""
    first, last = span(series_days, start, end)
    chosen = P.resolve_interval(interval, first, last, calendar)
    cut = P.periods(first, last, chosen, calendar, limit) if first else []
    cuts = np.array([P.day_number(p.start) for p in cut] + ([P.day_number(cut[-1].end) + 1] if cut else []),
                    dtype=np.int64)
    out = {"interval": chosen, "calendar": calendar, "normalized": bool(normalize),
           "periods": [{"key": p.key, "label": p.label, "start": p.start.isoformat(), "end": p.end.isoformat()}
                       for p in cut],
           "series": []}
    totals = binned(archive, cuts, len(cut)) if normalize and archive is not None else None
    if totals is not None:
        out["archive"] = totals.tolist()
    for info, days in zip(series, series_days):
        counts = binned(days, cuts, len(cut))
        row = {**info, "dated": int(days[1].sum()), "undated": int(days[2]), "counts": counts.tolist()}
        if totals is not None:
            row["shares"] = [round(c / t, 6) if t else 0.0 for c, t in zip(row["counts"], out["archive"])]
        out["series"].append(row)
    return out


def compare(coordinator, requests: list, *, interval: str, calendar: str, normalize: bool,
            limit: int = MAX_PERIODS) -> dict:
    """The timeline of each request (``search.core.request.Request``: one query each, the same filters) over one
    set of periods. ``messages`` are notices."""
    from search.core.searching import matched, missing_notice

    view = coordinator.view()
    series, days, messages, missing = [], [], [], []
    flt = {}
    for request in requests:
        m = matched(coordinator, request, view, k=0, histogram=True)
        flt = m.flt
        series.append({"query": request.query, "total": m.total})
        days.append(merged_days([x.days for x in m.matches]))
        messages.extend(x for x in m.messages if x not in messages)
        missing.extend(m.missing)
    out = build(series, days, interval=interval, calendar=calendar, normalize=normalize,
                archive=archive_days(coordinator, view) if normalize else None, limit=limit, **bounds(flt))
    out["filters"] = flt
    out["messages"] = messages + ([missing_notice(coordinator, missing)] if missing else [])
    return out


def bounds(flt: dict) -> dict:
    """The chart's ``start``/``end`` from a search's normalized ``from``/``to`` filters."""
    return {name: datetime.date.fromisoformat(flt[key]) for name, key in (("start", "from"), ("end", "to"))
            if key in flt}


def of_matched(coordinator, m, *, label: str, interval: str, calendar: str, normalize: bool,
               limit: int = MAX_PERIODS) -> dict:
    """The timeline of one ``Matched`` (planned with ``histogram``): a search page's chart, an entity's."""
    return build([{"query": label, "total": m.total}], [merged_days([x.days for x in m.matches])],
                 interval=interval, calendar=calendar, normalize=normalize,
                 archive=archive_days(coordinator, m.view) if normalize else None, limit=limit, **bounds(m.flt))
