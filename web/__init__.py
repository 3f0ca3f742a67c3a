"""The web front end: an RTL Persian search page and a JSON API, both calling ``search/`` only.

``create_app(config=None)`` builds a Flask app; settings come from defaults, ``BAYEGAN_*`` environment variables
and ``config`` (see ``web.settings``). ``bayegan serve`` (``web.cli``) runs it under waitress.
"""

from flask import Flask

from web.engine import EngineHolder
from web.settings import load_settings


def create_app(config=None) -> Flask:
    app = Flask(__name__)
    settings = load_settings(config)
    app.config.update(settings)
    app.config["DEBUG"] = False  # never the interactive debugger: it runs code sent by the client
    app.config["MAX_CONTENT_LENGTH"] = 16 * 1024  # nothing here takes a body; refuse big uploads early
    app.json.ensure_ascii = False  # Persian text readable in the JSON; digits and dates are ASCII anyway
    app.json.sort_keys = False
    app.extensions["bayegan_engine"] = EngineHolder(settings["INDEX_DIR"], settings["RELOAD_INTERVAL"],
                                                    opener=(config or {}).get("ENGINE_OPENER"),
                                                    timeout=settings["SHARD_TIMEOUT"], ray=settings["RAY_ADDRESS"])

    from web import admission, api, errors, pages, research_api, research_pages, response_cache, security, templating

    admission.init_app(app)
    templating.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    response_cache.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp, url_prefix="/api")
    app.register_blueprint(research_pages.bp)
    app.register_blueprint(research_api.bp, url_prefix="/api")
    return app


def engine_for(app):
    """The app's search engine (opened on first use, reopened after a re-index); raises IndexUnavailable."""
    return app.extensions["bayegan_engine"].get()
