"""Field mapping: from an archive's own keys to our article fields.

Each article field has a list of usual key names (matched case-insensitively, ``-``/space same as ``_``); the first
present in a record wins. ``--field body=text`` overrides the choice for one field (``--field tags=`` ignores it).
Values are normalized here: lists of paragraphs are joined, tags become a list, numbers become strings.
"""

import hashlib
import re
import unicodedata

ARTICLE_FIELDS = ("id", "title", "body", "summary", "date", "url", "source", "category", "tags")

ALIASES = {
    "id": ("id", "_id", "doc_id", "docid", "docno", "article_id", "news_id", "guid", "uid", "uuid"),
    "title": ("title", "headline", "head", "subject", "titr"),
    "body": ("body", "text", "content", "paragraphs", "article", "full_text", "fulltext", "article_body",
             "articlebody", "story", "description_full"),
    "summary": ("summary", "abstract", "lead", "lede", "description", "excerpt", "teaser", "subtitle", "lid"),
    "date": ("date", "published", "published_at", "publish_date", "pub_date", "pubdate", "date_published",
             "datepublished", "datetime", "time", "created_at", "created", "timestamp"),
    "url": ("url", "link", "href", "permalink", "uri", "source_url"),
    "source": ("source", "publisher", "agency", "site", "newspaper", "outlet"),
    "category": ("category", "section", "service", "categories", "topic", "rubric"),
    "tags": ("tags", "keywords", "labels", "tag", "keyword"),
}

_TAG_SPLIT = re.compile(r"[,،;؛]")


def _norm_key(key: str) -> str:
    return str(key).strip().lower().replace("-", "_").replace(" ", "_")


class FieldMap:
    """Chooses, per record, which key feeds each article field."""

    def __init__(self, overrides: dict[str, str] | None = None):
        overrides = overrides or {}
        unknown = set(overrides) - set(ARTICLE_FIELDS)
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}; fields are {', '.join(ARTICLE_FIELDS)}")
        self.overrides = {name: _norm_key(key) if key else "" for name, key in overrides.items()}
        self._plans: dict[tuple, dict] = {}   # archives repeat one key set: decide once per key set

    def _plan(self, keys) -> dict[str, str]:
        signature = tuple(keys)
        plan = self._plans.get(signature)
        if plan is None:
            normalized = {_norm_key(k): k for k in keys}
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

    def article(self, data: dict) -> dict:
        """The article fields of one record (absent or empty fields left out)."""
        plan = self._plan(data.keys())
        article = {}
        for name, key in plan.items():
            value = normalize_value(name, data[key])
            if value:
                article[name] = value
        return article


def looks_like_article(data: dict) -> bool:
    """Whether ``data`` has a key that usually holds an article's title or text."""
    text_keys = set(ALIASES["title"]) | set(ALIASES["body"])
    return any(_norm_key(k) in text_keys for k in data)


def normalize_value(name: str, value):
    if value is None:
        return None
    if name == "tags":
        items = value if isinstance(value, list) else _TAG_SPLIT.split(str(value))
        # Commas separate values in the index's keyword field, so none may remain inside a tag.
        tags = (_TAG_SPLIT.sub(" ", _text(t)).strip() for t in items)
        return list(dict.fromkeys(t for t in tags if t))
    if name == "category" and isinstance(value, list):
        value = value[0] if value else ""
    if name == "date":
        return str(value).strip() if not isinstance(value, (dict, list)) else None
    return _text(value).strip()


def _text(value) -> str:
    """Paragraph lists (strings, or dicts holding a text) joined by newlines; scalars as strings."""
    if isinstance(value, list):
        return "\n".join(p for p in (_text(v).strip() for v in value) if p)
    if isinstance(value, dict):
        for key in ("text", "body", "content", "value"):
            if key in value:
                return _text(value[key])
        return ""
    if isinstance(value, bool):
        return ""
    # Composed (NFC) like queries: a decomposed «آ» (ا + madda) would otherwise fold to «ا» and miss «آمریکا».
    text = str(value)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def stable_id(article: dict) -> str:
    """An id for an article that has none: from its URL, else from its text, so re-indexing finds it again."""
    basis = article.get("url") or "\x00".join((article.get("title", ""), article.get("body", "")))
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:20]
