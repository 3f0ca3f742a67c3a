"""Errors: JSON with a message under /api/, a Persian error page elsewhere, and never a stack trace.

Client mistakes (bad parameters, unknown ids, wrong methods) are 4xx with a message saying what to change. A
missing index is 503 (the server's problem, retrying later may help). Anything unexpected is logged here on the
server and answered with a plain 500 that reveals nothing about the code.
"""

from flask import jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from search.core.errors import IndexProblem
from web.engine import IndexUnavailable
from web.params import BadParameter

RETRY_AFTER = "30"  # seconds a client should wait before asking again when the index is unavailable

# What the page says for each status, in Persian (the API sends the English message).
PAGE_MESSAGES = {
    400: "درخواست نامعتبر است.",
    404: "این صفحه پیدا نشد.",
    405: "این روش درخواست پشتیبانی نمی‌شود.",
    413: "درخواست بیش از حد بزرگ است.",
    414: "نشانی بیش از حد بلند است.",
    503: "جستجو فعلاً در دسترس نیست.",
    500: "خطایی پیش آمد. لطفاً دوباره تلاش کنید.",
}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/api"


def error_response(status: int, message: str, param: str | None = None):
    if wants_json():
        body = {"error": {"status": status, "message": message}}
        if param:
            body["error"]["param"] = param
        return make_response(jsonify(body), status)
    page_message = PAGE_MESSAGES.get(status, PAGE_MESSAGES[500] if status >= 500 else PAGE_MESSAGES[400])
    html = render_template("error.html", status=status, message=page_message, detail=message)
    return make_response(html, status)


def init_app(app):
    @app.before_request
    def query_string_is_utf8():
        # Werkzeug decodes percent-escapes leniently but the raw query string strictly: a client that sends
        # bytes that are not UTF-8 (``GET /?q=\xff``) would otherwise reach ``request.args`` and fail there.
        try:
            request.query_string.decode("utf-8")
        except UnicodeDecodeError:
            return error_response(400, "the query string is not valid UTF-8: percent-encode it (%D8%A7 ...)")

    @app.errorhandler(BadParameter)
    def bad_parameter(exc):
        return error_response(400, exc.message, exc.param)

    @app.errorhandler(IndexUnavailable)
    @app.errorhandler(IndexProblem)
    def index_unavailable(exc):
        # Missing, rebuilt by another analyzer, damaged, or a shard failing: the server's problem, never a 500.
        # The log gets the whole line (folder, problem, what to do); the client the kind of problem, no paths.
        app.logger.error("%s", exc)
        response = error_response(503, f"the search index is not available: {_kind(exc)}")
        response.headers["Retry-After"] = RETRY_AFTER
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc):
        response = error_response(exc.code or 500, exc.description or exc.name)
        if exc.code == 405 and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        for name, value in exc.get_headers():
            if name == "Retry-After":  # a busy server says when to come back
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def unexpected(exc):
        app.logger.exception("unexpected error on %s", request.path)
        return error_response(500, "internal error")


def _kind(exc) -> str:
    from search.core.coordinator import ShardFailure
    from search.core.errors import IndexDamaged, IndexIncompatible, IndexMissing

    if isinstance(exc, ShardFailure):
        return "a part of it failed to answer" if exc.number is None else f"shard {exc.number} failed to answer"
    if isinstance(exc, IndexDamaged):
        return "it is damaged and must be rebuilt"
    if isinstance(exc, IndexIncompatible):
        return "it must be rebuilt (made by another version or analyzer)"
    if isinstance(exc, IndexMissing):
        return "none has been built yet"
    return exc.kind if isinstance(exc, IndexUnavailable) else "it cannot be opened"
