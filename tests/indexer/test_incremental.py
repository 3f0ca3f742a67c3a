"""Incremental indexing: same id replaces, re-runs are idempotent, --rebuild starts fresh."""

from indexer_helpers import ARTICLES, search_ids, stored_docs, write_jsonl


def test_indexing_the_same_archive_twice_leaves_the_count_unchanged(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    index_cli(archive, "--index", tmp_path / "ix")
    run = index_cli(archive, "--index", tmp_path / "ix")
    assert run.summary["documents"] == 3
    assert run.summary["replaced"] == 3


def test_article_with_an_existing_id_replaces_it(tmp_path, index_cli):
    index_cli(write_jsonl(tmp_path / "a.jsonl", ARTICLES), "--index", tmp_path / "ix")
    changed = dict(ARTICLES[0], title="تیتر اصلاح‌شده", body="متن تازه درباره زلزله")
    index_cli(write_jsonl(tmp_path / "b.jsonl", [changed]), "--index", tmp_path / "ix")
    docs = stored_docs(tmp_path / "ix")
    assert len(docs) == 3
    assert docs["a1"]["title"] == "تیتر اصلاح‌شده"
    # The old text is gone from the index, the new one is searchable.
    assert search_ids(tmp_path / "ix", "content", "زلزله") == {"a1"}
    assert search_ids(tmp_path / "ix", "content", "ترکیه") == set()


def test_duplicate_id_within_one_archive_keeps_the_last_version(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", [ARTICLES[0], ARTICLES[1], dict(ARTICLES[0], title="آخرین")])
    run = index_cli(archive, "--index", tmp_path / "ix")
    docs = stored_docs(tmp_path / "ix")
    assert len(docs) == 2
    assert docs["a1"]["title"] == "آخرین"
    assert run.summary["replaced"] == 1


def test_replacement_across_commit_batches(tmp_path, index_cli):
    articles = [{"id": f"n{i}", "title": f"خبر {i}"} for i in range(7)]
    archive = write_jsonl(tmp_path / "a.jsonl", articles + [dict(articles[0], title="بازنویسی")])
    run = index_cli(archive, "--index", tmp_path / "ix", "--batch", "3")
    assert run.summary["documents"] == 7
    assert stored_docs(tmp_path / "ix")["n0"]["title"] == "بازنویسی"


def test_rebuild_starts_a_fresh_index(tmp_path, index_cli):
    index_cli(write_jsonl(tmp_path / "old.jsonl", ARTICLES), "--index", tmp_path / "ix")
    new = [{"id": "z", "title": "تنها خبر"}]
    run = index_cli(write_jsonl(tmp_path / "new.jsonl", new), "--index", tmp_path / "ix", "--rebuild")
    assert set(stored_docs(tmp_path / "ix")) == {"z"}
    assert run.summary["replaced"] == 0


def test_worker_process_builds_the_same_index_as_in_process_analysis(tmp_path, index_cli):
    archive = write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    index_cli(archive, "--index", tmp_path / "inproc", jobs=0)
    index_cli(archive, "--index", tmp_path / "worker", jobs=1)
    assert _postings(tmp_path / "inproc") == _postings(tmp_path / "worker")


def _postings(index_dir):
    """Every (field, term, article id, positions) of the text fields, and the stored fields by id."""
    from shard_helpers import shard_indexes

    (ix,) = shard_indexes(index_dir)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        ids = {n: searcher.stored_fields(n)["id"] for n in reader.all_doc_ids()}
        found = set()
        for field in ("title", "content"):
            for term in reader.lexicon(field):
                matcher = reader.postings(field, term)
                while matcher.is_active():
                    found.add((field, term, ids[matcher.id()], tuple(matcher.value_as("positions"))))
                    matcher.next()
        return found, {ids[n]: searcher.stored_fields(n) for n in ids}
