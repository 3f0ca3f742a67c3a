"""Field values as archives have them to the values we index, each type-checked with a clear reason.

Text fields take strings, paragraph lists (joined by newlines) and objects holding a ``text``; a number in a text
field is kept as text, with a warning (a numeric title is more often a broken export than a title). Booleans, NaN
and objects without text are left out with a warning. An id must be a string or a whole number of reasonable
length: any other id (a list, an object, NaN, 1 MB of text) makes the record unusable, because deriving an id
from it would merge distinct records into one. Every string is composed (NFC) and free of code points that cannot
be encoded (lone surrogates), whichever reader produced it.
"""

import math
import re
import unicodedata

from indexer.readers.values import clean_text

MAX_ID_CHARS = 512
MAX_TITLE_CHARS = 1_000     # news titles stay far below; a longer one is cut, at a space when there is one
MAX_SHORT_CHARS = 1_000     # source, category, url, one tag, a date
TEXT_FIELDS = ("title", "body", "summary")
_TAG_SPLIT = re.compile(r"[,،;؛]")


class BadRecord(ValueError):
    """The record cannot be indexed (its id is unusable)."""


def describe(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else "infinite"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    return {list: "a list", dict: "an object", type(None): "null"}.get(type(value), type(value).__name__)


def check_id(value) -> str | None:
    """The id as a string; None when absent (null or empty); ``BadRecord`` when unusable."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise BadRecord(f"id is {describe(value)}; an id must be a string or a whole number")
    value = _text(value).strip()
    if len(value) > MAX_ID_CHARS:
        raise BadRecord(f"id is {len(value):,} characters long (at most {MAX_ID_CHARS:,})")
    return value or None


def check_value(name: str, value, warnings: list[str]):
    """The normalized value of article field ``name`` (None: leave the field out), warnings appended."""
    if value is None:
        return None
    if name == "tags":
        return _tags(value, warnings)
    if name in TEXT_FIELDS:
        text = _text_field(name, value, warnings)
        if name == "title" and text and len(text) > MAX_TITLE_CHARS:
            warnings.append(f"title is {len(text):,} characters long: cut to {MAX_TITLE_CHARS:,}")
            text = _cut(text, MAX_TITLE_CHARS)
        return text
    if name == "category" and isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
        if value is None:
            return None
    if isinstance(value, str):
        text = _text(value).strip()
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        text = str(value)
    else:
        warnings.append(f"{name} is {describe(value)}: left out")
        return None
    if len(text) > MAX_SHORT_CHARS:
        warnings.append(f"{name} is {len(text):,} characters long: left out (at most {MAX_SHORT_CHARS:,})")
        return None
    return text


def _text_field(name, value, warnings) -> str | None:
    if isinstance(value, str):
        return _text(value).strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        warnings.append(f"{name} is {describe(value)}: indexed as text")
        return str(value)
    if isinstance(value, list) and name != "title" or isinstance(value, dict):
        text = _joined(value)
        if text is not None:
            return text.strip()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        warnings.append(f"{name} is a list: its items joined")
        return " ".join(_text(v).strip() for v in value).strip()
    warnings.append(f"{name} is {describe(value)}: left out")
    return None


def _joined(value) -> str | None:
    """Paragraph lists (strings, or objects holding a text) joined by newlines; None when there is no text."""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, list):
        parts = [p for p in (_joined(v) for v in value) if p is not None]
        return "\n".join(p.strip() for p in parts if p.strip()) if parts or not value else None
    if isinstance(value, dict):
        for key in ("text", "body", "content", "value"):
            if key in value:
                return _joined(value[key])
    return None


def _tags(value, warnings) -> list[str]:
    if isinstance(value, str):
        items = _TAG_SPLIT.split(value)
    elif isinstance(value, list):
        items = [v for v in value if isinstance(v, str) or
                 isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)]
        if len(items) < len(value):
            warnings.append(f"tags: {len(value) - len(items)} item(s) that are not text left out")
    else:
        warnings.append(f"tags is {describe(value)}: left out")
        return []
    # Commas separate values in the index's keyword field, so none may remain inside a tag.
    tags = (_TAG_SPLIT.sub(" ", _text(str(t))).strip() for t in items)
    return list(dict.fromkeys(t for t in tags if t and len(t) <= MAX_SHORT_CHARS))


def _text(value: str) -> str:
    # Composed (NFC) like queries: a decomposed «آ» (ا + madda) would otherwise fold to «ا» and miss «آمریکا».
    text, _ = clean_text(value)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _cut(text: str, limit: int) -> str:
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut
