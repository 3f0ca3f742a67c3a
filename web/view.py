"""Shaping a search result for the page: facet lists with toggle links, filter chips, sort links and paging.

Each facet value becomes a bucket with a ``toggle_url`` (Datasette-style): following it switches that filter on or
off, so the whole page works with plain links and no JavaScript.
"""

import math
from dataclasses import dataclass, field

from flask import url_for

from analyzers.dates import jalali_month_name, persian_digits
from search.core.facets import BY_NAME
from search.core.labels import resolve_country, resolve_person
from search.core.syntax import parse, without_fields
from search.core.facets import BY_NAME
from web.wording import FACET_HEADINGS, sentence
from web.templating import gregorian, jalali, search_url, toggle_url

# (search layer facet name, URL parameter, heading): the facets as the core declares them, in the page's order,
# with their Persian headings (web.wording).
PAGE_ORDER = ("person", "country", "year_jalali", "month_jalali", "year_gregorian", "source")
FACETS = tuple((name, BY_NAME[name].param, FACET_HEADINGS[name]) for name in PAGE_ORDER)
SCROLL_FROM = 12  # a month list longer than this scrolls in its box (every value stays in the page)
SORT_LABELS = (("relevance", "مرتبط‌ترین"), ("newest", "جدیدترین"), ("oldest", "قدیمی‌ترین"))


@dataclass
class FacetView:
    name: str
    param: str
    heading: str
    visible: list = field(default_factory=list)
    more: list = field(default_factory=list)
    scroll: bool = False  # a long list of months: shown whole, in a scrolling box
    grid: bool = False    # years: short labels, every one visible in a compact grid


def search_view(result: dict, req, config) -> dict:
    labels = _labels(result)
    facets = [f for f in (_facet(result, req, config, *spec) for spec in FACETS) if f.visible]
    total = int(result.get("total") or 0)
    pages = min(math.ceil(total / req.per_page), config["MAX_PAGE"]) if total else 0
    return {
        "result": result,
        "total": total,
        "hits": [hit_view(hit, req) for hit in result.get("hits") or []],
        "facets": facets,
        "chips": _active_chips(req, labels),
        "sorts": _sorts(req),
        "paging": _paging(req, pages),
        "pages": pages,
        "did_you_mean": _did_you_mean(result, req, config["MAX_QUERY_LENGTH"]),
        "messages": [sentence(n) for n in result["notices"]],
        "beyond_last_page": total > 0 and req.page > pages,
    }


def _sorts(req) -> list:
    """Sort links. Without words to rank by (no query, or one of only field filters or -words such as
    «کشور:سوریه»), the search layer lists newest first, so relevance is not offered."""
    words = bool(req.q) and bool(parse(req.q).clauses)
    current = "newest" if not words and req.sort == "relevance" else req.sort
    return [{"value": v, "label": label, "url": search_url(req, sort=v), "current": v == current}
            for v, label in SORT_LABELS if words or v != "relevance"]


def _labels(result) -> dict:
    """(param, value) -> label, from every facet bucket of the result (hits carry keys, facets their labels)."""
    labels = {}
    for name, param, _ in FACETS:
        for bucket in ((result.get("facets") or {}).get(name) or {}).get("buckets") or []:
            labels[(param, str(bucket["value"]))] = bucket.get("label") or str(bucket["value"])
    return labels


def _facet(result, req, config, name, param, heading) -> FacetView:
    view = FacetView(name, param, heading)
    buckets = ((result.get("facets") or {}).get(name) or {}).get("buckets") or []
    calendar = BY_NAME[name].chronological
    if calendar:
        # Years and months are a timeline: every one of them, in calendar order (a missing one would look like a
        # gap in the news). With years chosen, the months are theirs.
        if name == "month_jalali" and req.year:
            buckets = [b for b in buckets if str(b["value"])[:4] in req.year]
        buckets = sorted(buckets, key=lambda b: str(b["value"]))
    items = [{
        "value": str(b["value"]),
        "label": _facet_label(name, b, len(req.year) != 1),
        "count": b.get("count", 0),
        "selected": bool(b.get("selected")) or str(b["value"]) in getattr(req, param),
        "toggle_url": _toggle_url(req, param, str(b["value"]), bool(b.get("selected"))),
    } for b in buckets]
    limit = len(items) if calendar else config["FACET_VISIBLE"]
    view.grid = name in ("year_jalali", "year_gregorian")
    view.scroll = calendar and not view.grid and len(items) > SCROLL_FROM
    view.visible = [item for i, item in enumerate(items) if i < limit or item["selected"]]
    view.more = [item for i, item in enumerate(items) if i >= limit and not item["selected"]]
    return view


def _toggle_url(req, param, value, selected) -> str:
    """The facet link: switches ``param=value`` on or off. A value is also shown checked when the query selects it
    (``کشور:سوریه``) or a parameter names it (``person=لاریجانی``); un-checking it takes those out as well (else
    the click added the same filter again and changed nothing)."""
    if selected and param in ("person", "country"):
        def names_value(text):
            return value in _field_keys(param, text)

        values = getattr(req, param)
        kept = tuple(v for v in values if v != value and not names_value(v))
        q = without_fields(req.q, param, names_value)
        if q != req.q or len(kept) < len(values) - (value in values):
            return search_url(req.with_changes(q=q, **{param: kept}))
    return toggle_url(req, param, value)


def _field_keys(param, text) -> list:
    if param == "person":
        return resolve_person(text)
    return [resolve_country(text)]


def _facet_label(name, bucket, several_years=False) -> str:
    value = str(bucket["value"])
    if name == "month_jalali" and len(value) == 7 and not several_years:
        return jalali_month_name(int(value[5:]))  # the year is the selected one: the month name says enough
    if name == "year_jalali":
        return persian_digits(value)
    return bucket.get("label") or value


def _key_label(entity):
    """A hit's person/country ``{key, label}``: its key and the label to show."""
    return entity["key"], entity["label"]


def entity_url(kind: str, key: str) -> str:
    """The entity page of a person (its canonical name) or a country (its ISO code)."""
    return url_for("research.person", key=key) if kind == "person" else url_for("research.country", code=key)


def hit_view(hit, req) -> dict:
    def chips(param, entities):
        out = []
        for entity in entities or []:
            key, label = _key_label(entity)
            if key:
                out.append({"label": label, "url": toggle_url(req, param, key),
                            "selected": key in getattr(req, param), "entity_url": entity_url(param, key)})
        return out

    return {**hit, "person_chips": chips("person", hit.get("persons")),
            "country_chips": chips("country", hit.get("countries")), "excerpt": excerpt_runs(hit["excerpt"])}


def excerpt_runs(excerpt: dict) -> dict:
    """The search layer's excerpt (fragments with the spans of the matched words) as runs of ``(text, marked)``
    per fragment, for the template to put the marked runs in <mark>."""
    fragments = []
    for fragment in excerpt["fragments"]:
        text, runs, pos = fragment["text"], [], 0
        for start, end in fragment["marks"]:
            if start > pos:
                runs.append((text[pos:start], False))
            runs.append((text[start:end], True))
            pos = end
        if pos < len(text):
            runs.append((text[pos:], False))
        fragments.append(runs)
    return {"fragments": fragments, "before": excerpt["before"], "after": excerpt["after"]}


def _active_chips(req, labels) -> list:
    chips = []
    for _, param, heading in FACETS:
        for value in getattr(req, param):
            label = labels.get((param, value), value)
            if param in ("year", "year_gregorian"):
                label = persian_digits(value)
            elif param == "month":
                label = f"{jalali_month_name(int(value[5:]))} {persian_digits(value[:4])}"
            chips.append({"kind": heading, "label": label, "url": toggle_url(req, param, value)})
    if req.date_from:
        chips.append({"kind": "از", "label": jalali(req.date_from), "title": gregorian(req.date_from),
                      "url": search_url(req, date_from=None)})
    if req.date_to:
        chips.append({"kind": "تا", "label": jalali(req.date_to), "title": gregorian(req.date_to),
                      "url": search_url(req, date_to=None)})
    return chips


def _paging(req, pages) -> dict | None:
    if pages <= 1:
        return None
    current = min(req.page, pages)
    window = sorted({1, pages, *range(max(1, current - 2), min(pages, current + 2) + 1)})
    # Past the end, "previous" is the last page (not the one before it).
    previous_page = current if req.page > pages else current - 1
    links, previous = [], 0
    for number in window:
        if number - previous > 1:
            links.append({"gap": True})
        links.append({"number": number, "url": search_url(req, page=number), "current": number == req.page})
        previous = number
    return {
        "links": links,
        "prev": search_url(req, page=previous_page) if previous_page >= 1 else None,
        "next": search_url(req, page=current + 1) if current < pages else None,
    }


def _did_you_mean(result, req, max_length):
    suggestion = result.get("did_you_mean")
    if not suggestion or suggestion == req.q or len(suggestion) > max_length:
        return None  # (a correction longer than the query limit would link to an error page)
    return {"query": suggestion, "url": search_url(req, q=suggestion)}


# Persian messages for the page's error state, by the parameter that was wrong.
_PARAM_MESSAGES = {
    "q": "عبارت جستجو بیش از حد بلند است (حداکثر {max_q} نویسه). آن را کوتاه‌تر کنید.",
    "page": "شمارهٔ صفحه نامعتبر است.",
    "per_page": "تعداد نتایج در هر صفحه نامعتبر است (حداکثر {max_per_page}).",
    "sort": "ترتیب نتایج نامعتبر است.",
    "country": "این کشور شناخته نشد.",
    "year": "سال باید یک سال شمسی باشد، مثلاً ۱۳۸۷.",
    "month": "ماه باید به شکل سال-ماه شمسی باشد، مثلاً ۱۳۸۷-۱۰.",
    "from": "تاریخ «از» نامعتبر است. مثلاً ۱۳۸۷/۱۰/۲۱ یا 2009-01-10 بنویسید.",
    "to": "تاریخ «تا» نامعتبر است. مثلاً ۱۳۸۷/۱۰/۲۱ یا 2009-01-10 بنویسید.",
}


def page_error_message(exc, config) -> str:
    template = _PARAM_MESSAGES.get(exc.param, "درخواست نامعتبر است: یکی از پارامترها پذیرفته نیست.")
    if "too many" in exc.message or ("too long" in exc.message and exc.param != "q"):
        template = "تعداد یا طول پارامترها بیش از حد مجاز است."
    elif "after 'to'" in exc.message:
        template = "تاریخ «از» پس از تاریخ «تا» است؛ بازه را درست کنید."
    return template.format(max_q=persian_digits(config["MAX_QUERY_LENGTH"]),
                           max_per_page=persian_digits(config["MAX_PER_PAGE"]))


def article_entities(article: dict, base_request) -> dict:
    """The article's persons and countries as links that search for them."""
    def links(param, entities):
        return [{"label": label, "url": search_url(base_request.with_changes(q="", **{param: (key,)})),
                 "entity_url": entity_url(param, key)}
                for key, label in map(_key_label, entities) if key]

    return {"person": links("person", article["persons"]), "country": links("country", article["countries"])}
