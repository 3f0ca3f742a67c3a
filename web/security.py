"""Response headers that make the app safe to put on a newsroom's network.

The Content-Security-Policy allows scripts, styles and fonts from this app only and no inline code at all (the
templates keep every script and style in static files), so injected markup could not run even if it got past
Jinja's escaping. CORS is off unless ``CORS_ORIGINS`` names the origins allowed to call ``/api/``.
"""

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

    @app.after_request
    def add_headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
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
