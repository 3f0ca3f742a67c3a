from analyzers import lemma

FAKE_TABLES = (frozenset({"کتاب"}), {"میروند": "رفت#رو"}, {"هستهای": "هسته\u200cای"}, {"بین": frozenset({"المللی"})})


def _counting_build(monkeypatch):
    calls = []
    monkeypatch.setattr(lemma, "_build_from_hazm", lambda: calls.append(1) or FAKE_TABLES)
    return calls


def test_tables_are_built_once_then_read_from_the_disk_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BAYEGAN_CACHE_DIR", str(tmp_path))
    calls = _counting_build(monkeypatch)
    first = lemma._load_or_build()
    second = lemma._load_or_build()
    assert calls == [1]
    assert first == second == FAKE_TABLES
    assert [p.suffix for p in tmp_path.iterdir()] == [".json"]  # data, never a pickle that could run code


def test_an_unwritable_cache_still_gives_the_tables(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("BAYEGAN_CACHE_DIR", str(blocker / "cache"))
    calls = _counting_build(monkeypatch)
    assert lemma._load_or_build() == FAKE_TABLES
    assert lemma._load_or_build() == FAKE_TABLES
    assert calls == [1, 1]


def test_a_corrupt_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("BAYEGAN_CACHE_DIR", str(tmp_path))
    lemma._cache_path().write_bytes(b"not json {")
    calls = _counting_build(monkeypatch)
    assert lemma._load_or_build() == FAKE_TABLES
    assert calls == [1]
