"""One article (our field names, see ``indexer.mapping``) to the document a backend sink stores.

The document is backend-neutral: lists stay lists, the date is a ``datetime``; each backend maps it to its own
fields (``search.whoosh_backend.schema.to_fields``).

``content`` is the ranking field: the title repeated ``TITLE_REPEAT`` times, then summary and body. Repeating the
title is how a title match weighs more in a single-field BM25 (a BM25F title weight, tuned on the dev topics).
"""

import datetime

from analyzers.dates import parse_date, to_jalali
from analyzers.entities import extract

TITLE_REPEAT = 1  # tuned on the Hamshahri dev topics by the analyzer agent: 2-3 repeats did not help (search.core.ranking)


def entity_keys(text: str) -> tuple[list[str], list[str]]:
    """``(persons, countries)``: canonical person names and ISO country codes found in ``text``, first seen first."""
    persons, countries = {}, {}
    for entity in extract(text):
        if entity.kind == "person" and entity.key:
            persons[entity.key] = True
        elif entity.kind == "country":
            countries[entity.key] = True
    return list(persons), list(countries)


def date_fields(raw) -> dict:
    """The date and its facet fields, or {} when ``raw`` is not a date we can read."""
    date = parse_date(raw) if raw else None
    if date is None:
        return {}
    year, month, _ = to_jalali(date)
    return {
        "date": datetime.datetime(date.year, date.month, date.day),
        "year_jalali": f"{year:04d}",
        "month_jalali": f"{year:04d}-{month:02d}",
        "year": f"{date.year:04d}",
    }


def content_text(article: dict) -> str:
    title = article.get("title", "")
    parts = [title] * TITLE_REPEAT + [article.get("summary", ""), article.get("body", "")]
    return "\n".join(p for p in parts if p)


def to_document(article: dict) -> dict:
    """The document of ``article`` (which must have an ``id``). A date that cannot be read is left out."""
    title = article.get("title", "")
    summary = article.get("summary", "")
    body = article.get("body", "")
    persons, countries = entity_keys("\n".join(p for p in (title, summary, body) if p))
    doc = {
        "id": article["id"],
        "url": article.get("url"),
        "title": title,
        "summary": summary or None,
        "body": body,
        "content": content_text(article),
        "source": article.get("source"),
        "category": article.get("category"),
        "tags": list(article.get("tags", [])) or None,
        "persons": persons or None,
        "countries": countries or None,
    }
    doc.update(date_fields(article.get("date")))
    return {name: value for name, value in doc.items() if value is not None}
