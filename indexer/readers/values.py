"""Decoded values made safe to index: bounded nesting, and only code points that can be encoded.

JSON may spell lone UTF-16 surrogates (``"\\ud800"``): Python decodes them into a str that cannot be encoded to
UTF-8, so the index, the API and the terminal would fail on it later. They are replaced by U+FFFD here, once, and
reported with the record's ``FILE:LINE``; so are the markers ``text.py`` leaves for undecodable bytes.
"""

import re

from indexer.readers.record import MAX_DEPTH, TOO_DEEP

_SURROGATES = re.compile("[\ud800-\udfff]")
REPLACED = "invalid code points (lone surrogates) replaced with U+FFFD"


class TooDeep(ValueError):
    def __init__(self):
        super().__init__(TOO_DEEP)


def clean_text(text: str) -> tuple[str, bool]:
    """``(text, replaced)`` with every surrogate code point replaced by U+FFFD."""
    if _SURROGATES.search(text) is None:
        return text, False
    return _SURROGATES.sub("\ufffd", text), True


def clean_value(value, depth: int = 0) -> tuple[object, bool]:
    """``(value, replaced)``: ``value`` with clean strings (keys too); raises ``TooDeep`` past ``MAX_DEPTH``."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (dict, list)):
        if depth >= MAX_DEPTH:
            raise TooDeep()
        replaced = False
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                key, bad_key = clean_text(key) if isinstance(key, str) else (key, False)
                out[key], bad = clean_value(item, depth + 1)
                replaced = replaced or bad or bad_key
            return out, replaced
        items = []
        for item in value:
            item, bad = clean_value(item, depth + 1)
            items.append(item)
            replaced = replaced or bad
        return items, replaced
    return value, False


def checked_object(data, warnings: list[str]) -> tuple[dict | None, str | None]:
    """``(data, None)`` for a usable article object (cleaned, ``warnings`` extended), else ``(None, reason)``."""
    if not isinstance(data, dict):
        return None, f"not a JSON object ({json_type(data)})"
    try:
        data, replaced = clean_value(data)
    except TooDeep as exc:
        return None, str(exc)
    if replaced:
        warnings.append(REPLACED)
    return data, None


def json_type(value) -> str:
    return {list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean",
            dict: "an object"}.get(type(value), "null")
