"""One record to one article: its fields mapped and type-checked, an id when it has none, or why it cannot be one.

Runs in the main process (cheap), before the article goes to the process that writes its shard: the id must be
known to pick the shard, and a duplicate id is reported where both places are known (``indexer.duplicates``).
"""

from indexer.fields import BadRecord
from indexer.mapping import FieldMap, stable_id
from indexer.readers import Record


def to_article(record: Record, field_map: FieldMap) -> tuple[dict | None, str | None, list[str]]:
    """``(article, None, warnings)`` for a record that holds an article (with an id), else ``(None, reason,
    warnings)``. A notice (no data, no error) gives ``(None, None, its warnings)``: nothing indexed or skipped."""
    warnings = list(record.warnings)
    if record.error:
        return None, record.error, warnings
    if record.data is None:
        return None, None, warnings
    try:
        article = field_map.article(record.data, warnings, record.canonical)
    except BadRecord as exc:
        return None, str(exc), warnings
    if not (article.get("title") or article.get("body") or article.get("summary")):
        return None, no_text_reason(record), warnings
    if "id" not in article:
        article["id"] = stable_id(article)
    return article, None, warnings


def no_text_reason(record: Record) -> str:
    if record.canonical:
        return "no text (the page or item has no title and no text)"
    columns = ", ".join(str(k) for k in list(record.data)[:20]) or "none"
    return f"no text (no title, body or summary; columns found: {columns}; name one with --field body=COLUMN)"
