"""Coverage over time: counts per period equal a brute-force count over the demo articles, for every interval of
both calendars (Jalali months and weeks at their real boundaries), empty periods as zeros, normalization by the
archive, comparisons, and the bounds on cost."""

import datetime
import json
from collections import Counter

import jdatetime
import pytest

from indexer.build import index_archives
from search import SearchEngine
from search.core.periods import TooManyPeriods
from search_helpers import term

INTERVALS = [(c, i) for c in ("jalali", "gregorian") for i in ("day", "week", "month", "year")]
# Day and week periods over the demo's 17 years are too many for one chart: a two-and-a-half-year window.
WINDOW = {"from": "2008-03-01", "to": "2010-09-30"}


def brute_key(day: datetime.date, calendar: str, interval: str) -> str:
    """The period key of ``day``, computed here with jdatetime and isocalendar (not with search.core.periods)."""
    if calendar == "gregorian":
        if interval == "week":
            year, week, _ = day.isocalendar()
            return f"{year:04d}-W{week:02d}"
        return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[interval]
    if interval == "week":
        day -= datetime.timedelta(days=(day.weekday() + 2) % 7)  # back to Saturday (weekday 5)
    j = jdatetime.date.fromgregorian(date=day)
    return {"day": f"{j.year:04d}-{j.month:02d}-{j.day:02d}", "week": f"{j.year:04d}-{j.month:02d}-{j.day:02d}",
            "month": f"{j.year:04d}-{j.month:02d}", "year": f"{j.year:04d}"}[interval]


def counts_by_key(result, series=0) -> dict:
    return {p["key"]: c for p, c in zip(result["periods"], result["series"][series]["counts"])}


def assert_contiguous(periods):
    for before, after in zip(periods, periods[1:]):
        assert datetime.date.fromisoformat(after["start"]) == \
            datetime.date.fromisoformat(before["end"]) + datetime.timedelta(days=1)


def in_window(day, flt):
    return day is not None and (not flt or flt["from"] <= day.isoformat() <= flt["to"])


@pytest.mark.parametrize("calendar,interval", INTERVALS)
@pytest.mark.parametrize("query", ["ایران", ""])
def test_counts_equal_brute_force(engine, articles, calendar, interval, query):
    flt = WINDOW if interval in ("day", "week") else {}
    result = engine.timeline([query], filters=dict(flt), interval=interval, calendar=calendar)
    matched = [a for a in articles.values() if (not query or term(query) in a["terms"]) and in_window(a["date"], flt)]
    expected = Counter(brute_key(a["date"], calendar, interval) for a in matched)
    got = counts_by_key(result)
    assert {k: c for k, c in got.items() if c} == dict(expected)
    assert len(got) == len(result["periods"])  # empty periods are there, as zeros
    if calendar == "jalali" and interval == "month":
        assert 0 in got.values()
    assert_contiguous(result["periods"])
    first, last = result["periods"][0], result["periods"][-1]
    days = [a["date"] for a in matched]
    low, high = (datetime.date.fromisoformat(flt["from"]), datetime.date.fromisoformat(flt["to"])) if flt \
        else (min(days), max(days))
    assert first["start"] <= low.isoformat() <= first["end"] and last["start"] <= high.isoformat() <= last["end"]
    assert result["series"][0]["dated"] == len(matched) and result["interval"] == interval


def test_undated_matches_are_counted_apart(engine, articles):
    series = engine.timeline([""], interval="year")["series"][0]
    assert series["undated"] == sum(1 for a in articles.values() if a["date"] is None) > 0
    assert series["total"] == len(articles) == series["dated"] + series["undated"]


def test_jalali_labels_are_persian_and_the_interval_auto_fits_the_range(engine):
    result = engine.timeline(["ایران"], filters={"from": "1387/01/01", "to": "1387/12/30"})
    assert result["interval"] == "month" and len(result["periods"]) == 12
    assert [p["label"] for p in result["periods"][9:]] == ["دی ۱۳۸۷", "بهمن ۱۳۸۷", "اسفند ۱۳۸۷"]
    whole = engine.timeline(["ایران"])
    assert whole["interval"] == "year"  # 17 years: months would be 200 bars
    short = engine.timeline(["ایران"], filters={"from": "2009-01-01", "to": "2009-01-31"})
    assert short["interval"] == "day" and len(short["periods"]) == 31


@pytest.fixture(scope="module")
def boundary_engine(tmp_path_factory):
    """Articles on the last and first days of Jalali months and years, 1387 being a leap year (30 Esfand)."""
    days = ["1387/06/31", "1387/07/01", "1387/11/30", "1387/12/01", "1387/12/30", "1388/01/01", "1388/01/01",
            "1388/12/29", "1389/01/01"]
    root = tmp_path_factory.mktemp("boundaries")
    archive = root / "news.jsonl"
    archive.write_text("".join(json.dumps({"id": f"b{i}", "title": "گزارش باران", "body": f"باران روز {d} بارید.",
                                           "date": d}, ensure_ascii=False) + "\n" for i, d in enumerate(days)),
                       encoding="utf-8")
    index_archives([str(archive)], str(root / "ix"), jobs=0, report=lambda m: None)
    engine = SearchEngine(str(root / "ix"), warm=False)
    yield engine
    engine.close()


def test_jalali_month_boundaries(boundary_engine):
    result = boundary_engine.timeline(["باران"], interval="month", calendar="jalali")
    got = {k: c for k, c in counts_by_key(result).items() if c}
    assert got == {"1387-06": 1, "1387-07": 1, "1387-11": 1, "1387-12": 2, "1388-01": 2, "1388-12": 1, "1389-01": 1}
    esfand = next(p for p in result["periods"] if p["key"] == "1387-12")
    assert (esfand["start"], esfand["end"]) == (jdatetime.date(1387, 12, 1).togregorian().isoformat(),
                                                jdatetime.date(1387, 12, 30).togregorian().isoformat())
    assert len(result["periods"]) == 7 + 12 + 1  # 1387-06 .. 1389-01, the empty months included
    years = counts_by_key(boundary_engine.timeline(["باران"], interval="year"))
    assert years == {"1387": 5, "1388": 3, "1389": 1}


def test_jalali_weeks_start_on_saturday(boundary_engine):
    result = boundary_engine.timeline(["باران"], interval="week", calendar="jalali")
    assert {datetime.date.fromisoformat(p["start"]).weekday() for p in result["periods"]} == {5}
    gregorian = boundary_engine.timeline(["باران"], interval="week", calendar="gregorian")
    assert {datetime.date.fromisoformat(p["start"]).weekday() for p in gregorian["periods"]} == {0}
    assert sum(result["series"][0]["counts"]) == sum(gregorian["series"][0]["counts"]) == 9


def test_normalized_counts_are_shares_of_the_archive(engine, articles):
    result = engine.timeline(["سوریه"], interval="year", normalize=True)
    archive = Counter(a["year_jalali"] for a in articles.values() if a["date"])
    assert dict(zip([p["key"] for p in result["periods"]], result["archive"])) == \
        {p["key"]: archive.get(p["key"], 0) for p in result["periods"]}
    series = result["series"][0]
    for count, total, share in zip(series["counts"], result["archive"], series["shares"]):
        assert share == (round(count / total, 6) if total else 0.0)
    assert any(0 < s < 1 for s in series["shares"])
    assert "shares" not in engine.timeline(["سوریه"], interval="year")["series"][0]


def test_compare_puts_each_query_on_the_same_periods(engine):
    queries = ["ایران", "سوریه", "لبنان"]
    both = engine.timeline(queries, interval="year")
    assert [s["query"] for s in both["series"]] == queries
    keys = [p["key"] for p in both["periods"]]
    for i, q in enumerate(queries):
        alone = engine.timeline([q], interval="year")
        assert both["series"][i]["total"] == alone["series"][0]["total"] == engine.search(q)["total"]
        alone_counts = counts_by_key(alone)
        assert counts_by_key(both, i) == {k: alone_counts.get(k, 0) for k in keys}


def test_filters_apply_to_every_query_of_a_comparison(engine, articles):
    result = engine.timeline(["ایران", "سوریه"], filters={"country": ["LB"]}, interval="year")
    for series, q in zip(result["series"], ["ایران", "سوریه"]):
        assert series["total"] == sum(1 for a in articles.values() if term(q) in a["terms"] and "LB" in a["countries"])


def test_costs_are_bounded(engine):
    with pytest.raises(TooManyPeriods):
        engine.timeline(["ایران"], interval="day")  # 6,000 days
    with pytest.raises(ValueError):
        engine.timeline(["a", "b", "c", "d", "e"])
    with pytest.raises(ValueError):
        engine.timeline(["ایران"], interval="fortnight")
    with pytest.raises(ValueError):
        engine.timeline(["ایران"], calendar="hebrew")


def test_a_query_without_matches_has_no_periods(engine):
    result = engine.timeline(["زیردریایی‌هایکشفنشده"])
    assert result["periods"] == [] and result["series"][0]["total"] == 0
