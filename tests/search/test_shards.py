"""One shard and four shards (written by two processes, searched in this process or by worker processes) give the
same hits, scores, totals, facet counts, snippets and suggestions: the coordinator sums the collection statistics
over the shards before any shard scores, and ties break by article id."""

import pytest

from indexer.build import index_archives
from search.core.engine import SearchEngine
from search.core import manifest as mf

DEMO = "examples/demo/news.jsonl"
CASES = [
    ("ایران", {}), ("حمله سوریه", {}), ('"شورای امنیت"', {}), ("لبنان -سوریه", {}), ("سوریه OR لبنان", {}),
    ("لاریجانی country:ایران", {}), ("person:لاریجانی", {}), ("تحریم*", {}), ("لاریجانا~", {}),
    ("مذاکرات هسته‌ای", {"country": ["IR"]}), ("ایران", {"year_jalali": ["1387", "1389"]}),
    ("ایران", {"from": "2008-01-01", "to": "2012-12-31"}), ("", {"country": ["SY"]}), ("احمدی نژد", {}),
    ("قطعنامه تحریم ایران شورای امنیت", {}), ("کتاب‌ها", {}), ("-ایران", {}),
]
SORTS = ("relevance", "newest", "oldest")


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    root = tmp_path_factory.mktemp("shards")
    one, four = str(root / "one"), str(root / "four")
    index_archives([DEMO], one, jobs=0, shards=1, report=lambda m: None)
    index_archives([DEMO], four, jobs=2, shards=4, report=lambda m: None)
    assert mf.read(four).shard_count == 4 and all(s.articles for s in mf.read(four).shards)
    engines = {"one": SearchEngine(one, warm=False, workers=0), "four": SearchEngine(four, warm=False, workers=0),
               "four-processes": SearchEngine(four, warm=False, workers=2)}
    yield engines
    for engine in engines.values():
        engine.close()


def _comparable(result):
    hits = [(h["id"], h["score"], h["snippet"], h["persons"], h["countries"], h["date"]) for h in result["hits"]]
    return result["total"], hits, result["facets"], result["did_you_mean"], result["filters"], result["messages"]


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("query,filters", CASES)
def test_one_shard_and_four_give_the_same_result(engines, query, filters, sort):
    results = {name: e.search(query, filters=filters, sort=sort, per_page=7, page=2 if query == "ایران" else 1)
               for name, e in engines.items()}
    reference = _comparable(results["one"])
    assert reference[0] > 0 or query == "احمدی نژد"
    for name in ("four", "four-processes"):
        total, hits, facets, suggestion, flt, messages = _comparable(results[name])
        assert total == reference[0] and facets == reference[2] and suggestion == reference[3]
        assert [h[0] for h in hits] == [h[0] for h in reference[1]], name
        for mine, theirs in zip(hits, reference[1]):
            assert mine[2:] == theirs[2:]
            assert (mine[1] is None and theirs[1] is None) or abs(mine[1] - theirs[1]) <= 1e-9


def test_articles_facet_values_and_neighbours_are_the_same(engines):
    one, four = engines["one"], engines["four-processes"]
    assert one.facet_values("person") == four.facet_values("person")
    assert one.facet_values("country", prefix="سو") == four.facet_values("country", prefix="سو")
    assert one.article("demo-042") == four.article("demo-042") and one.article("demo-042")["id"] == "demo-042"
    assert [h["id"] for h in one.more_like("demo-042", 5)] == [h["id"] for h in four.more_like("demo-042", 5)]
    assert one.stats()["documents"] == four.stats()["documents"] == 50


RESEARCH_CASES = [("ایران", {}), ("سوریه OR لبنان", {"year_jalali": ["1387", "1389", "1390"]}),
                  ("", {"country": ["IR"]}), ("مذاکرات هسته‌ای", {})]


def _without_timing(result):
    return {k: v for k, v in result.items() if k != "took_ms"}


@pytest.mark.parametrize("query,filters", RESEARCH_CASES)
def test_timeline_co_mentions_and_export_are_the_same(engines, query, filters):
    one = engines["one"]
    for interval, calendar in (("month", "jalali"), ("week", "gregorian"), ("year", "gregorian")):
        kwargs = dict(filters=filters, interval=interval, calendar=calendar, normalize=True)
        if interval == "week":
            kwargs["filters"] = {**filters, "from": "2008-01-01", "to": "2011-12-31"}
        reference = _without_timing(one.timeline([query, "تحریم"], **kwargs))
        assert sum(reference["series"][0]["counts"]) > 0
        for name in ("four", "four-processes"):
            assert _without_timing(engines[name].timeline([query, "تحریم"], **kwargs)) == reference, name
    reference = _without_timing(one.comentions(query, filters=filters, min_count=1))
    rows = [r for r in one.export(query, filters=filters)["rows"]]
    for name in ("four", "four-processes"):
        assert _without_timing(engines[name].comentions(query, filters=filters, min_count=1)) == reference
        assert list(engines[name].export(query, filters=filters)["rows"]) == rows
    assert len(rows) == one.search(query, filters=filters)["total"]


def test_entity_pages_are_the_same(engines):
    for kind, key in (("person", "علی لاریجانی"), ("country", "SY")):
        reference = engines["one"].entity(kind, key)
        assert reference["total"] > 0
        for name in ("four", "four-processes"):
            assert engines[name].entity(kind, key) == reference
