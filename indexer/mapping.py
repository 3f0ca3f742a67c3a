"""Field mapping: from an archive's own keys (column names) to our article fields.

Each article field has a list of usual key names, English and Persian (``resources/field_aliases.tsv``), matched
after folding (case, Arabic letter forms, space/ZWNJ/hyphen as ``_``); the first present in a record wins.
``--field body=text`` overrides the choice for one field (``--field tags=`` ignores it). Values are type-checked
in ``indexer.fields``.
"""

import hashlib
import json

from indexer.aliases import ALIASES, ARTICLE_FIELDS, norm_key
from indexer.fields import check_id, check_value

__all__ = ["ALIASES", "ARTICLE_FIELDS", "FieldMap", "norm_key", "stable_id"]

class FieldMap:
    """Chooses, per record, which key feeds each article field."""

    def __init__(self, overrides: dict[str, str] | None = None):
        overrides = overrides or {}
        unknown = set(overrides) - set(ARTICLE_FIELDS)
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}; fields are {', '.join(ARTICLE_FIELDS)}")
        self.requested = dict(overrides)
        self.overrides = {name: norm_key(key) if key else "" for name, key in overrides.items()}
        self._plans: dict[tuple, dict] = {}   # archives repeat one key set: decide once per key set

    def plan(self, keys) -> dict[str, str]:
        """``{article field: the record's key}`` for a record with ``keys``."""
        signature = tuple(keys)
        plan = self._plans.get(signature)
        if plan is None:
            normalized = {}
            for key in keys:
                normalized.setdefault(norm_key(key), key)
            plan = {}
            for name in ARTICLE_FIELDS:
                candidates = (self.overrides[name],) if name in self.overrides else ALIASES[name]
                for candidate in candidates:
                    if candidate and candidate in normalized:
                        plan[name] = normalized[candidate]
                        break
            if len(self._plans) < 1000:
                self._plans[signature] = plan
        return plan

    def article(self, data: dict, warnings: list[str], canonical: bool = False) -> dict:
        """The article fields of one record (absent or empty fields left out); ``BadRecord`` for an unusable id.
        ``canonical``: ``data`` already uses our field names."""
        plan = {name: name for name in data} if canonical else self.plan(data.keys())
        article = {}
        for name, key in plan.items():
            value = check_id(data[key]) if name == "id" else check_value(name, data[key], warnings)
            if value:
                article[name] = value
        if "id" in plan and "id" not in article:
            warnings.append(f"id is {'null' if data[plan['id']] is None else 'empty'}: "
                            "an id is made from the URL or the text")
        return article


def stable_id(article: dict) -> str:
    """An id for an article that has none, so re-indexing finds it again: from its URL, else from all its fields
    (two records that differ in any field never share an id)."""
    basis = article.get("url") or json.dumps(article, ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:20]
