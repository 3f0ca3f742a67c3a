"""The HTML pages: the search page (``/``) and the article page (``/article/<id>``).

Views only gather data; ``web.view`` shapes the search result for the template (facet toggle links, chips,
paging), so the templates stay free of logic.
"""

from flask import Blueprint, abort, current_app, render_template, request

from web import engine_for
from web.admission import admitted, page_cost
from web.params import BadParameter, SearchRequest, parse_request
from web.research_params import parse_chart
from web.research_view import search_research
from web.searching import find_article, marked_paragraphs, related, run_overview
from web.view import article_entities, page_error_message, search_view

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    config = current_app.config
    try:
        search_request = parse_request(request.args, config, strict=False)
        chart_request = parse_chart(request.args, strict=False)
    except BadParameter as exc:
        # Keep the reader's words in the box; say in Persian what was wrong.
        q = request.args.get("q", "")[: config["MAX_QUERY_LENGTH"]]
        blank = SearchRequest(q=q, per_page=config["PAGE_SIZE"], default_per_page=config["PAGE_SIZE"])
        html = render_template("index.html", req=blank, view=None, error=page_error_message(exc, config))
        return html, 400
    # An expensive page takes a turn (web.admission) for its search and for its rendering (a page of 100 hits
    # with 30 filters is megabytes of HTML: most of its cost).
    with admitted(current_app, page_cost(search_request)):
        result = run_overview(engine_for(current_app), search_request, chart_request, config["CHART_MAX_BARS"])
        return render_template("index.html", req=search_request, view=search_view(result, search_request, config),
                               research=search_research(result, search_request, chart_request,
                                                        config["EXPORT_MAX_ROWS"]), error=None)


@bp.get("/article/<path:article_id>")
def article(article_id):
    config = current_app.config
    q = request.args.get("q", "").strip()
    if len(q) > config["MAX_QUERY_LENGTH"]:
        q = ""  # a link with an oversize query still shows the article, just without marks
    engine = engine_for(current_app)
    found = find_article(engine, article_id, config)
    if found is None:
        abort(404, description=f"no article with id {article_id!r}")
    back = SearchRequest(q=q, per_page=config["PAGE_SIZE"], default_per_page=config["PAGE_SIZE"])
    return render_template("article.html", article=found, body=marked_paragraphs(found.get("body") or "", q, engine), q=q,
                           req=back, summary=marked_paragraphs(found.get("summary") or "", q, engine),
                           entities=article_entities(found, back), related=related(engine, article_id))
