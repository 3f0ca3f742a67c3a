"""The research API: coverage over time, co-mentions, export, entities, and the API's own documentation.

GET /api/timeline          q (1 to 4: a comparison), filters, interval, calendar, normalize -> counts per period
GET /api/comentions        q, filters, limit, min_count -> persons and countries named with the matches
GET /api/export            q, filters, sort, format (csv, jsonl), limit -> every match, streamed
GET /api/entity/<kind>/<key>  a person's or a country's page as JSON
GET /api/openapi.json      the OpenAPI 3.1 document of every endpoint
GET /api/docs              that document as a readable page (served here: no CDN)
"""

import datetime

from flask import Blueprint, Response, current_app, jsonify, render_template, request, stream_with_context

from search.core.export import chunks
from search.core.periods import TooManyPeriods
from web import engine_for
from web.admission import admission, admitted, export_cost, timeline_cost
from web.api import _no_params, _not_found, plain
from web.params import BadParameter
from web.research_params import comentions_request, export_request, timeline_request

bp = Blueprint("research_api", __name__)

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


@bp.get("/timeline")
def timeline():
    queries, filters, chart_req = timeline_request(request.args, current_app.config)
    try:
        with admitted(current_app, timeline_cost(queries, filters)):  # its JSON included
            return jsonify(plain(engine_for(current_app).timeline(
                queries, filters=filters.filters() or None, interval=chart_req.interval,
                calendar=chart_req.calendar, normalize=chart_req.normalize,
                max_periods=current_app.config["TIMELINE_MAX_PERIODS"])))
    except TooManyPeriods as exc:
        raise BadParameter(str(exc), "interval") from None


@bp.get("/comentions")
def comentions():
    req, limit, min_count = comentions_request(request.args, current_app.config)
    with admitted(current_app, timeline_cost([req.q], req)):  # its JSON included
        return jsonify(plain(engine_for(current_app).comentions(req.q, filters=req.filters() or None, limit=limit,
                                                                min_count=min_count)))


@bp.get("/export")
def export():
    req, fmt, limit = export_request(request.args, current_app.config)
    # An export of many rows takes a turn (web.admission) and holds it until its last row is sent.
    body = admission(current_app).streamed(export_cost(req, limit), ())
    try:
        out = engine_for(current_app).export(req.q, filters=req.filters() or None, sort=req.sort, limit=limit)
    except BaseException:
        body.close()
        raise
    rows = min(out["total"], limit)
    body.body = stream_with_context(chunks(out["rows"], fmt))
    name = f"bayegan-{datetime.date.today().isoformat()}.{fmt}"
    response = Response(body, content_type=MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Total-Count"] = str(out["total"])
    response.headers["X-Export-Rows"] = str(rows)
    response.headers["X-Export-Truncated"] = "true" if out["truncated"] else "false"
    return response


@bp.get("/entity/<kind>/<path:key>")
def entity(kind, key):
    _no_params()
    if kind not in ("person", "country"):
        return _not_found(f"unknown entity kind {kind!r}; kinds: person, country")
    if len(key) > current_app.config["MAX_PARAM_LENGTH"]:
        return _not_found("no such entity")
    data = engine_for(current_app).entity(kind, key.upper() if kind == "country" else key)
    if data is None:
        return _not_found(f"no article names {kind} {key!r}")
    return jsonify(plain(data))


@bp.get("/openapi.json")
def openapi_document():
    _no_params()
    from web.openapi import document

    return jsonify(document(current_app.config))


@bp.get("/docs")
def docs():
    _no_params()
    from web.openapi import document, readable

    return render_template("api_docs.html", api=readable(document(current_app.config)), req=None)
