"""The OpenAPI 3.1 document of the JSON API (``/api/openapi.json``) and its readable form (``/api/docs``).

Written here as data, next to the code it describes; the tests validate the document (openapi-spec-validator)
and every endpoint's real responses against its schemas (openapi-core), so the two cannot drift apart.
"""

from search.core import comentions
from search.core.export import FIELDS
from search.core.periods import AUTO, CALENDARS, INTERVALS
from search.core.timeline import MAX_QUERIES
from web.params import SORTS


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(required, properties, extra=True):
    out = {"type": "object", "required": list(required), "properties": properties}
    if not extra:
        out["additionalProperties"] = False
    return out


STR, INT, NUM, BOOL = {"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "boolean"}
NULL_STR = {"type": ["string", "null"]}
DATE = {"type": "string", "format": "date"}
NULL_DATE = {"type": ["string", "null"], "format": "date"}


def _array(items):
    return {"type": "array", "items": items}


def schemas(config) -> dict:
    key_label = _obj(("key", "label"), {"key": STR, "label": STR})
    bucket = _obj(("value", "label", "count", "selected"), {"value": STR, "label": STR, "count": INT, "selected": BOOL})
    fragment = _obj(("text", "marks"), {"text": STR, "marks": _array(_array(INT))})
    common = {"id": STR, "title": STR, "date": NULL_DATE, "date_jalali": NULL_STR, "url": NULL_STR,
              "source": NULL_STR, "persons": _array(_ref("Entity")), "countries": _array(_ref("Entity"))}
    row = _obj(("value", "label", "count", "background", "score"),
               {"value": STR, "label": STR, "count": INT, "background": {**INT, "description": "articles of the "
                "whole archive naming it"}, "score": {**NUM, "description": "JLH significance (0: not over-"
                "represented)"}})
    lists = _obj(("significant", "frequent"), {"significant": _array(_ref("CoMention")),
                                               "frequent": _array(_ref("CoMention"))})
    series = _obj(("query", "total", "dated", "undated", "counts"), {
        "query": STR, "total": INT, "dated": INT, "undated": INT, "counts": _array(INT),
        "shares": {**_array(NUM), "description": "each count / the archive's articles in that period (normalize)"}})
    period = _obj(("key", "label", "start", "end"), {"key": STR, "label": STR, "start": DATE, "end": DATE})
    return {
        "Error": _obj(("error",), {"error": _obj(("status", "message"),
                                                 {"status": INT, "message": STR, "param": STR})}),
        "Entity": key_label,
        "Bucket": bucket,
        "Excerpt": _obj(("fragments", "before", "after"), {"fragments": _array(fragment), "before": BOOL,
                                                            "after": BOOL}),
        "Hit": _obj(("id", "title", "score", "snippet", "excerpt"),
                    {**common, "score": {"type": ["number", "null"]}, "snippet": {**STR, "description":
                     "the excerpt as HTML: text escaped, matches in <mark>"}, "excerpt": _ref("Excerpt")}),
        "SearchResult": _obj(("query", "total", "page", "per_page", "took_ms", "hits", "facets", "did_you_mean",
                              "filters", "sort", "messages"), {
            "query": STR, "total": INT, "page": INT, "per_page": INT, "took_ms": NUM, "hits": _array(_ref("Hit")),
            "facets": {"type": "object", "additionalProperties": _obj(("buckets",), {"buckets": _array(_ref("Bucket"))})},
            "did_you_mean": NULL_STR, "filters": {"type": "object"}, "sort": {"enum": list(SORTS)},
            "messages": _array(STR), "missing_shards": _array(STR)}),
        "Article": _obj(("id", "title", "body"), {**common, "summary": NULL_STR, "body": NULL_STR,
                                                 "category": NULL_STR, "tags": {"type": ["array", "null"]}}),
        "FacetValues": _obj(("facet", "prefix", "total", "values"), {"facet": STR, "prefix": STR, "total": INT,
                                                                     "values": _array(_ref("Bucket"))}),
        "Status": _obj(("articles", "shards", "generation", "warm"),
                       {"articles": INT, "shards": INT, "generation": STR, "warm": BOOL,
                        "response_cache": _obj(("entries", "bytes", "hits", "misses"),
                                               {"entries": INT, "bytes": INT, "hits": INT, "misses": INT})}),
        "Period": period,
        "Series": series,
        "Timeline": _obj(("interval", "calendar", "normalized", "periods", "series"), {
            "interval": {"enum": list(INTERVALS)}, "calendar": {"enum": list(CALENDARS)}, "normalized": BOOL,
            "periods": _array(_ref("Period")), "series": _array(_ref("Series")),
            "archive": {**_array(INT), "description": "the archive's articles per period (normalize)"},
            "filters": {"type": "object"}, "messages": _array(STR), "took_ms": NUM}),
        "CoMention": row,
        "CoMentionLists": lists,
        "CoMentions": _obj(("query", "total", "min_count", "person", "country"), {
            "query": STR, "total": INT, "min_count": INT, "person": _ref("CoMentionLists"),
            "country": _ref("CoMentionLists"), "filters": {"type": "object"}, "messages": _array(STR),
            "took_ms": NUM}),
        "EntityPage": _obj(("kind", "key", "label", "total", "timeline", "comentions", "variants", "latest"), {
            "kind": {"enum": ["person", "country"]}, "key": STR, "label": STR, "total": INT,
            "timeline": _ref("Timeline"),
            "comentions": _obj(("person", "country"), {"person": _ref("CoMentionLists"),
                                                       "country": _ref("CoMentionLists")}),
            "variants": _array(_obj(("form", "articles"), {"form": STR, "articles": INT})),
            "latest": _array(_ref("Hit"))}),
        "ExportRow": _obj(FIELDS, {"id": STR, "date": NULL_DATE, "date_jalali": {**NULL_STR, "description":
                          "Jalali year-month-day, 1387-10-21"}, "title": STR, "url": NULL_STR, "source": NULL_STR,
                          "persons": _array(STR), "countries": _array(STR), "country_names": _array(STR),
                          "snippet": {**STR, "description": "the passage around the first match"}}, extra=False),
    }


def _param(name, description, schema=None, required=False, many=False, where="query"):
    schema = schema or STR
    out = {"name": name, "in": where, "required": required or where == "path", "description": description,
           "schema": _array(schema) if many else schema}
    if many:
        out.update(style="form", explode=True)
    return out


def _parameters(config) -> dict:
    limit_rows = config["EXPORT_MAX_ROWS"]
    return {
        "q": _param("q", "the query: words, \"phrase\", -word, OR, person:, country:, source:, date:",
                    {**STR, "maxLength": config["MAX_QUERY_LENGTH"]}),
        "person": _param("person", "person key or name (repeat: any of them)", many=True),
        "country": _param("country", "ISO code or country name (repeat: any of them)", many=True),
        "year": _param("year", "Jalali year, 1387 (repeat: any)", {**STR, "pattern": "^[0-9۰-۹]{4}$"}, many=True),
        "month": _param("month", "Jalali year-month, 1387-10 (repeat: any)", many=True),
        "source": _param("source", "a source name (repeat: any)", many=True),
        "year_gregorian": _param("year_gregorian", "Gregorian year, 2009 (repeat: any)", many=True),
        "from": _param("from", "first day: 2009-01-10 or Jalali 1387/10/21"),
        "to": _param("to", "last day (inclusive)"),
        "sort": _param("sort", "order of the results", {"enum": list(SORTS)}),
        "page": _param("page", "result page", {**INT, "minimum": 1, "maximum": config["MAX_PAGE"]}),
        "per_page": _param("per_page", "results per page", {**INT, "minimum": 1, "maximum": config["MAX_PER_PAGE"]}),
        "facets": _param("facets", "count facets (all) or not (none)", {"enum": ["all", "none"]}),
        "queries": _param("q", f"1 to {MAX_QUERIES} queries, one chart (repeat: a comparison)",
                          {**STR, "maxLength": config["MAX_QUERY_LENGTH"]}, many=True),
        "interval": _param("interval", "period of the timeline; auto: days, months or years, whichever is readable",
                           {"enum": [AUTO, *INTERVALS]}),
        "calendar": _param("calendar", "calendar of the periods (a Jalali week starts on Saturday)",
                           {"enum": list(CALENDARS)}),
        "normalize": _param("normalize", "also each count's share of the archive's articles in its period",
                            {"enum": ["0", "1", "true", "false"]}),
        "limit_comentions": _param("limit", "values per list", {**INT, "minimum": 1, "maximum": comentions.MAX_LIMIT}),
        "min_count": _param("min_count", "matches a value needs to be scored (3)", {**INT, "minimum": 1}),
        "format": _param("format", "csv (UTF-8 with a byte-order mark) or jsonl", {"enum": ["csv", "jsonl"]}),
        "limit_rows": _param("limit", f"rows at most ({limit_rows:,})", {**INT, "minimum": 1, "maximum": limit_rows}),
        "prefix": _param("prefix", "only values (or a word of them) starting with this", {**STR, "maxLength": 100}),
    }


FILTER_NAMES = ("person", "country", "year", "month", "source", "year_gregorian", "from", "to")


def _json(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


def _operation(summary, params, ok, errors=(400,), description=""):
    responses = {"200": ok}
    for status in errors:
        responses[str(status)] = _json("Error", {400: "a parameter the API cannot serve, with a message",
                                                 404: "no such resource"}[status])
    responses["503"] = _json("Error", "the search index is not available")
    return {"get": {"summary": summary, "description": description,
                    "parameters": [{"$ref": f"#/components/parameters/{p}"} if isinstance(p, str) else p
                                   for p in params], "responses": responses}}


def document(config) -> dict:
    export_ok = {"description": "every match, streamed (headers X-Total-Count, X-Export-Rows, X-Export-Truncated)",
                 "content": {"text/csv": {"schema": {"type": "string", "pattern": "^\ufeff" + ",".join(FIELDS),
                                                     "description": "UTF-8 with a byte-order mark: a header row, "
                                                                    "then one row per match"}},
                             "application/x-ndjson": {"schema": {**_array(_ref("ExportRow")), "description":
                                                                 "JSON Lines: one ExportRow object per line"}}}}
    paths = {
        "/api/search": _operation("A result page", ["q", *FILTER_NAMES, "sort", "page", "per_page", "facets"],
                                  _json("SearchResult")),
        "/api/articles/{id}": _operation("One article with its full text",
                                         [_param("id", "article id", where="path")], _json("Article"), (404,)),
        "/api/facets/{name}": _operation("A facet's values over the whole archive", [
            _param("name", "person, country, year, month, year_gregorian, source", where="path"), "prefix",
            _param("limit", "values returned, most frequent first (total: how many match)",
                   {**INT, "minimum": 1, "maximum": 1000, "default": 100})],
            _json("FacetValues"), (400, 404)),
        "/api/status": _operation("The index searched now", [], _json("Status"), ()),
        "/api/timeline": _operation(
            "Matching articles per period (coverage over time); several q: a comparison",
            ["queries", *FILTER_NAMES, "interval", "calendar", "normalize"], _json("Timeline"),
            description=f"Exact counts over all matches, empty periods as zeros, at most "
                        f"{config['TIMELINE_MAX_PERIODS']:,} periods."),
        "/api/comentions": _operation("Persons and countries named with the matches: frequent and significant",
                                      ["q", *FILTER_NAMES, "limit_comentions", "min_count"], _json("CoMentions")),
        "/api/export": _operation("Every match as CSV or JSON Lines", ["q", *FILTER_NAMES, "sort", "format",
                                                                      "limit_rows"], export_ok),
        "/api/entity/{kind}/{key}": _operation("A person's or a country's page", [
            _param("kind", "person or country", {"enum": ["person", "country"]}, where="path"),
            _param("key", "a person's key (canonical name) or a country's ISO code", where="path")],
            _json("EntityPage"), (404,)),
        "/api/openapi.json": _operation("This document", [], {"description": "OpenAPI 3.1",
                                                              "content": {"application/json": {}}}, ()),
    }
    return {"openapi": "3.1.0",
            "info": {"title": f"{config['TITLE']} JSON API", "version": "1",
                     "description": "Full-text search of a Persian news archive: results, facets, coverage over "
                                    "time, co-mentions, export. Errors are JSON with a message."},
            "servers": [{"url": "/"}], "paths": paths,
            "components": {"schemas": schemas(config), "parameters": _parameters(config)}}


def readable(doc: dict) -> list[dict]:
    """The document as the docs page lists it: each endpoint with its parameters and response schema names."""
    params = doc["components"]["parameters"]
    out = []
    for path, item in doc["paths"].items():
        op = item["get"]
        resolved = [params[p["$ref"].rsplit("/", 1)[1]] if "$ref" in p else p for p in op["parameters"]]
        responses = []
        for status, response in op["responses"].items():
            kinds = [(media, (body.get("schema") or {}).get("$ref", "").rsplit("/", 1)[-1])
                     for media, body in (response.get("content") or {}).items()]
            responses.append({"status": status, "description": response["description"], "content": kinds})
        out.append({"path": path, "summary": op["summary"], "description": op["description"],
                    "parameters": [{"name": p["name"], "in": p["in"], "description": p["description"],
                                    "schema": _schema_text(p["schema"])} for p in resolved],
                    "responses": responses})
    return out


def _schema_text(schema: dict) -> str:
    if "enum" in schema:
        return " | ".join(schema["enum"])
    if schema.get("type") == "array":
        return _schema_text(schema["items"]) + ", repeatable"
    bounds = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "maxLength") if k in schema]
    return schema.get("type", "") + (f" ({', '.join(bounds)})" if bounds else "")
