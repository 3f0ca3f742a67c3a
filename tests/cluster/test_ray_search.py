"""Shards served by Ray actors: the same answers as the local sharded index; a shard that stops answering leaves
a result from the others within the deadline, naming it, and once Ray restarts its actor a search is complete."""

import os
import signal
import time

import pytest

from indexer.build import index_archives
from search.core.engine import SearchEngine

QUERIES = ["ایران", "حمله سوریه", '"شورای امنیت"', "لاریجانی", "تحریم*", "سوریه OR لبنان", "احمدی نژد"]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("ray") / "ix")
    index_archives(["examples/demo/news.jsonl"], path, jobs=2, shards=4, report=lambda m: None)
    return path


@pytest.fixture(scope="module")
def engines(cluster, index_dir):
    on_ray = SearchEngine(index_dir, ray=cluster.address, timeout=3.0, warm=False)
    local = SearchEngine(index_dir, workers=0, warm=False)
    yield on_ray, local
    on_ray.close()


def _key(result):
    return (result["total"], [(h["id"], h["score"], h["snippet"]) for h in result["hits"]], result["facets"],
            result["did_you_mean"])


def test_actors_are_spread_over_the_nodes(engines, cluster):
    on_ray, _ = engines
    assert len(set(on_ray._pool.nodes())) >= 2 and len(cluster.list_all_nodes()) == 3


@pytest.mark.parametrize("sort", ["relevance", "newest"])
@pytest.mark.parametrize("query", QUERIES)
def test_ray_answers_equal_the_local_ones(engines, query, sort):
    on_ray, local = engines
    assert _key(on_ray.search(query, sort=sort, per_page=20)) == _key(local.search(query, sort=sort, per_page=20))


def test_a_shard_that_stops_answering_is_named_and_then_restarted(engines):
    on_ray, local = engines
    complete = local.search("ایران", per_page=50)
    pool = on_ray._pool
    pid = pool.ray.get(pool.actors[2].pid.remote())
    os.kill(pid, signal.SIGSTOP)  # the actor's process hangs: its calls never answer
    try:
        started = time.monotonic()
        partial = on_ray.search("ایران", per_page=50)
        assert time.monotonic() - started < 10  # the deadline (3 s per call), never a hang
        assert partial["missing_shards"] == ["shard-02"] and partial["total"] < complete["total"]
        assert {"code": "shards_missing", "params": {"shards": "shard-02"}} in partial["notices"]
    finally:
        os.kill(pid, signal.SIGKILL)  # dead now: Ray starts the actor again
    deadline = time.monotonic() + 60
    while True:
        again = on_ray.search("ایران", per_page=50)
        if not again["missing_shards"] or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert again["missing_shards"] == [] and _key(again) == _key(complete)
    assert pool.ray.get(pool.actors[2].pid.remote()) != pid
