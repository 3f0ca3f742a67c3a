"""Shared helpers for the entity lexicons: how a name becomes a lookup key, and how resource files are read.

A key is a tuple of folded tokens with ZWNJ squeezed out, so «احمدی‌نژاد», «احمدینژاد» are one key; the spelling
with a space («احمدی نژاد») is a second, two-token key that ``variants`` also produces. Text is tokenized with the
same ``TOKEN`` regex, so lexicon and text always agree.
"""

import re
from importlib import resources

from analyzers.fold import ZWNJ, fold

# A word of folded text: letters/digits with ZWNJ inside.
TOKEN = re.compile(r"[^\W_](?:[\w\u200c]*[^\W_])?")


def squash(token: str) -> str:
    return token.replace(ZWNJ, "")


def tokens(phrase: str) -> list[str]:
    """Folded tokens of ``phrase`` (ZWNJ kept inside tokens)."""
    return TOKEN.findall(fold(phrase))


def key(phrase: str) -> tuple[str, ...]:
    return tuple(squash(t) for t in tokens(phrase))


def variants(phrase: str) -> set[tuple[str, ...]]:
    """Every key a written name can take: ZWNJ squeezed out, or written as a space."""
    keys = {key(phrase), key(phrase.replace(ZWNJ, " "))}
    return {k for k in keys if k}


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of ``analyzers/resources/<name>``."""
    text = resources.files("analyzers").joinpath("resources", name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_table(name: str) -> list[list[str]]:
    """Tab-separated rows of a resource file (trailing empty fields kept)."""
    return [line.split("\t") for line in read_lines(name)]
