"""The JSON API: the search layer's objects as JSON, with 4xx errors that say what to change.

GET /api/search        the page's parameters -> the search result object (issue 5)
GET /api/articles/<id> one article
GET /api/facets/<name> values of a facet, ?prefix= narrows them (for a facet search box), ?limit= (100) bounds them
GET /api/status        the index searched: articles, shards, its generation, whether it is warm (health checks)
"""

import datetime

from flask import Blueprint, current_app, jsonify, request

from web import engine_for
from web.admission import admitted, cost
from web.params import BadParameter, _int, parse_request
from search.core.facets import FACETS as CORE_FACETS
from web.searching import find_article, run_search

FACET_VALUES_DEFAULT, FACET_VALUES_MAX = 100, 1000  # values per /api/facets/<name> answer

bp = Blueprint("api", __name__)

# Facet names as the API accepts them (a facet's name or its URL parameter) -> the search layer's names.
FACETS = {**{f.name: f.name for f in CORE_FACETS}, **{f.param: f.name for f in CORE_FACETS}}


@bp.get("/search")
def search():
    search_request = parse_request(request.args, current_app.config, strict=True)
    with admitted(current_app, cost(search_request)):  # an expensive search takes a turn, its JSON included
        return jsonify(plain(run_search(engine_for(current_app), search_request)))


@bp.get("/articles/<path:article_id>")
def article(article_id):
    _no_params()
    found = find_article(engine_for(current_app), article_id, current_app.config)
    if found is None:
        return _not_found(f"no article with id {article_id!r}")
    return jsonify(plain(found))


@bp.get("/facets/<name>")
def facet_values(name):
    if name not in FACETS:
        return _not_found(f"unknown facet {name!r}; facets: {', '.join(FACETS)}")
    _no_params("prefix", "limit")
    if len(request.args.getlist("prefix")) > 1:
        raise BadParameter("'prefix' was given more than once; give it once", "prefix")
    prefix = request.args.get("prefix", "")
    if len(prefix) > current_app.config["MAX_PARAM_LENGTH"]:
        raise BadParameter(f"'prefix' is too long: at most {current_app.config['MAX_PARAM_LENGTH']} characters",
                           "prefix")
    # a bounded answer: «?prefix=ع» on a large archive matches thousands of persons (0.5 s, 181 kB unbounded)
    limit = _int(request.args, "limit", 1, FACET_VALUES_MAX, FACET_VALUES_DEFAULT, True)
    values = engine_for(current_app).facet_values(FACETS[name], prefix=prefix.strip())
    return jsonify(plain({"facet": FACETS[name], "prefix": prefix.strip(), "total": len(values),
                          "values": values[:limit]}))


@bp.get("/status")
def status():
    _no_params()
    out = engine_for(current_app).status()
    cache = current_app.extensions.get("bayegan_response_cache")
    if cache is not None:  # (web.response_cache) how often answers come from memory, for operators
        out["response_cache"] = {"entries": len(cache), "bytes": cache.size, "hits": cache.hits,
                                 "misses": cache.misses}
    return jsonify(out)


def _no_params(*allowed):
    unknown = sorted(set(request.args) - set(allowed))
    if unknown:
        known = ", ".join(allowed) or "none"
        raise BadParameter(f"unknown parameter {unknown[0]!r}; known parameters: {known}", unknown[0])


def _not_found(message):
    from web.errors import error_response

    return error_response(404, message)


def plain(value):
    """``value`` with dates as ISO strings and tuples/sets as lists: what JSON can carry, in ASCII dates."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value
