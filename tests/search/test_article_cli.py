"""article(), more_like() and the ``bayegan search`` command."""

import json

from bayegan import main


def test_article_returns_stored_fields(engine):
    article = engine.article("demo-001")
    assert article["id"] == "demo-001" and "لاریجانی" in article["body"]
    assert article["date"] == "2009-01-10" and article["date_jalali"] == "۲۱ دی ۱۳۸۷"
    assert article["tags"] and article["url"].startswith("https://")


def test_unknown_article_is_none(engine):
    assert engine.article("no-such-id") is None and engine.article(None) is None
    assert engine.article("\udcff") is None and engine.more_like("\udcff") == []  # undecodable argv bytes


def test_more_like_finds_related_articles_not_itself(engine):
    related = [h["id"] for h in engine.more_like("demo-016")]  # Jalili and Solana in Geneva
    assert related and "demo-016" not in related
    assert "demo-017" in related[:5]  # Jalili on the Geneva talks


def test_more_like_unknown_id_is_empty(engine):
    assert engine.more_like("no-such-id") == []


def test_cli_json_is_the_api_object(demo_index, capsys):
    assert main(["search", "لبنان", "--index", demo_index, "--json", "--limit", "3"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["per_page"] == 3 and len(result["hits"]) == min(3, result["total"]) and result["total"] > 0


def test_cli_text_lists_titles(demo_index, engine, capsys):
    assert main(["search", "لبنان", "--index", demo_index]) == 0
    out = capsys.readouterr().out
    first = engine.search("لبنان")["hits"][0]
    assert first["title"] in out and f"{engine.search('لبنان')['total']} results" in out


def test_cli_date_options(demo_index, capsys):
    main(["search", "", "--index", demo_index, "--json", "--from", "1387/10/01", "--to", "1387/10/30",
          "--limit", "100"])
    result = json.loads(capsys.readouterr().out)
    assert result["total"] > 0 and all("2008-12-21" <= h["date"] <= "2009-01-19" for h in result["hits"])


def test_cli_country_option(demo_index, capsys):
    main(["search", "", "--index", demo_index, "--json", "--country", "سوریه", "--limit", "100"])
    result = json.loads(capsys.readouterr().out)
    assert result["filters"].get("country") == ["SY"]
    assert all(any(c["key"] == "SY" for c in h["countries"]) for h in result["hits"])


def test_cli_missing_index_is_a_clear_error(tmp_path, capsys):
    assert main(["search", "x", "--index", str(tmp_path / "none")]) == 2
    assert f"no index at {tmp_path / 'none'}" in capsys.readouterr().err
