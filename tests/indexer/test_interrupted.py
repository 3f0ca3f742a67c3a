"""A run killed with SIGKILL after its first commit leaves a readable index; the same command completes it."""

import subprocess
import sys
import time
from pathlib import Path

from indexer_helpers import write_jsonl
from shard_helpers import shard_indexes

ROOT = Path(__file__).resolve().parents[2]
TOTAL = 1500


def _wait_for_first_commit(index_dir: Path, proc, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # Generation 0 is an empty shard; a TOC with a higher generation is a commit.
        if any(p.name != "_MAIN_0.toc" for p in index_dir.glob("shard-*/_MAIN_*.toc")):
            return
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.005)
    raise AssertionError("no commit within the timeout")


def _wait_for_writers_to_exit(index_dir: Path, timeout: float = 30.0) -> None:
    from whoosh.filedb.filestore import FileStorage

    for shard in sorted(index_dir.glob("shard-*")):
        lock = FileStorage(str(shard)).lock("MAIN_WRITELOCK")
        deadline = time.monotonic() + timeout
        while not lock.acquire():
            assert time.monotonic() < deadline, f"{shard} is still locked"
            time.sleep(0.05)
        lock.release()


def test_killed_run_leaves_a_readable_index_and_a_rerun_completes_it(tmp_path, index_cli):
    articles = [{"id": f"k{i}", "title": f"خبر شماره {i}", "body": "متن کوتاه خبر برای آزمون " * 3}
                for i in range(TOTAL)]
    archive = write_jsonl(tmp_path / "big.jsonl", articles)
    index_dir = tmp_path / "ix"
    proc = subprocess.Popen([sys.executable, "-m", "bayegan", "index", str(archive), "--index", str(index_dir),
                             "--batch", "25", "--jobs", "2", "--shards", "2"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_first_commit(index_dir, proc)
    finally:
        proc.kill()
        proc.wait()

    _wait_for_writers_to_exit(index_dir)  # the killed run's workers notice and exit within a second
    kept = sum(ix.doc_count() for ix in shard_indexes(index_dir))
    assert 0 < kept < TOTAL

    run = index_cli(archive, "--index", index_dir)
    assert run.code == 0
    assert run.summary["documents"] == TOTAL
    assert run.summary["replaced"] == kept


def test_index_being_written_by_another_process_is_a_clear_error(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "title": "خبر"}])
    index_cli(archive, "--index", tmp_path / "ix")
    writer = shard_indexes(tmp_path / "ix")[0].writer()
    try:
        run = index_cli(archive, "--index", tmp_path / "ix")
    finally:
        writer.cancel()
    assert run.code == 2
    assert "another process is writing" in run.err
