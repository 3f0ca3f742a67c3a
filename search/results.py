"""Stored fields to the plain dicts of the API: hits (with snippets) and the full article."""

import datetime

from search import labels
from search.snippets import snippet

# Snippets re-analyze the body: past this many hits on one page (the evaluation asks for 1,000) a hit gets the
# escaped lead of its text instead, so a long page stays fast.
MAX_MARKED_SNIPPETS = 100


def _list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value if str(v).strip()]


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return None


def _common(stored) -> dict:
    day = _date(stored.get("date"))
    return {
        "id": stored.get("id"),
        "title": stored.get("title") or "",
        "date": day.isoformat() if day else None,
        "date_jalali": labels.jalali_label(day) if day else None,
        "url": stored.get("url") or None,
        "source": stored.get("source") or None,
        "persons": [{"key": p, "label": p} for p in _list(stored.get("persons"))],
        "countries": [{"key": c, "label": labels.country_label(c)} for c in _list(stored.get("countries"))],
    }


def hits(searcher, docnums, scores, terms) -> list[dict]:
    out = []
    for i, docnum in enumerate(docnums):
        stored = searcher.stored_fields(docnum)
        hit = _common(stored)
        hit["score"] = round(float(scores[i]), 4) if scores else None
        text = stored.get("body") or stored.get("summary") or ""
        hit["snippet"] = snippet(text, terms if i < MAX_MARKED_SNIPPETS else set())
        out.append(hit)
    return out


def article(stored) -> dict:
    out = _common(stored)
    out.update({
        "summary": stored.get("summary") or "",
        "body": stored.get("body") or "",
        "category": stored.get("category") or None,
        "tags": _list(stored.get("tags")),
    })
    return out
