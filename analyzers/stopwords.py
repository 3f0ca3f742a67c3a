"""Persian stop words: hazm's list, written without ZWNJ like index terms (resources/stopwords.txt), folded when
loaded, so the list follows the folding rules (its «آنها» is the term «انها»)."""

from pathlib import Path

from analyzers.fold import ZWNJ, fold

_FILE = Path(__file__).with_name("resources") / "stopwords.txt"


def load(path: Path = _FILE) -> frozenset[str]:
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(fold(line).replace(ZWNJ, "").lower())
    return frozenset(words)


STOPWORDS = load()
