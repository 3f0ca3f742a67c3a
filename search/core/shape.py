"""The result as the API and ``SearchEngine.search`` return it (the JSON shape of issue 5, unchanged for the
tools that read it): hits with their labels, Jalali dates and ``snippet``.

``snippet`` is the excerpt (``search.core.snippets``) written as HTML: the text escaped, the matched spans in
``<mark>``. It is a serialization of the excerpt, kept for the API's readers; the page marks the spans itself from
``excerpt``.
"""

import datetime
import html

from search.core import labels
from search.core.facets import BY_NAME

ELLIPSIS = " … "


def hit(raw: dict) -> dict:
    """A shard's stored fields and excerpt as a result hit."""
    out = common(raw)
    score = raw.get("score")
    out["score"] = round(float(score), 4) if score is not None else None
    excerpt = raw.get("excerpt") or {"fragments": [], "before": False, "after": False}
    out["snippet"] = snippet_html(excerpt)
    out["excerpt"] = excerpt
    return out


def article(raw: dict) -> dict:
    out = common(raw)
    out.update({k: raw.get(k) for k in ("summary", "body", "category", "tags")})
    return out


def common(raw: dict) -> dict:
    day = datetime.date.fromisoformat(raw["date"]) if raw.get("date") else None
    person, country = BY_NAME["person"], BY_NAME["country"]
    return {
        "id": raw.get("id"),
        "title": raw.get("title") or "",
        "date": day.isoformat() if day else None,
        "date_jalali": labels.jalali_label(day) if day else None,
        "url": raw.get("url") or None,
        "source": raw.get("source") or None,
        "persons": [{"key": p, "label": person.label(p)} for p in raw.get("persons") or []],
        "countries": [{"key": c, "label": country.label(c)} for c in raw.get("countries") or []],
    }


def snippet_html(excerpt: dict) -> str:
    parts = []
    for fragment in excerpt["fragments"]:
        text, out, pos = fragment["text"], [], 0
        for start, end in fragment["marks"]:
            out.append(html.escape(text[pos:start]))
            out.append("<mark>" + html.escape(text[start:end]) + "</mark>")
            pos = end
        out.append(html.escape(text[pos:]))
        parts.append("".join(out))
    return ("… " if excerpt["before"] else "") + ELLIPSIS.join(parts) + (" …" if excerpt["after"] else "")
