"""A deterministic corpus of any size made of real paragraphs: the benchmarks' stand-in for a large archive.

Each article recombines 2-4 real paragraphs of the archives in ``../shared/data`` (the title, date and source of
the article its first paragraph came from); the same size and seed give the same corpus, byte for byte. Persons and
countries are found by the indexer in the recombined text, as for any archive.
"""

import json
import random
from pathlib import Path

ARCHIVES = ("hamshahri2.jsonl", "fars_news.jsonl", "varzesh3.jsonl")
MIN_PARAGRAPH = 120  # chars: wrapped lines (Hamshahri) are merged until a paragraph is this long
CORPUS_VERSION = 1


def paragraphs_of(body: str):
    """Real paragraphs: newline-separated blocks, with short wrapped lines merged into one paragraph."""
    current = []
    for line in body.split("\n"):
        line = line.strip()
        if not line:
            continue
        current.append(line)
        if sum(len(x) for x in current) >= MIN_PARAGRAPH:
            yield " ".join(current)
            current = []
    if current:
        yield " ".join(current)


def build_corpus(data: Path, size: int, out: Path, seed: int = 7) -> None:
    sources = []  # (title, date, source, [paragraphs])
    for name in ARCHIVES:
        path = data / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                paras = list(paragraphs_of(a.get("body") or ""))
                if paras:
                    sources.append((a.get("title") or "", a.get("date"), a.get("source") or name.split(".")[0], paras))
    all_paras = [(i, p) for i, (_, _, _, ps) in enumerate(sources) for p in ps]
    rng = random.Random(seed)
    tmp = out.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for n in range(size):
            first_src, first = all_paras[rng.randrange(len(all_paras))]
            title, date, source, _ = sources[first_src]
            parts = [first] + [all_paras[rng.randrange(len(all_paras))][1] for _ in range(rng.randint(1, 3))]
            article = {"id": f"gen-{n:06d}", "title": title, "body": "\n".join(parts), "source": source}
            if date:
                article["date"] = date
            f.write(json.dumps(article, ensure_ascii=False) + "\n")
    tmp.rename(out)


def corpus_path(cache: Path, data: Path, size: int) -> Path:
    """The cached corpus of ``size`` articles (generated on first use)."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"corpus-{size}-v{CORPUS_VERSION}.jsonl"
    if not path.exists():
        print(f"generating {size} articles -> {path}", flush=True)
        build_corpus(data, size, path)
    return path
