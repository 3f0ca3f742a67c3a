"""A shard that fails or does not answer in time: the others answer, with a message naming the missing shard, and
the next search is complete again once the shard answers."""

import time

import pytest

from indexer.build import index_archives
from search.core.engine import SearchEngine
from shard_helpers import Flaky


@pytest.fixture
def engine(tmp_path):
    index_dir = str(tmp_path / "ix")
    index_archives(["examples/demo/news.jsonl"], index_dir, jobs=0, shards=3, report=lambda m: None)
    engine = SearchEngine(index_dir, warm=False, workers=0, timeout=0.5)
    engine.coordinator.handles[1] = Flaky(engine.coordinator.handles[1])
    return engine


@pytest.mark.parametrize("mode", ["raise", "hang"])
def test_a_failing_shard_leaves_a_result_from_the_others(engine, mode):
    complete = engine.search("ایران", per_page=50)
    flaky = engine.coordinator.handles[1]
    flaky.mode, flaky.broken = mode, {"match"}
    started = time.monotonic()
    partial = engine.search("ایران", per_page=50)
    assert time.monotonic() - started < 2.5  # the deadline, not the hanging shard, decides
    assert partial["missing_shards"] == ["shard-01"]
    assert {"code": "shards_missing", "params": {"shards": "shard-01"}} in partial["notices"]
    lost = {h["id"] for h in complete["hits"]} - {h["id"] for h in partial["hits"]}
    assert 0 < partial["total"] < complete["total"] and len(lost) == complete["total"] - partial["total"]
    flaky.broken = set()
    again = engine.search("ایران", per_page=50)
    assert again["missing_shards"] == [] and again["total"] == complete["total"]


def test_a_shard_failing_while_the_page_is_read_drops_only_its_hits(engine):
    flaky = engine.coordinator.handles[1]
    flaky.broken = {"fetch"}
    result = engine.search("ایران", per_page=50)
    assert result["missing_shards"] == ["shard-01"] and result["hits"]
    assert len(result["hits"]) < result["total"]
