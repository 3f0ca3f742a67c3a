"""The research pages: a comparison of up to four queries over time (``/compare``) and the entity pages
(``/person/<key>``, ``/country/<code>``). The search page's chart and co-mentions are in ``web.pages``."""

from flask import Blueprint, abort, current_app, render_template, request

from search.core.periods import TooManyPeriods
from web import engine_for
from web import research_view as rv
from web.admission import admitted, timeline_cost
from web.params import BadParameter, SearchRequest
from web.research_params import parse_chart, timeline_request
from web.templating import search_url

bp = Blueprint("research", __name__)


def _blank(config, q="") -> SearchRequest:
    return SearchRequest(q=q, per_page=config["PAGE_SIZE"], default_per_page=config["PAGE_SIZE"])


@bp.get("/compare")
def compare():
    config = current_app.config
    try:
        queries, filters, chart_req = timeline_request(request.args, config, strict=False)
    except BadParameter as exc:
        return render_template("compare.html", req=_blank(config), queries=[], view=None, chart_req=None,
                               error=exc.message), 400
    with admitted(current_app, timeline_cost(queries, filters) if queries else 0):  # its rendering included
        view, error = None, None
        if queries:
            try:
                result = engine_for(current_app).timeline(
                    queries, filters=filters.filters() or None, interval=chart_req.interval,
                    calendar=chart_req.calendar, normalize=chart_req.normalize, max_periods=config["CHART_MAX_BARS"])
                view = rv.compare_view(result, filters, chart_req)
            except TooManyPeriods as exc:
                error = (f"نمودار بیش از {exc.limit} دوره می‌شد؛ بازهٔ بلندتری (ماه یا سال) یا تاریخ‌های "
                         "نزدیک‌تری برگزینید.")
        slots = queries + [""] * (4 - len(queries))
        return render_template("compare.html", req=_blank(config), queries=slots, view=view, chart_req=chart_req,
                               filters=filters, error=error, intervals=rv.INTERVAL_LABELS,
                               calendars=rv.CALENDAR_LABELS)


@bp.get("/person/<path:key>")
def person(key):
    return _entity("person", key)


@bp.get("/country/<code>")
def country(code):
    return _entity("country", code.upper())


def _entity(kind, key):
    config = current_app.config
    chart_req = parse_chart(request.args, strict=False)
    engine = engine_for(current_app)
    if len(key) > config["MAX_PARAM_LENGTH"]:
        abort(404, description="no such entity")
    try:
        data = engine.entity(kind, key, interval=chart_req.interval, calendar=chart_req.calendar)
    except TooManyPeriods:  # an entity's whole life in days: the chart falls back to a readable interval
        chart_req = chart_req.with_changes(interval="auto")
        data = engine.entity(kind, key, interval="auto", calendar=chart_req.calendar)
    if data is None:
        abort(404, description=f"no article names {kind} {key!r}")
    req = _blank(config).with_changes(**{kind: (data["key"],)})
    here = rv.entity_url(kind, data["key"])
    return render_template(
        "entity.html", data=data, req=_blank(config), all_url=search_url(req),
        coverage=rv.coverage(data["timeline"], req, chart_req,
                             switch=lambda changed: here + rv.query_string(changed.params())),
        significant=rv.comention_lists(data["comentions"], None, "significant"),
        frequent=rv.comention_lists(data["comentions"], None, "frequent"),
        latest=[rv.hit_view(h, req) for h in data["latest"]])
