"""bayegan delete and bayegan compact: what they change, and an index that stays readable when they are killed."""

import subprocess
import sys
import time
from pathlib import Path

import bayegan
from indexer_helpers import ARTICLES, stored_docs, write_jsonl
from shard_helpers import shard_indexes

ROOT = Path(__file__).resolve().parents[2]


def _segments(index_dir) -> int:
    (ix,) = shard_indexes(index_dir)  # the tests index with --jobs 0: one shard
    with ix.reader() as reader:
        return len(reader.leaf_readers())


def _counts(index_dir) -> tuple[int, int]:
    """(documents, documents including deleted ones) of the one shard."""
    (ix,) = shard_indexes(index_dir)
    return ix.doc_count(), ix.doc_count_all()


def _index(tmp_path, index_cli, articles=ARTICLES, batch=1000):
    index_cli(write_jsonl(tmp_path / "a.jsonl", articles), "--index", tmp_path / "ix", "--batch", batch)
    return tmp_path / "ix"


def test_delete_removes_the_named_articles(tmp_path, index_cli, capsys):
    index_dir = _index(tmp_path, index_cli)
    assert bayegan.main(["delete", "--index", str(index_dir), "a1", "a3", "nosuch"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "deleted 2 articles; the index holds 1 documents"
    assert "1 id(s) not in the index: nosuch" in err
    assert set(stored_docs(index_dir)) == {"a2"}


def test_delete_reads_ids_from_a_file(tmp_path, index_cli, capsys):
    index_dir = _index(tmp_path, index_cli)
    (tmp_path / "ids.txt").write_text("# برای حذف\na2\n\na3\n", encoding="utf-8")
    assert bayegan.main(["delete", "--index", str(index_dir), "--ids-from", str(tmp_path / "ids.txt")]) == 0
    assert set(stored_docs(index_dir)) == {"a1"}


def test_delete_without_ids_is_an_error(tmp_path, index_cli, capsys):
    index_dir = _index(tmp_path, index_cli)
    assert bayegan.main(["delete", "--index", str(index_dir)]) == 2
    assert "no ids to delete" in capsys.readouterr().err


def test_compact_merges_segments_and_drops_deleted_documents(tmp_path, index_cli, capsys):
    articles = [{"id": f"c{i}", "title": f"خبر {i}", "body": "متن"} for i in range(200)]
    index_dir = _index(tmp_path, index_cli, articles, batch=40)
    bayegan.main(["delete", "--index", str(index_dir), "c0", "c1"])
    assert _counts(index_dir) == (198, 200)  # deletion marks only
    before = _segments(index_dir)
    assert before > 1
    capsys.readouterr()
    assert bayegan.main(["compact", "--index", str(index_dir)]) == 0
    assert capsys.readouterr().out.strip() == f"compacted {before} segment(s) into 1; the index holds 198 documents"
    assert (_segments(index_dir), *_counts(index_dir)) == (1, 198, 198)


def _kill_when_writing(command, index_dir: Path, timeout: float = 120.0) -> None:
    """Run ``command`` and kill -9 it as soon as it has written a file the index did not have."""
    before = {p.relative_to(index_dir) for p in index_dir.rglob("*")}
    proc = subprocess.Popen([sys.executable, "-m", "bayegan", *command], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if any(p.relative_to(index_dir) not in before and p.name != "MAIN_WRITELOCK"
                   for p in index_dir.rglob("*")):
                break
            time.sleep(0.001)
    finally:
        proc.kill()
        proc.wait()


def test_compact_killed_midway_leaves_a_readable_index_and_a_rerun_completes(tmp_path, index_cli):
    articles = [{"id": f"k{i}", "title": f"خبر شماره {i}", "body": "متن کوتاه خبر برای آزمون " * 20}
                for i in range(600)]
    index_dir = _index(tmp_path, index_cli, articles, batch=40)
    assert _segments(index_dir) > 1
    _kill_when_writing(["compact", "--index", str(index_dir)], index_dir)
    assert _segments(index_dir) > 1  # killed before its commit
    assert _counts(index_dir)[0] == 600
    assert len(stored_docs(index_dir)) == 600
    assert bayegan.main(["compact", "--index", str(index_dir)]) == 0
    assert _segments(index_dir) == 1
    assert len(stored_docs(index_dir)) == 600


def test_delete_killed_midway_is_all_or_nothing(tmp_path, index_cli):
    articles = [{"id": f"k{i}", "title": f"خبر شماره {i}", "body": "متن"} for i in range(600)]
    index_dir = _index(tmp_path, index_cli, articles, batch=100)
    (tmp_path / "ids.txt").write_text("\n".join(f"k{i}" for i in range(0, 600, 2)), encoding="utf-8")
    _kill_when_writing(["delete", "--index", str(index_dir), "--ids-from", str(tmp_path / "ids.txt")], index_dir)
    assert len(stored_docs(index_dir)) in (600, 300)
    assert bayegan.main(["delete", "--index", str(index_dir), "--ids-from", str(tmp_path / "ids.txt")]) == 0
    assert set(stored_docs(index_dir)) == {f"k{i}" for i in range(1, 600, 2)}


def test_delete_and_compact_work_across_shards(tmp_path, index_cli, capsys):
    articles = [{"id": f"s{i}", "title": f"خبر {i}", "body": "متن"} for i in range(30)]
    index_cli(write_jsonl(tmp_path / "a.jsonl", articles), "--index", tmp_path / "ix", "--shards", "3", "--batch", 5)
    index_dir = tmp_path / "ix"
    assert len(shard_indexes(index_dir)) == 3
    gone = [f"s{i}" for i in range(0, 30, 3)]
    assert bayegan.main(["delete", "--index", str(index_dir), *gone]) == 0
    assert capsys.readouterr().out.strip() == "deleted 10 articles; the index holds 20 documents"
    assert bayegan.main(["compact", "--index", str(index_dir)]) == 0
    assert capsys.readouterr().out.strip().endswith("into 3; the index holds 20 documents")
    assert set(stored_docs(index_dir)) == {f"s{i}" for i in range(30)} - set(gone)
    assert bayegan.main(["stats", "--index", str(index_dir), "--json"]) == 0
    assert '"documents": 20' in capsys.readouterr().out
