"""Progress reporting when stderr is not a terminal."""

from indexer_helpers import ARTICLES, write_jsonl


def test_without_a_terminal_progress_is_plain_log_lines(tmp_path, monkeypatch):
    from indexer import build

    monkeypatch.setattr(build, "LOG_EVERY", 0.0)
    lines = []
    build.index_archives([str(write_jsonl(tmp_path / "a.jsonl", ARTICLES))], str(tmp_path / "ix"), jobs=0,
                         report=lines.append)
    assert lines[-1].startswith("indexed 3 articles, ") and "articles/s" in lines[-1]
    assert not any("\r" in line for line in lines)
