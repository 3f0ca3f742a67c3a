"""A damaged index: every command says so in one line naming the shard, the server answers 503 (never 500).
(A shard that fails while searching leaves a result from the others: tests/search/test_partial.py.)"""

import os

import pytest

import bayegan
from indexer.build import index_archives
from web import create_app

DEMO = "examples/demo/news.jsonl"


@pytest.fixture
def index_dir(tmp_path):
    path = tmp_path / "ix"
    index_archives([DEMO], str(path), jobs=0, shards=2, report=lambda m: None)
    return path


def _garble_segments(shard):
    for name in os.listdir(shard):
        if name.endswith((".trm", ".pst", ".seg")):
            path = shard / name
            data = bytearray(path.read_bytes())
            for i in range(64, len(data), 7):  # keep the headers: damage what is read while searching
                data[i] ^= 0x5A
            path.write_bytes(bytes(data))


def _truncate_toc(shard):
    for name in os.listdir(shard):
        if name.endswith(".toc"):
            (shard / name).write_bytes((shard / name).read_bytes()[:20])


def _one_line(capsys, code):
    err = "".join(line for line in capsys.readouterr().err.splitlines(True) if "; fields: " not in line)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err  # (index: its mapping line aside)
    return err


@pytest.mark.parametrize("damage", [_truncate_toc, _garble_segments])
def test_every_shard_damaged_is_one_line_from_every_command_and_a_503(index_dir, capsys, damage):
    for shard in ("shard-00", "shard-01"):
        damage(index_dir / shard)
    err = _one_line(capsys, bayegan.main(["search", "ایران", "--index", str(index_dir)]))
    assert str(index_dir) in err
    _one_line(capsys, bayegan.main(["stats", "--index", str(index_dir)]))
    app = create_app({"INDEX_DIR": str(index_dir)})
    client = app.test_client()
    for url in ("/api/search?q=ایران", "/?q=ایران", "/api/facets/person", "/article/demo-001"):
        response = client.get(url)
        assert response.status_code == 503, (url, response.status_code)
        assert response.headers["Retry-After"]


@pytest.mark.parametrize("damage", [_truncate_toc, _garble_segments])
def test_one_damaged_shard_is_named(index_dir, damage):
    from search.core.engine import SearchEngine
    from search.core.errors import IndexDamaged

    damage(index_dir / "shard-01")
    with pytest.raises(IndexDamaged, match="shard shard-01.*--rebuild"):
        SearchEngine(str(index_dir), warm=False)
    from indexer.build import IndexUnavailable

    if damage is _truncate_toc:  # what the indexer opens; garbled postings are only met when merging
        with pytest.raises(IndexUnavailable, match="shard shard-01"):
            index_archives([DEMO], str(index_dir), jobs=2, report=lambda m: None)
    assert index_archives([DEMO], str(index_dir), rebuild=True, jobs=0, report=lambda m: None).documents == 50


def _segment(index_dir, shard="shard-00"):
    return next(p for p in sorted((index_dir / shard).iterdir()) if p.suffix == ".seg")


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],                                              # truncated
    lambda data: b"",                                                                 # emptied
    lambda data: data[: len(data) // 4] + bytes(len(data) // 4) + data[len(data) // 2:],  # a zeroed stretch
])
def test_reindexing_over_a_damaged_segment_is_one_line_then_rebuild_works(index_dir, capsys, damage):
    # bench/faults.py: `bayegan index` on such a folder ended in a worker's traceback (EOFError, struct.error,
    # UnpicklingError) while search, stats and serve named the shard in one line.
    path = _segment(index_dir)
    path.write_bytes(damage(path.read_bytes()))
    err = _one_line(capsys, bayegan.main(["index", DEMO, "--index", str(index_dir), "--jobs", "2"]))
    assert "shard shard-00" in err and "--rebuild" in err
    assert index_archives([DEMO], str(index_dir), rebuild=True, jobs=0, report=lambda m: None).documents == 50


def test_an_unknown_backend_is_one_line_naming_the_folder_from_every_command(index_dir, capsys):
    import json

    manifest = index_dir / "manifest.json"
    data = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**data, "backend": "lucene"}))
    for argv in (["index", DEMO], ["search", "ایران"], ["stats"]):
        err = _one_line(capsys, bayegan.main([*argv, "--index", str(index_dir)]))
        assert str(index_dir) in err and "lucene" in err and "?" not in err.split("lucene")[0], err


def test_swapped_shard_folders_are_named_and_not_doubled_by_a_rerun(index_dir, capsys):
    a, b = index_dir / "shard-00", index_dir / "shard-01"
    os.rename(a, index_dir / "swap")
    os.rename(b, a)
    os.rename(index_dir / "swap", b)
    err = _one_line(capsys, bayegan.main(["index", DEMO, "--index", str(index_dir), "--jobs", "0"]))
    assert "shard-00" in err and "swapped" in err
    _one_line(capsys, bayegan.main(["search", "ایران", "--index", str(index_dir)]))
    assert bayegan.main(["index", DEMO, "--index", str(index_dir), "--jobs", "0", "--rebuild", "--json"]) == 0
    assert '"documents": 50' in capsys.readouterr().out  # the 50 articles of news.jsonl, not doubled


def test_a_zeroed_stretch_anywhere_in_a_segment_is_one_line_from_index_delete_and_compact(tmp_path, capsys):
    # CI: zeroing the second quarter of a segment met the postings only when Whoosh's random segment id put them
    # there. Each eighth of the file in turn, on a fresh index each time, so every part of the compound segment is
    # met whatever its layout. Before the segment checksums, 4 of 8 stretches passed unseen: one run exited 0 with
    # 71 documents for 50 articles (the zeroed id postings found none of the articles it replaced).
    from search.core.manifest import shard_of

    in_shard_00 = next(f"demo-{n:03d}" for n in range(1, 51) if shard_of(f"demo-{n:03d}", 2) == 0)
    for eighth in range(8):
        index_dir = tmp_path / f"ix{eighth}"
        index_archives([DEMO], str(index_dir), jobs=0, shards=2, report=lambda m: None)
        path = _segment(index_dir)
        data = path.read_bytes()
        size = len(data) // 8
        path.write_bytes(data[:eighth * size] + bytes(size) + data[(eighth + 1) * size:])
        for argv in (["index", DEMO, "--jobs", "0"], ["delete", in_shard_00], ["compact"]):
            err = _one_line(capsys, bayegan.main([*argv, "--index", str(index_dir)]))
            assert "shard shard-00" in err and "--rebuild" in err, (eighth, argv, err)
        assert path.read_bytes()[eighth * size:(eighth + 1) * size] == bytes(size)  # nothing was rewritten over it
    assert index_archives([DEMO], str(index_dir), rebuild=True, jobs=0, report=lambda m: None).documents == 50


def test_checksums_follow_the_commits(index_dir):
    from search.whoosh_backend import checksums

    shard = str(index_dir / "shard-00")
    first = checksums.read(shard)
    assert first and set(first) == set(checksums.segment_files(shard)) and checksums.mismatch(shard) is None
    index_archives([DEMO], str(index_dir), jobs=0, report=lambda m: None)  # replaces every article: new segments
    after = checksums.read(shard)
    assert set(after) == set(checksums.segment_files(shard)) != set(first) and checksums.mismatch(shard) is None
    bayegan.main(["compact", "--index", str(index_dir)])
    assert set(checksums.read(shard)) == set(checksums.segment_files(shard)) and checksums.mismatch(shard) is None


def test_an_index_problem_raised_in_a_worker_reaches_the_main_process_unchanged():
    # Exceptions cross from the writing processes pickled; without __reduce__ the message was wrapped a second time
    # ("the index at the index at ... is damaged ...").
    import pickle

    from search.core.errors import IndexBusy, IndexDamaged

    for problem in (IndexDamaged("/ix", "shard shard-01: EOFError: Ran out of input"), IndexBusy("/ix")):
        copy = pickle.loads(pickle.dumps(problem))
        assert type(copy) is type(problem) and str(copy) == str(problem) and copy.index_dir == "/ix"


def test_a_server_finds_a_changed_segment_in_the_background_and_answers_from_the_other_shards(index_dir):
    # Bytes that no reader fails on would be served as they decode: the server compares the checksums after it
    # opens, and the changed shard then answers nothing (the notice names it) rather than a damaged answer.
    import time

    from search.core.engine import SearchEngine
    from search.whoosh_backend import checksums

    complete = SearchEngine(str(index_dir), warm=False, workers=0).search("ایران")
    path = _segment(index_dir)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit: nothing notices it on opening
    path.write_bytes(bytes(data))
    assert checksums.mismatch(str(index_dir / "shard-00"))
    engine = SearchEngine(str(index_dir), warm=True, workers=0)
    shard = engine.coordinator.handles[0].shard
    deadline = time.monotonic() + 20
    while shard.damaged is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "changed on disk" in shard.damaged and engine.coordinator.handles[1].shard.damaged is None
    partial = engine.search("ایران")
    assert partial["missing_shards"] == ["shard-00"] and 0 < partial["total"] < complete["total"]
    client = create_app({"INDEX_DIR": str(index_dir), "ENGINE_OPENER": lambda d: engine}).test_client()
    response = client.get("/api/search?q=ایران")
    assert response.status_code == 200 and "shards_missing" in [n["code"] for n in response.get_json()["notices"]]


def test_a_segment_merged_away_during_the_check_is_not_damage(index_dir, monkeypatch):
    # Review: a commit deleting merged segments while the server hashed them marked a healthy shard damaged for
    # good (FileNotFoundError is an OSError).
    from search.core.engine import SearchEngine
    from search.whoosh_backend import checksums

    shard = str(index_dir / "shard-00")
    names = checksums.segment_files(shard)
    real_crc = checksums.crc32

    def gone(path):
        raise FileNotFoundError(path)

    monkeypatch.setattr(checksums, "crc32", gone)
    assert checksums.mismatch(shard) is None
    # a file that differs, but that the latest commit no longer names (read again after the difference)
    calls = {"n": 0}

    def named(path):
        calls["n"] += 1
        return names if calls["n"] == 1 else []

    monkeypatch.setattr(checksums, "crc32", lambda path: real_crc(path) + 1)
    monkeypatch.setattr(checksums, "segment_files", named)
    assert checksums.mismatch(shard) is None
    monkeypatch.undo()
    engine = SearchEngine(str(index_dir), warm=False, workers=0)
    searcher = engine.coordinator.handles[0].shard
    searcher.damaged = "the segment file X changed on disk since it was written (checksum)"
    searcher._verify()  # a later check that finds the shard whole clears it
    assert searcher.damaged is None and engine.search("ایران")["missing_shards"] == []
    engine.close()


def test_commits_picked_up_during_a_check_make_one_more_pass_not_more_threads(index_dir, monkeypatch):
    import threading
    import time

    from search.core.engine import SearchEngine
    from search.whoosh_backend import checksums

    engine = SearchEngine(str(index_dir), warm=False, workers=0)
    searcher = engine.coordinator.handles[0].shard
    release, calls, started = threading.Event(), [], threading.Event()

    def slow_mismatch(path, verified=None):
        calls.append(threading.get_ident())
        started.set()
        release.wait(10)

    monkeypatch.setattr(checksums, "mismatch", slow_mismatch)
    searcher._check_in_background()
    assert started.wait(10)
    for _ in range(3):  # three commits picked up while the first pass hashes
        searcher._check_in_background()
    release.set()
    deadline = time.monotonic() + 10
    while searcher._verify_state != "idle" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert searcher._verify_state == "idle" and len(calls) == 2 and len(set(calls)) == 1  # one thread, one more pass
    engine.close()
