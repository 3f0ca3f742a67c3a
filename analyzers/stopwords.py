"""Persian stop words: hazm's list, folded and ZWNJ-free like index terms (resources/stopwords.txt)."""

from pathlib import Path

_FILE = Path(__file__).with_name("resources") / "stopwords.txt"


def load(path: Path = _FILE) -> frozenset[str]:
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line)
    return frozenset(words)


STOPWORDS = load()
