"""Settings of the web app: defaults, then ``BAYEGAN_*`` environment variables, then the mapping given to
``create_app`` (tests and embedding code win over the environment, the environment over the defaults).

Every value is checked once, at start-up, so a typo in the environment stops the server with a clear message
instead of surfacing as odd behaviour on the first request.
"""

import os
from collections.abc import Mapping

DEFAULTS = {
    "INDEX_DIR": "var/demo-index",
    "TITLE": "بایگان",
    "PAGE_SIZE": 10,
    "MAX_PER_PAGE": 100,
    # Deep paging is what crawlers do, not readers; 1,000 pages of 100 is the whole demo corpus many times over.
    "MAX_PAGE": 1000,
    "MAX_QUERY_LENGTH": 500,
    # Longest value of any other parameter (a person's name, a date, a facet prefix).
    "MAX_PARAM_LENGTH": 100,
    # Most values one filter may carry (person=a&person=b...): more is a crafted request, not a reader.
    "MAX_FILTER_VALUES": 20,
    # Seconds between checks of the index folder for a newer commit; 0 checks on every request.
    "RELOAD_INTERVAL": 2.0,
    # Origins allowed to call /api/ from a browser: empty = no CORS headers at all, "*" = anyone.
    "CORS_ORIGINS": (),
    # Facet values shown before the rest is folded under "more".
    "FACET_VISIBLE": 6,
    # Most rows one export streams (CSV or JSON Lines, /api/export and the page's buttons).
    "EXPORT_MAX_ROWS": 100_000,
    # Most periods one timeline may have (/api/timeline, /compare); the page's chart shows at most CHART_MAX_BARS.
    "TIMELINE_MAX_PERIODS": 5000,
    "CHART_MAX_BARS": 400,
    # Filter values of all kinds together in one request (each kind is also held to MAX_FILTER_VALUES).
    "MAX_FILTER_VALUES_TOTAL": 30,
    # Admission control (web.admission): requests estimated at HEAVY_COST or more take one of HEAVY_SLOTS turns,
    # waiting at most HEAVY_WAIT seconds before a 503 with Retry-After.
    "HEAVY_COST": 6,
    "HEAVY_SLOTS": 1,
    "HEAVY_WAIT": 2.0,
    # ... and, while other requests are being served, may run for at most this share of the last 10 seconds.
    "HEAVY_SHARE": 0.3,
    # Seconds every shard has to answer one call of a search; past it the others answer (with a message).
    "SHARD_TIMEOUT": 10.0,
    # Seconds a search may spend before its optional work (feedback, suggestions, marks) is skipped.
    "TIME_BUDGET": 3.0,
    # A Ray cluster serving the shards (search.cluster): its address, or "local"; empty: this machine only.
    "RAY_ADDRESS": "",
    # bayegan serve (waitress): open connections at most, and seconds an idle connection is kept.
    "CONNECTION_LIMIT": 1000,
    "CHANNEL_TIMEOUT": 20.0,
    # Seconds a thread may hold the GIL while another waits (sys.setswitchinterval, by bayegan serve).
    "SWITCH_INTERVAL": 0.001,
    # Megabytes of whole responses kept per index generation (web.response_cache); 0 turns the cache off.
    "RESPONSE_CACHE_MB": 64.0,
}

_INTS = ("PAGE_SIZE", "MAX_PER_PAGE", "MAX_PAGE", "MAX_QUERY_LENGTH", "MAX_PARAM_LENGTH", "MAX_FILTER_VALUES",
         "FACET_VISIBLE", "MAX_FILTER_VALUES_TOTAL", "HEAVY_COST", "HEAVY_SLOTS", "CONNECTION_LIMIT",
         "EXPORT_MAX_ROWS", "TIMELINE_MAX_PERIODS", "CHART_MAX_BARS")
_FLOATS = ("RELOAD_INTERVAL", "HEAVY_WAIT", "SHARD_TIMEOUT", "CHANNEL_TIMEOUT", "TIME_BUDGET", "RESPONSE_CACHE_MB",
           "SWITCH_INTERVAL", "HEAVY_SHARE")
_ENV = {
    "INDEX_DIR": "BAYEGAN_INDEX",
    "TITLE": "BAYEGAN_TITLE",
    "PAGE_SIZE": "BAYEGAN_PAGE_SIZE",
    "MAX_PER_PAGE": "BAYEGAN_MAX_PER_PAGE",
    "MAX_PAGE": "BAYEGAN_MAX_PAGE",
    "MAX_QUERY_LENGTH": "BAYEGAN_MAX_QUERY_LENGTH",
    "MAX_PARAM_LENGTH": "BAYEGAN_MAX_PARAM_LENGTH",
    "MAX_FILTER_VALUES": "BAYEGAN_MAX_FILTER_VALUES",
    "RELOAD_INTERVAL": "BAYEGAN_RELOAD_INTERVAL",
    "CORS_ORIGINS": "BAYEGAN_CORS_ORIGINS",
    "FACET_VISIBLE": "BAYEGAN_FACET_VISIBLE",
    "EXPORT_MAX_ROWS": "BAYEGAN_EXPORT_MAX_ROWS",
    "TIMELINE_MAX_PERIODS": "BAYEGAN_TIMELINE_MAX_PERIODS",
    "CHART_MAX_BARS": "BAYEGAN_CHART_MAX_BARS",
    "MAX_FILTER_VALUES_TOTAL": "BAYEGAN_MAX_FILTER_VALUES_TOTAL",
    "HEAVY_COST": "BAYEGAN_HEAVY_COST",
    "HEAVY_SLOTS": "BAYEGAN_HEAVY_SLOTS",
    "HEAVY_WAIT": "BAYEGAN_HEAVY_WAIT",
    "SHARD_TIMEOUT": "BAYEGAN_SHARD_TIMEOUT",
    "CONNECTION_LIMIT": "BAYEGAN_CONNECTION_LIMIT",
    "TIME_BUDGET": "BAYEGAN_TIME_BUDGET",
    "RAY_ADDRESS": "BAYEGAN_RAY_ADDRESS",
    "CHANNEL_TIMEOUT": "BAYEGAN_CHANNEL_TIMEOUT",
    "RESPONSE_CACHE_MB": "BAYEGAN_RESPONSE_CACHE_MB",
    "SWITCH_INTERVAL": "BAYEGAN_SWITCH_INTERVAL",
    "HEAVY_SHARE": "BAYEGAN_HEAVY_SHARE",
}


class SettingsError(ValueError):
    """A setting has a value the app cannot run with."""


def load_settings(config: Mapping | None = None, environ: Mapping | None = None) -> dict:
    environ = os.environ if environ is None else environ
    settings = dict(DEFAULTS)
    for key, var in _ENV.items():
        if environ.get(var, "").strip():
            settings[key] = environ[var].strip()
    settings.update(config or {})
    return _checked(settings)


def _checked(settings: dict) -> dict:
    for key in _INTS:
        settings[key] = _positive_int(key, settings[key])
    settings["PAGE_SIZE"] = min(settings["PAGE_SIZE"], settings["MAX_PER_PAGE"])
    for key in _FLOATS:
        try:
            settings[key] = float(settings[key])
        except (TypeError, ValueError):
            raise SettingsError(f"{key} must be a number of seconds, not {settings[key]!r}") from None
        if settings[key] < 0:
            raise SettingsError(f"{key} must not be negative, not {settings[key]}")
    if not 0 < settings["HEAVY_SHARE"] <= 1:
        raise SettingsError(f"HEAVY_SHARE must be more than 0 and at most 1, not {settings['HEAVY_SHARE']}")
    if settings["SWITCH_INTERVAL"] <= 0:
        raise SettingsError(f"SWITCH_INTERVAL must be more than 0 seconds, not {settings['SWITCH_INTERVAL']}")
    origins = settings["CORS_ORIGINS"]
    if isinstance(origins, str):
        origins = [o.strip() for o in origins.split(",") if o.strip()]
    settings["CORS_ORIGINS"] = tuple(origins)
    settings["INDEX_DIR"] = os.fspath(settings["INDEX_DIR"])
    settings["TITLE"] = str(settings["TITLE"])
    settings["RAY_ADDRESS"] = str(settings["RAY_ADDRESS"] or "")
    return settings


def _positive_int(key, value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise SettingsError(f"{key} must be a whole number, not {value!r}") from None
    if number < 1:
        raise SettingsError(f"{key} must be at least 1, not {number}")
    return number
