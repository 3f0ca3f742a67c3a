"""The response cache (web.response_cache): a request asked again is answered from memory, never stale, never
partial, never by taking an admission turn."""

import json
import shutil

import pytest

from web import create_app
from web.response_cache import HEADER, ResponseCache

HEAVY = "نف* ایر* سور* لبن* تهر*"


@pytest.fixture()
def fresh(demo_index):
    """An app of its own: the cache starts empty."""
    return create_app({"INDEX_DIR": demo_index})


def test_a_repeated_request_is_a_hit_with_the_same_answer(fresh):
    client = fresh.test_client()
    for url in ("/?q=ایران", "/api/search?q=تهران&per_page=5", "/api/facets/person?prefix=ع", "/article/demo-001",
                "/api/timeline?q=ایران", "/api/comentions?q=ایران"):
        first, second = client.get(url), client.get(url)
        assert (first.status_code, second.status_code) == (200, 200), url
        assert first.headers[HEADER] == "miss" and second.headers[HEADER] == "hit", url
        assert second.get_data() == first.get_data() and second.content_type == first.content_type, url
        assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    assert client.get("/api/search?q=تهران&per_page=6").headers[HEADER] == "miss"  # another URL, another answer
    stats = client.get("/api/status").get_json()["response_cache"]
    assert stats["entries"] == 7 and stats["hits"] == 6 and stats["misses"] == 7 and stats["bytes"] > 0


def test_a_hit_takes_no_admission_turn(fresh):
    client = fresh.test_client()
    url = "/api/search?q=" + HEAVY
    assert client.get(url).status_code == 200
    gate = fresh.extensions["bayegan_admission"]
    gate.wait = 0.05
    assert gate.slots.acquire(timeout=1)  # another heavy search holds the only turn
    try:
        again = client.get(url)
        assert again.status_code == 200 and again.headers[HEADER] == "hit"
        assert client.get(url + "&per_page=20").status_code == 503  # not asked before: it has to wait its turn
    finally:
        gate.slots.release()


def test_a_new_commit_is_never_answered_from_the_cache(demo_index, tmp_path):
    from indexer.build import index_archives

    index_dir = tmp_path / "index"
    shutil.copytree(demo_index, index_dir)
    app = create_app({"INDEX_DIR": str(index_dir), "RELOAD_INTERVAL": 0})
    client = app.test_client()
    word = "کوکوشکازو"  # in no demo article
    url = f"/api/search?q={word}"
    assert client.get(url).get_json()["total"] == 0 and client.get(url).headers[HEADER] == "hit"
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({"id": "extra-1", "title": "خبر تازه", "body": f"این خبر {word} دارد."},
                                ensure_ascii=False) + "\n", encoding="utf-8")
    index_archives([str(extra)], str(index_dir), jobs=0, report=lambda message: None)
    after = client.get(url)
    assert after.headers[HEADER] == "miss" and after.get_json()["total"] == 1


def test_a_partial_answer_is_not_kept(demo_index):
    # A search whose time budget is spent answers without its optional work: asked again with time, it may differ.
    app = create_app({"INDEX_DIR": demo_index, "TIME_BUDGET": 0})
    client = app.test_client()
    first = client.get("/api/search?q=ایران")
    assert "time_budget_spent" in [n["code"] for n in first.get_json()["notices"]]
    assert client.get("/api/search?q=ایران").headers[HEADER] == "miss"
    assert len(app.extensions["bayegan_response_cache"]) == 0


def test_errors_and_exports_are_not_kept(fresh):
    client = fresh.test_client()
    for url in ("/api/search?per_page=0", "/api/articles/nosuch", "/api/export?q=ایران&limit=5"):
        client.get(url)
        assert client.get(url).headers.get(HEADER) != "hit", url
    assert len(fresh.extensions["bayegan_response_cache"]) == 0


def test_the_cache_can_be_turned_off(demo_index):
    client = create_app({"INDEX_DIR": demo_index, "RESPONSE_CACHE_MB": 0}).test_client()
    client.get("/api/search?q=ایران")
    assert HEADER not in client.get("/api/search?q=ایران").headers


def test_the_least_recently_used_answers_go_first_within_the_bytes_budget():
    from web.response_cache import _weight

    weight = _weight("a", [("Content-Type", "application/json")], b"x" * 40)  # body, key, headers, overhead
    assert weight > 40 + len("Content-Type") + len("application/json")  # a tiny answer is not counted as free
    cache = ResponseCache(max_bytes=2 * weight + 10, max_entry=weight + 5)
    headers = [("Content-Type", "application/json")]
    assert cache.put("a", 200, headers, b"x" * 40) and cache.put("b", 200, headers, b"y" * 40)
    assert cache.get("a") is not None  # a is now the most recent
    assert cache.put("c", 200, headers, b"z" * 40)  # three do not fit: b, the least recent, goes
    assert cache.get("b") is None and cache.get("a") is not None and cache.get("c") is not None
    assert cache.size == 2 * weight and len(cache) == 2
    assert not cache.put("huge", 200, headers, b"h" * 46) and cache.get("huge") is None  # over one entry's bound


def test_a_question_mark_in_a_path_is_not_a_query(fresh):
    # full_path joins path and query with «?»: «/article/demo-001?q=1?» (the article, marked for «1?») and
    # «/article/demo-001%3Fq=1» (an article whose id is «demo-001?q=1»: none) had one key.
    client = fresh.test_client()
    assert client.get("/article/demo-001?q=1?").status_code == 200
    assert client.get("/article/demo-001%3Fq=1").status_code == 404


def test_an_answer_missing_a_shard_is_not_kept_even_without_a_notice(tmp_path):
    # A facet's values carry no notices: the shard left out is seen where the coordinator leaves it out.
    from shard_helpers import Flaky

    from indexer.build import index_archives
    from search.core.engine import SearchEngine

    index_dir = str(tmp_path / "ix")
    index_archives(["examples/demo/news.jsonl"], index_dir, jobs=0, shards=3, report=lambda m: None)
    engine = SearchEngine(index_dir, warm=False, workers=0, timeout=0.5)
    flaky = engine.coordinator.handles[1] = Flaky(engine.coordinator.handles[1])
    client = create_app({"INDEX_DIR": index_dir, "ENGINE_OPENER": lambda d: engine}).test_client()
    flaky.broken = {"facet_values"}
    partial = client.get("/api/facets/person").get_json()
    assert client.get("/api/facets/person").headers[HEADER] == "miss"
    flaky.broken = set()
    complete = client.get("/api/facets/person")
    assert complete.get_json()["total"] > partial["total"] and client.get("/api/facets/person").headers[HEADER] == "hit"
