"""The usual key names of each article field (``resources/field_aliases.tsv``), and how keys are compared."""

from importlib import resources

from analyzers.fold import fold

ARTICLE_FIELDS = ("id", "title", "body", "summary", "date", "url", "source", "category", "tags")


def norm_key(key) -> str:
    text = fold(str(key)).strip().lower()
    for separator in ("-", " ", "\u200c", "."):
        text = text.replace(separator, "_")
    return text


def _load_aliases() -> dict[str, tuple[str, ...]]:
    aliases: dict[str, list[str]] = {name: [] for name in ARTICLE_FIELDS}
    text = resources.files("indexer").joinpath("resources/field_aliases.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            alias, name = line.split("\t")
            aliases[name].append(norm_key(alias))
    return {name: tuple(keys) for name, keys in aliases.items()}


ALIASES = _load_aliases()
_ARTICLE_KEYS = {key for name in ("title", "body", "summary", "date", "url", "tags") for key in ALIASES[name]}


def looks_like_article_key(key) -> bool:
    return norm_key(key) in _ARTICLE_KEYS
