"""Shaping the research results for the templates: the coverage chart and its table, interval links, the
co-mention lists, the export links, entity pages and comparisons (the templates stay free of logic)."""

import datetime
from urllib.parse import urlencode

from flask import url_for

from web import chart
from web.templating import fa_decimal, fa_number, search_url, search_url_with, toggle_url
from web.view import entity_url, hit_view  # noqa: F401 - the research pages use them through this module

INTERVAL_LABELS = (("auto", "خودکار"), ("day", "روز"), ("week", "هفته"), ("month", "ماه"), ("year", "سال"))
CALENDAR_LABELS = (("jalali", "خورشیدی"), ("gregorian", "میلادی"))
KIND_HEADINGS = {"person": "اشخاص", "country": "کشورها"}
FORMAT_LABELS = (("csv", "CSV"), ("jsonl", "JSON Lines"))


def period_request(req, period: dict):
    """The search narrowed to one period (what a click on its bar does)."""
    return req.with_changes(date_from=datetime.date.fromisoformat(period["start"]),
                            date_to=datetime.date.fromisoformat(period["end"]))


def coverage(timeline: dict, req, chart_req, switch=None) -> dict | None:
    """The chart of a single-series timeline, its table rows, and the links that change its interval, calendar
    and normalization. A bar leads to the search ``req`` narrowed to its period; ``switch(chart_request)`` is the
    URL of this page with another chart (default: the search page)."""
    drawn = chart.bars(timeline, lambda period: search_url(period_request(req, period)))
    if drawn is None:
        return None
    series = timeline["series"][0]
    page_url = switch or (lambda changed: search_url_with(req, changed.params()))

    def switch_to(**changes):
        return page_url(chart_req.with_changes(**changes))

    return {
        "chart": drawn, "interval": timeline["interval"], "calendar": timeline["calendar"],
        "normalized": timeline["normalized"], "total": series["total"], "undated": series["undated"],
        "rows": [{"label": bar["label"], "gregorian": bar["gregorian"], "count": bar["count"], "value": bar["value"],
                  "url": bar["url"]} for bar in drawn["bars"]],
        "intervals": [{"label": label, "url": switch_to(interval=value), "current": value == chart_req.interval}
                      for value, label in INTERVAL_LABELS],
        "calendars": [{"label": label, "url": switch_to(calendar=value), "current": value == timeline["calendar"]}
                      for value, label in CALENDAR_LABELS],
        "normalize_url": switch_to(normalize=not chart_req.normalize),
    }


def comention_lists(comentions: dict, req, which: str = "significant") -> list[dict]:
    """Per kind (persons, countries): its values with their counts, significance, entity page and filter link."""
    out = []
    for kind, heading in KIND_HEADINGS.items():
        rows = [{**row, "count_text": fa_number(row["count"]), "background_text": fa_number(row["background"]),
                 "score_text": fa_decimal(row["score"], 2), "entity_url": entity_url(kind, row["value"]),
                 "filter_url": toggle_url(req, kind, row["value"]) if req is not None else None}
                for row in (comentions.get(kind) or {}).get(which) or []]
        out.append({"kind": kind, "heading": heading, "rows": rows})
    return out


def export_links(req) -> list[dict]:
    """The page's export buttons: every match of this search (not only the page), as CSV and JSON Lines."""
    pairs = [(k, v) for k, v in req.params() if k not in ("page", "per_page")]
    return [{"label": label, "format": fmt, "url": url_for("research_api.export") + "?" + urlencode(pairs + [("format", fmt)])}
            for fmt, label in FORMAT_LABELS]


def compare_view(timeline: dict, filters_req, chart_req) -> dict:
    """The comparison chart (lines), its legend with totals, and the table of every period and query; each
    table cell links to that query's results in that period."""
    drawn = chart.lines(timeline)
    periods, series = timeline["periods"], timeline["series"]

    def cell(i, data):
        share = data["shares"][i] if timeline["normalized"] else None
        narrowed = period_request(filters_req.with_changes(q=data["query"]), periods[i])
        return {"value": chart.value_label(data["counts"][i], share), "url": search_url(narrowed)}

    legend = [{"query": s["query"], "total": s["total"], "style": n % chart.SERIES_STYLES,
               "url": search_url(filters_req.with_changes(q=s["query"]))} for n, s in enumerate(series)]
    rows = [{"label": p["label"], "gregorian": chart.gregorian_span(p), "cells": [cell(i, s) for s in series]}
            for i, p in enumerate(periods)]
    return {"chart": drawn, "legend": legend, "rows": rows, "interval": timeline["interval"],
            "normalized": timeline["normalized"], "messages": timeline.get("messages") or []}


def query_string(pairs) -> str:
    return "?" + urlencode(pairs) if pairs else ""




def search_research(result: dict, req, chart_req, export_limit: int) -> dict:
    """What the search page shows beside its results: the coverage chart, the co-mentions, the export links
    (an export stops at ``export_limit`` rows: the button says so when the results are more)."""
    return {"coverage": coverage(result["timeline"], req, chart_req),
            "export_rows": min(int(result.get("total") or 0), export_limit),
            "export_cut": int(result.get("total") or 0) > export_limit,
            "comentions": comention_lists(result["comentions"], req),
            "exports": export_links(req), "timeline_notice": result.get("timeline_notice"),
            "compare_url": url_for("research.compare", q=req.q) if req.q else url_for("research.compare")}
