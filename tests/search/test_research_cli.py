"""``bayegan search --timeline`` and ``--export``: the engine's timeline and every match, from a terminal."""

import csv
import json

from bayegan import main


def test_timeline_json_is_the_engine_timeline(engine, demo_index, capsys):
    assert main(["search", "ایران", "--index", demo_index, "--timeline", "--interval", "year", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = engine.timeline(["ایران"], interval="year")
    assert printed["periods"] == expected["periods"]
    assert printed["series"][0]["counts"] == expected["series"][0]["counts"]


def test_timeline_text_has_a_line_per_period(engine, demo_index, capsys):
    assert main(["search", "سوریه", "--index", demo_index, "--timeline", "--interval", "year", "--normalize"]) == 0
    lines = capsys.readouterr().out.splitlines()
    expected = engine.timeline(["سوریه"], interval="year", normalize=True)
    rows = lines[1:1 + len(expected["periods"])]
    assert [r.split()[0] for r in rows] == [p["key"] for p in expected["periods"]]
    assert [int(r.split()[2]) for r in rows] == expected["series"][0]["counts"]
    assert all("%" in r for r in rows)


def test_too_many_periods_is_an_error_line(demo_index, capsys):
    assert main(["search", "ایران", "--index", demo_index, "--timeline", "--interval", "day"]) == 2
    assert "at most 5000" in capsys.readouterr().err


def test_export_writes_every_match(engine, demo_index, tmp_path, capsys):
    out = tmp_path / "matches.csv"
    assert main(["search", "ایران", "--index", demo_index, "--export", str(out), "--sort", "newest"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines()))
    expected = engine.search("ایران", sort="newest", per_page=1000, facets=False)
    assert [r["id"] for r in rows] == [h["id"] for h in expected["hits"]]
    assert f"{expected['total']} rows exported" in capsys.readouterr().err


def test_export_jsonl_to_stdout_with_a_row_limit(demo_index, capsys):
    assert main(["search", "سوریه", "--index", demo_index, "--export", "-", "--format", "jsonl", "--max-rows", "2"]) == 0
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert len(rows) == 2 and "the first 2 of" in captured.err
