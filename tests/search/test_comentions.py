"""Co-mentions and entity pages: significance (JLH) puts a planted co-mention first where a plain count does not,
on a small archive of sentences written for this test; entity pages against brute force on the demo archive."""

import json
from collections import Counter

import pytest

from indexer.build import index_archives
from search import SearchEngine
from shard_helpers import stored_docs

QUERY = "زعفران"


def planted_archive():
    """24 articles. «زعفران» matches 8: the four naming Zarif (named nowhere else) and four more; Rouhani is named
    in 5 of the 8 and in all 16 others (frequent everywhere); Larijani in 2 of the 8 only (too few to score);
    Japan only beside Zarif, Iran in every article."""
    out = []
    for i in range(4):
        rouhani = " حسن روحانی نیز در این نشست بود." if i == 0 else ""
        out.append(f"محمدجواد ظریف درباره صادرات زعفران ایران به ژاپن سخن گفت و بازار ژاپن را مهم خواند.{rouhani}")
    for i in range(4):
        larijani = " علی لاریجانی هم از کشاورزان دیدن کرد." if i < 2 else ""
        out.append(f"حسن روحانی از کشتزارهای زعفران در خراسان ایران دیدن کرد.{larijani}")
    topics = ["بودجه", "مسکن", "آموزش", "بهداشت", "حمل و نقل", "انرژی", "آب", "کشاورزی"]
    for i in range(16):
        out.append(f"حسن روحانی در جلسه هیئت دولت ایران درباره {topics[i % 8]} سخن گفت.")
    return [{"id": f"p{i:02d}", "title": text.split(" سخن")[0][:40], "body": text, "date": f"139{i % 4}/0{1 + i % 9}/10"}
            for i, text in enumerate(out)]


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    root = tmp_path_factory.mktemp("planted")
    archive = root / "news.jsonl"
    archive.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in planted_archive()), encoding="utf-8")
    index_archives([str(archive)], str(root / "one"), jobs=0, shards=1, report=lambda m: None)
    index_archives([str(archive)], str(root / "four"), jobs=0, shards=4, report=lambda m: None)
    engines = {"one": SearchEngine(str(root / "one"), warm=False), "four": SearchEngine(str(root / "four"), warm=False)}
    yield engines, stored_docs(str(root / "one"))
    for engine in engines.values():
        engine.close()


def split(value):
    return [v for v in (value or "").split(",") if v] if isinstance(value, str) else list(value or [])


def brute_jlh(docs, field, matched_ids):
    """JLH of every value of ``field`` computed here from the stored articles (not with search.core)."""
    fg = Counter(v for i in matched_ids for v in split(docs[i].get(field)))
    bg = Counter(v for d in docs.values() for v in split(d.get(field)))
    n_fg, n_bg = len(matched_ids), len(docs)
    out = {}
    for value, count in fg.items():
        f, b = count / n_fg, bg[value] / n_bg
        out[value] = (f - b) * (f / b) if f > b else 0.0
    return fg, bg, out


def test_the_extractor_found_the_planted_names(planted):
    _, docs = planted
    persons = Counter(v for d in docs.values() for v in split(d.get("persons")))
    assert persons == {"حسن روحانی": 21, "محمدجواد ظریف": 4, "علی لاریجانی": 2}


def test_significance_ranks_the_planted_co_mention_first(planted):
    engines, docs = planted
    result = engines["one"].comentions(QUERY)
    assert result["total"] == 8
    persons = result["person"]
    assert persons["frequent"][0]["value"] == "حسن روحانی"  # the plain count favours the ubiquitous name
    assert [p["value"] for p in persons["significant"]] == ["محمدجواد ظریف"]  # Rouhani is under-represented,
    # Larijani (2 matches) is below the minimum count of 3
    assert result["country"]["frequent"][0]["value"] == "IR"
    assert result["country"]["significant"][0]["value"] == "JP"
    matched = [i for i, d in docs.items() if QUERY in d["body"]]
    assert len(matched) == 8
    fg, bg, scores = brute_jlh(docs, "persons", matched)
    for row in persons["frequent"]:
        assert (row["count"], row["background"]) == (fg[row["value"]], bg[row["value"]])
        assert row["score"] == pytest.approx(scores[row["value"]], abs=1e-6)
    assert persons["significant"][0]["score"] == pytest.approx(1.0)  # (4/8 - 4/24) * (4/8) / (4/24)


def test_min_count_lets_rarer_values_in(planted):
    engines, _ = planted
    loose = engines["one"].comentions(QUERY, min_count=2)["person"]["significant"]
    assert [p["value"] for p in loose] == ["محمدجواد ظریف", "علی لاریجانی"]


def test_one_shard_and_four_give_the_same_co_mentions(planted):
    engines, _ = planted
    one, four = (engines[n].comentions(QUERY, min_count=1) for n in ("one", "four"))
    for kind in ("person", "country"):
        assert one[kind] == four[kind]
    assert one["total"] == four["total"]


def test_the_search_page_overview_has_the_same_co_mentions(planted):
    engines, _ = planted
    overview = engines["one"].overview(QUERY)
    direct = engines["one"].comentions(QUERY)
    assert overview["comentions"]["person"] == direct["person"]
    assert overview["total"] == direct["total"] == sum(overview["timeline"]["series"][0]["counts"])


# -- entity pages (demo archive) -------------------------------------------------------------------------------

def test_person_page_against_brute_force(engine, articles, demo_index):
    key = "علی لاریجانی"
    page = engine.entity("person", key)
    named = {i: a for i, a in articles.items() if key in a["persons"]}
    assert page["total"] == len(named) and page["label"] == key
    newest = sorted(named, key=lambda i: (-(named[i]["date"].toordinal() if named[i]["date"] else -1), i))
    assert [h["id"] for h in page["latest"]] == newest[:10]
    co = Counter(p for a in named.values() for p in a["persons"] if p != key)
    assert {r["value"]: r["count"] for r in page["comentions"]["person"]["frequent"]} == dict(co)
    countries = Counter(c for a in named.values() for c in a["countries"])
    assert {r["value"]: r["count"] for r in page["comentions"]["country"]["frequent"]} == dict(countries)
    assert sum(page["timeline"]["series"][0]["counts"]) == len(named)


def test_name_variants_are_spellings_printed_in_the_articles(engine, demo_index):
    page = engine.entity("person", "علی لاریجانی")
    texts = [" ".join("\n".join(d.get(f) or "" for f in ("title", "summary", "body")).split())
             for d in stored_docs(demo_index).values() if "علی لاریجانی" in split(d.get("persons"))]
    forms = {v["form"]: v["articles"] for v in page["variants"]}
    assert "علی لاریجانی" in forms and len(forms) >= 2
    for form, n in forms.items():
        assert 1 <= n <= sum(form in t for t in texts)


def test_country_page_and_unknown_entities(engine, articles):
    page = engine.entity("country", "SY")
    assert page["label"] == "سوریه" and page["total"] == sum("SY" in a["countries"] for a in articles.values())
    assert engine.entity("country", "ZZ") is None
    assert engine.entity("person", "کسی که نیست") is None
    assert engine.entity("planet", "SY") is None


def test_the_selected_entity_is_no_co_mention_of_itself(engine):
    for filters, query in (({"person": ["علی لاریجانی"]}, ""), ({}, "person:لاریجانی")):
        lists = engine.comentions(query, filters=filters, min_count=1)["person"]
        values = [r["value"] for r in lists["frequent"] + lists["significant"]]
        assert values and "علی لاریجانی" not in values
