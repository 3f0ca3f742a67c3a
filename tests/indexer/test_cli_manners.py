"""CLI manners: no traceback on a closed pipe, one message for a missing index from every command, out-of-range
numbers are errors, a page past the last one says so."""

import subprocess
import sys
from pathlib import Path

import pytest

import bayegan
from indexer_helpers import write_jsonl

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_index(tmp_path, index_cli):
    articles = [{"id": f"p{i}", "title": f"خبر بازار شماره {i}", "body": "بازار کتاب رونق گرفت"} for i in range(12)]
    index_cli(write_jsonl(tmp_path / "a.jsonl", articles), "--index", tmp_path / "ix")
    return tmp_path / "ix"


def test_a_closed_pipe_ends_the_command_without_a_traceback(small_index):
    # `bayegan stats --index I | head -1`: the reader is gone before the command writes (closed at once here,
    # so the write always meets a closed pipe).
    for command in (["stats", "--index", str(small_index)], ["search", "بازار", "--index", str(small_index)]):
        proc = subprocess.Popen([sys.executable, "-m", "bayegan", *command], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait() == 141
        assert err == "", err


@pytest.mark.parametrize("command", [
    ["stats"], ["search", "ایران"], ["serve", "--port", "0"], ["delete", "x"], ["compact"]])
def test_every_command_names_a_missing_index_the_same_way(tmp_path, capsys, command):
    missing = str(tmp_path / "nowhere")
    assert bayegan.main([*command, "--index", missing]) == 2
    assert capsys.readouterr().err.strip() == (f"bayegan: error: no index at {missing} "
                                               f"(create one with bayegan index ARCHIVE --index {missing})")


@pytest.mark.parametrize("option, value", [("--limit", "-5"), ("--limit", "0"), ("--limit", "1001"),
                                           ("--page", "0"), ("--limit", "ده")])
def test_out_of_range_numbers_are_errors_not_clamped(small_index, capsys, option, value):
    with pytest.raises(SystemExit) as exit_:
        bayegan.main(["search", "بازار", "--index", str(small_index), option, value])
    assert exit_.value.code == 2
    assert f"argument {option}: must be a whole number" in capsys.readouterr().err


def test_a_page_past_the_last_one_says_so(small_index, capsys):
    assert bayegan.main(["search", "بازار", "--index", str(small_index), "--limit", "5", "--page", "9"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("12 results (")
    assert lines[1] == "page 9 is past the last page (3 page(s) of 5)"
