"""The only place the web app calls the search layer: one function per kind of call, shared by page and API."""

# Article ids are short keys; anything longer or with control characters is not one of ours.
MAX_ID_LENGTH = 200


def run_search(engine, search_request) -> dict:
    """The search of an API request (the caller holds its admission turn, ``web.admission``, through the
    answer's serialization too)."""
    from flask import current_app

    return engine.search(search_request.q, filters=search_request.filters() or None, sort=search_request.sort,
                         page=search_request.page, per_page=search_request.per_page,
                         facets=search_request.facets, budget=current_app.config["TIME_BUDGET"])


def run_overview(engine, search_request, chart_request, max_bars: int) -> dict:
    """The search page's result: the search with its facets, the timeline of all its matches and their
    co-mentions, from one match (``SearchEngine.overview``). An interval that would draw more than ``max_bars``
    bars falls back to the automatic one, and the result says so (``timeline_notice``). The caller holds the
    page's admission turn (``web.admission``) through the rendering too."""
    from search.core.periods import AUTO, TooManyPeriods

    kwargs = dict(filters=search_request.filters() or None, sort=search_request.sort, page=search_request.page,
                  per_page=search_request.per_page, interval=chart_request.interval,
                  calendar=chart_request.calendar, normalize=chart_request.normalize, max_periods=max_bars)
    try:
        return engine.overview(search_request.q, **kwargs)
    except TooManyPeriods as exc:
        result = engine.overview(search_request.q, **{**kwargs, "interval": AUTO})
        result["timeline_notice"] = exc.count
        return result


def find_article(engine, article_id: str, config=None):
    """The article with ``article_id`` as the search layer returns it, or None if there is none."""
    if not article_id or len(article_id) > MAX_ID_LENGTH or not article_id.isprintable():
        return None
    try:
        return engine.article(article_id)
    except (KeyError, LookupError):
        return None


def related(engine, article_id: str, limit: int = 5) -> list:
    return list(engine.more_like(article_id, limit=limit))[:limit]


def query_terms(q: str, engine=None) -> set:
    """The analyzed words of ``q`` that the article page marks (the same terms the snippets mark: with an
    ``engine``, prefix and fuzzy words are expanded over its index as they are for the snippets)."""
    if not q:
        return set()
    if engine is not None:
        return engine.marked_terms(q)
    from search.core.compile import analyze
    from search.core.syntax import parse

    terms = set()
    for clause in parse(q).clauses:
        for alternative in clause:
            terms.update(analyze(alternative.text.rstrip("*~")))
    return terms


def marked_paragraphs(body: str, q: str, engine=None) -> list:
    """``body`` split into paragraphs of Markup: the text escaped, the words of ``q`` in <mark>.

    Offsets come from the search layer's ``matches`` (the index analyzer over the original text), so every
    spelling variant of a query word is marked where it is printed.
    """
    from markupsafe import Markup, escape

    from search.core.snippets import matches

    terms = query_terms(q, engine)
    paragraphs = []
    for text in (p.strip() for p in body.replace("\r\n", "\n").split("\n")):
        if not text:
            continue
        out, pos = [], 0
        for start, end, _ in matches(text, terms):
            if start < pos:
                continue
            out.append(escape(text[pos:start]))
            out.append(Markup("<mark>%s</mark>") % text[start:end])
            pos = end
        out.append(escape(text[pos:]))
        paragraphs.append(Markup("").join(out))
    return paragraphs
