"""Response headers that make the app safe to put on a newsroom's network.

The Content-Security-Policy allows scripts, styles and fonts from this app only and no inline code at all (the
templates keep every script and style in static files), so injected markup could not run even if it got past
Jinja's escaping. CORS is off unless ``CORS_ORIGINS`` names the origins allowed to call ``/api/``.
"""

from urllib.parse import urlsplit, urlunsplit

from flask import request

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])


def init_app(app):
    origins = app.config["CORS_ORIGINS"]
    # Werkzeug answers «//» in a path with a redirect to an absolute URL built from the request's Host header,
    # which a client chooses: an open redirect. Paths are matched as sent instead (an id may even hold «//»).
    app.url_map.merge_slashes = False

    @app.after_request
    def add_headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        location = response.headers.get("Location")
        if location:
            response.headers["Location"] = relative_location(location)
        if origins and request.path.startswith("/api/"):
            origin = request.headers.get("Origin")
            if "*" in origins:
                response.headers["Access-Control-Allow-Origin"] = "*"
            else:
                # The answer depends on Origin whether or not it is allowed: a cache must not hand the response
                # made for one origin (or for none) to another.
                response.vary.add("Origin")
                if origin in origins:
                    response.headers["Access-Control-Allow-Origin"] = origin
        return response


def relative_location(location: str) -> str:
    """A redirect target without scheme and host: the browser resolves it against the address it used, so a
    forged Host header can never send a reader elsewhere."""
    parts = urlsplit(location)
    # One leading slash only: «//host/x» would be a protocol-relative URL, another site again.
    path = "/" + parts.path.lstrip("/")
    return urlunsplit(("", "", path, parts.query, parts.fragment))
