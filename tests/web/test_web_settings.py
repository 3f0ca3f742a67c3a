"""Settings from defaults, BAYEGAN_* variables and the mapping; the engine opened once and reopened on re-index."""

import json
import shutil

import pytest

from web import create_app, engine_for
from search.core.errors import IndexDamaged, IndexMissing
from web.engine import EngineHolder
from web.settings import SettingsError, load_settings


def test_defaults_apply_without_environment():
    settings = load_settings(None, environ={})
    assert settings["PAGE_SIZE"] == 10 and settings["MAX_PER_PAGE"] == 100 and settings["CORS_ORIGINS"] == ()


def test_environment_variables_set_index_page_size_and_title():
    settings = load_settings(None, environ={"BAYEGAN_INDEX": "/srv/idx", "BAYEGAN_PAGE_SIZE": "25",
                                            "BAYEGAN_TITLE": "آرشیو", "BAYEGAN_CORS_ORIGINS": "https://a, https://b"})
    assert settings["INDEX_DIR"] == "/srv/idx" and settings["PAGE_SIZE"] == 25 and settings["TITLE"] == "آرشیو"
    assert settings["CORS_ORIGINS"] == ("https://a", "https://b")


def test_mapping_wins_over_environment():
    settings = load_settings({"PAGE_SIZE": 5}, environ={"BAYEGAN_PAGE_SIZE": "25"})
    assert settings["PAGE_SIZE"] == 5


def test_page_size_never_exceeds_the_per_page_limit():
    assert load_settings({"PAGE_SIZE": 500}, environ={})["PAGE_SIZE"] == 100


@pytest.mark.parametrize("variable, value", [("BAYEGAN_PAGE_SIZE", "ten"), ("BAYEGAN_PAGE_SIZE", "0"),
                                             ("BAYEGAN_MAX_QUERY_LENGTH", "-5"), ("BAYEGAN_RELOAD_INTERVAL", "soon")])
def test_bad_environment_values_stop_start_up_with_a_message(variable, value):
    with pytest.raises(SettingsError, match=value if value != "0" else "at least 1"):
        load_settings(None, environ={variable: value})


def test_app_reads_environment(monkeypatch, demo_index):
    monkeypatch.setenv("BAYEGAN_INDEX", demo_index)
    monkeypatch.setenv("BAYEGAN_TITLE", "بایگانی آزمایشی")
    monkeypatch.setenv("BAYEGAN_PAGE_SIZE", "4")
    client = create_app().test_client()
    assert "<title>بایگانی آزمایشی</title>" in client.get("/").get_data(as_text=True)
    assert client.get("/api/search").get_json()["per_page"] == 4


def test_app_is_never_in_debug_mode(demo_index):
    assert create_app({"INDEX_DIR": demo_index, "DEBUG": True}).debug is False


def test_engine_is_opened_once_for_many_requests(demo_index):
    app = create_app({"INDEX_DIR": demo_index})
    client = app.test_client()
    for q in ("ایران", "تهران", "لاریجانی"):
        assert client.get("/api/search", query_string={"q": q}).status_code == 200
    assert app.extensions["bayegan_engine"].opened == 1


def test_engine_is_reopened_when_the_index_changes(demo_index, tmp_path):
    from indexer.build import index_archives

    index_dir = tmp_path / "index"
    shutil.copytree(demo_index, index_dir)
    app = create_app({"INDEX_DIR": str(index_dir), "RELOAD_INTERVAL": 0})
    client = app.test_client()
    word = "کوکوشکازو"  # a made-up word: in no demo article
    assert client.get("/api/search", query_string={"q": word}).get_json()["total"] == 0

    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({"id": "extra-1", "title": "خبر تازه", "body": f"این خبر {word} دارد.",
                                 "date": "1402/01/01", "source": "آزمون"}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    index_archives([str(extra)], str(index_dir), jobs=0, report=lambda message: None)

    # A commit is picked up by the open engine (its shards swap in the new readers): no engine is reopened.
    assert client.get("/api/search", query_string={"q": word}).get_json()["total"] == 1
    assert app.extensions["bayegan_engine"].opened == 1

    # A rebuild (a new manifest, here with another number of shards) needs a new engine.
    index_archives([str(extra)], str(index_dir), rebuild=True, jobs=0, shards=2, report=lambda message: None)
    result = client.get("/api/search", query_string={"q": word}).get_json()
    assert result["total"] == 1 and client.get("/api/search").get_json()["total"] == 1
    assert app.extensions["bayegan_engine"].opened == 2


def test_holder_reports_a_missing_index(tmp_path):
    with pytest.raises(IndexMissing):
        EngineHolder(str(tmp_path / "missing")).get()


def test_holder_reports_an_unreadable_index(tmp_path):
    (tmp_path / "manifest.json").write_bytes(b"not a manifest")
    with pytest.raises(IndexDamaged, match="is damaged or unreadable"):
        engine_for(create_app({"INDEX_DIR": str(tmp_path)}))


@pytest.mark.parametrize("key, value, message", [
    ("HEAVY_SHARE", "0", "more than 0 and at most 1"), ("HEAVY_SHARE", "1.5", "more than 0 and at most 1"),
    ("SWITCH_INTERVAL", "0", "more than 0 seconds"), ("RESPONSE_CACHE_MB", "-1", "must not be negative"),
])
def test_the_load_settings_are_checked_at_start(key, value, message):
    with pytest.raises(SettingsError, match=message):
        load_settings({key: value}, environ={})
    assert load_settings(environ={f"BAYEGAN_{key}": "0.5"})[key] == 0.5
