"""Lucene and tantivy on the same corpus and queries, for the ratios in bench_scale.py (comparison only).

Lucene: the Anserini fat jar inside the ``pyserini`` wheel (``pip download --no-deps pyserini==0.22.1``: Lucene
9.5, built for Java 11, runs on Debian's Java 17), driven by bench/lucene/LuceneBench.java (PersianAnalyzer, BM25
with Bayegan's k1/b), compiled here with ``javac``. tantivy: the ``tantivy`` wheel (its default tokenizer: no
Persian analysis, so its figures are a floor for any engine). Both build with 2 threads and answer top 10.
Everything is downloaded and built under bench/.cache; a missing Java or wheel skips that engine with a message.
"""

import json
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache" / "baselines"
PYSERINI = "pyserini==0.22.1"
SOURCE = ROOT / "bench" / "lucene" / "LuceneBench.java"


def lucene_classpath() -> str | None:
    """``jar:classes`` ready to run LuceneBench, or None (after saying why) when Java or the jar is missing."""
    if not shutil.which("java") or not shutil.which("javac"):
        print("skipped: Lucene (java/javac missing: apt-get install openjdk-17-jdk-headless)")
        return None
    CACHE.mkdir(parents=True, exist_ok=True)
    jars = sorted(CACHE.glob("anserini-*-fatjar.jar"))
    if not jars:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", PYSERINI, "-d", str(CACHE)],
                       check=True)
        wheel = next(CACHE.glob("pyserini-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            for name in z.namelist():
                if name.endswith("-fatjar.jar"):
                    (CACHE / Path(name).name).write_bytes(z.read(name))
        wheel.unlink()
        jars = sorted(CACHE.glob("anserini-*-fatjar.jar"))
    classes = CACHE / "classes"
    if not (classes / "LuceneBench.class").exists() or (classes / "LuceneBench.class").stat().st_mtime < \
            SOURCE.stat().st_mtime:
        classes.mkdir(exist_ok=True)
        subprocess.run(["javac", "-cp", str(jars[-1]), "-d", str(classes), str(SOURCE)], check=True)
    return f"{jars[-1]}:{classes}"


def lucene_build(classpath: str, corpus: Path, index_dir: Path, threads: int = 2) -> dict:
    shutil.rmtree(index_dir, ignore_errors=True)
    out = subprocess.run(["java", "-Xmx4g", "-cp", classpath, "LuceneBench", "index", str(corpus), str(index_dir),
                          str(threads)], check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["bytes"] = _size(index_dir)
    return result


def lucene_search(classpath: str, index_dir: Path, queries: list, rounds: int, clients: int) -> dict:
    """``{family: [ms, ...], "throughput": qps}``; ``queries``: [(family, query in the query language)]."""
    path = CACHE / "queries.tsv"
    path.write_text("".join(f"{family}\t{q}\n" for family, q in queries), encoding="utf-8")
    out = subprocess.run(["java", "-Xmx4g", "-cp", classpath, "LuceneBench", "search", str(index_dir), str(path),
                          str(rounds), str(clients)], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def tantivy_module():
    try:
        import tantivy
    except ImportError:
        print("skipped: tantivy (pip install '.[bench]')")
        return None
    return tantivy


def tantivy_build(tantivy, corpus: Path, index_dir: Path, threads: int = 2) -> dict:
    shutil.rmtree(index_dir, ignore_errors=True)
    index_dir.mkdir(parents=True)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("contents", stored=False)
    index = tantivy.Index(builder.build(), path=str(index_dir))
    started = time.perf_counter()
    writer = index.writer(heap_size=512 * 1024 * 1024, num_threads=threads)
    count = 0
    with open(corpus, encoding="utf-8") as lines:
        for line in lines:
            a = json.loads(line)
            text = "\n".join(a.get(k) or "" for k in ("title", "summary", "body"))
            writer.add_document(tantivy.Document(id=a["id"], contents=text))
            count += 1
    writer.commit()
    writer.wait_merging_threads()
    return {"seconds": time.perf_counter() - started, "documents": count, "bytes": _size(index_dir)}


def tantivy_search(tantivy, index_dir: Path, queries: list, rounds: int, clients: int) -> dict:
    from concurrent.futures import ThreadPoolExecutor

    index = tantivy.Index.open(str(index_dir))
    index.reload()
    searcher = index.searcher()
    parsed = [(family, index.parse_query(q, ["contents"])) for family, q in queries]
    times: dict = {}
    for family, query in parsed:
        searcher.search(query, 10)
        for _ in range(rounds):
            t = time.perf_counter()
            searcher.search(query, 10)
            times.setdefault(family, []).append((time.perf_counter() - t) * 1000)
    throughput = 0.0
    if clients > 1:
        def client(_):
            for _ in range(rounds):
                for _, query in parsed:
                    searcher.search(query, 10)
        t = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(client, range(clients)))
        throughput = clients * rounds * len(parsed) / (time.perf_counter() - t)
    times["throughput"] = throughput
    return times


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
