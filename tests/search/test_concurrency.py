"""Searches run concurrently (no lock across requests) and a commit is picked up while they run."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from indexer.build import index_archives
from search.core.engine import SearchEngine

QUERIES = ["ایران", "حمله سوریه", '"شورای امنیت"', "لاریجانی", "تحریم*", "سوریه OR لبنان", "نفت", "مجلس"]


def _key(result):
    return result["total"], [(h["id"], h["score"], h["snippet"]) for h in result["hits"]], result["facets"]


@pytest.mark.parametrize("workers", [0, 2])
def test_concurrent_searches_equal_sequential_ones(tmp_path, workers):
    index_dir = str(tmp_path / "ix")
    index_archives(["examples/demo/news.jsonl"], index_dir, jobs=2, shards=2, report=lambda m: None)
    engine = SearchEngine(index_dir, warm=False, workers=workers)
    try:
        expected = {q: _key(engine.search(q)) for q in QUERIES}
        with ThreadPoolExecutor(8) as pool:
            got = list(pool.map(lambda q: (q, _key(engine.search(q))), QUERIES * 6))
        assert all(result == expected[q] for q, result in got)
    finally:
        engine.close()


def test_a_commit_is_swapped_in_while_searches_run(tmp_path):
    index_dir = str(tmp_path / "ix")
    index_archives(["examples/demo/news.jsonl"], index_dir, jobs=0, shards=2, report=lambda m: None)
    engine = SearchEngine(index_dir, warm=False, workers=0)
    word = "زرشکستان"  # in no demo article
    extra = tmp_path / "extra.jsonl"
    extra.write_text("".join(json.dumps({"id": f"x{i}", "title": f"خبر {word}", "body": f"متن {word} شماره {i}"},
                                        ensure_ascii=False) + "\n" for i in range(40)), encoding="utf-8")
    seen, errors, stop = set(), [], threading.Event()

    def searching():
        while not stop.is_set():
            try:
                seen.add(engine.search(word)["total"])
            except Exception as exc:  # noqa: BLE001 - collected: a search must never fail during a commit
                errors.append(exc)

    threads = [threading.Thread(target=searching) for _ in range(4)]
    for t in threads:
        t.start()
    index_archives([str(extra)], index_dir, jobs=0, batch_size=10, report=lambda m: None)
    final = engine.search(word)["total"]
    stop.set()
    for t in threads:
        t.join()
    assert errors == [] and final == 40
    assert 0 in seen and max(seen) <= 40  # searches ran before and during the commits, none saw a partial one
