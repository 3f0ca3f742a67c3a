"""A commit that fails half-written (a full disk): the index keeps its last commit, and the next run removes what
the failed commit left and completes the index (with or without --rebuild)."""

import errno
import os

import pytest

from indexer.build import index_archives
from indexer_helpers import write_jsonl
from search.whoosh_backend import checksums, sink


def _files(index_dir):
    return {p.name for p in (index_dir / "shard-00").iterdir() if p.is_file()}


def _referenced(index_dir):
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    toc = TOC.read(FileStorage(str(index_dir / "shard-00")), "MAIN")
    # the shard's own name file, and the checksums of its segments
    names = {f"_MAIN_{toc.generation}.toc", "MAIN_WRITELOCK", sink.IDENTITY, checksums.FILE}
    for name in _files(index_dir):
        if any(name.startswith(s.segment_id() + ".") for s in toc.segments):
            names.add(name)
    return names


@pytest.mark.parametrize("rebuild", [False, True])
def test_a_full_disk_is_cleaned_up_by_the_next_run(tmp_path, monkeypatch, rebuild):
    articles = [{"id": f"d{i}", "title": f"خبر {i}", "body": "متن خبر برای آزمون دیسک پر " * 20} for i in range(300)]
    archive = write_jsonl(tmp_path / "a.jsonl", articles)
    index_dir = tmp_path / "ix"
    from whoosh.filedb.filestore import FileStorage

    real_create = FileStorage.create_file
    commits = {"n": 0}

    def create_file(self, name, **kwargs):
        if name.endswith(".seg") and "shard-00" in self.folder:  # a segment's last file: the commit's end
            commits["n"] += 1
            if commits["n"] == 2:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_create(self, name, **kwargs)

    monkeypatch.setattr(FileStorage, "create_file", create_file)
    with pytest.raises(OSError) as failed:
        index_archives([str(archive)], str(index_dir), jobs=0, batch_size=100, report=lambda m: None)
    assert failed.value.errno == errno.ENOSPC
    left = _files(index_dir) - _referenced(index_dir)
    assert left  # the half-written segment is there

    def still_full(self, name, **kwargs):
        # The disk stays full until what the failed commit left is removed: a run that writes first fails.
        if "shard-00" in self.folder and left & _files(index_dir):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_create(self, name, **kwargs)

    monkeypatch.setattr(FileStorage, "create_file", still_full)

    summary = index_archives([str(archive)], str(index_dir), rebuild=rebuild, jobs=0, batch_size=100,
                             report=lambda m: None)
    assert summary.documents == 300
    assert _files(index_dir) == _referenced(index_dir)
    assert sink.remove_leftovers(str(index_dir / "shard-00")) == 0
