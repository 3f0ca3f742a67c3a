"""What an index folder holds, read shard by shard straight from Whoosh (independently of the search layer)."""

import threading
from concurrent.futures import Future

from search.core import manifest as mf
from search.core import store
from search.whoosh_backend import open_shard_index


def shard_indexes(index_dir) -> list:
    """The Whoosh index of every shard of ``index_dir``, in shard order."""
    return [open_shard_index(p) for p in store.shard_paths(index_dir, mf.read(index_dir))]


def stored_docs(index_dir) -> dict[str, dict]:
    """id -> stored fields of every live document of every shard."""
    out = {}
    for ix in shard_indexes(index_dir):
        with ix.searcher() as searcher:
            out.update((doc["id"], doc) for doc in searcher.documents())
    return out


def search_ids(index_dir, field: str, text: str) -> set[str]:
    """Ids of the documents whose ``field`` holds the term ``text`` (as indexed), in any shard."""
    from whoosh.query import Term

    found = set()
    for ix in shard_indexes(index_dir):
        with ix.searcher() as searcher:
            found |= {hit["id"] for hit in searcher.search(Term(field, text), limit=None)}
    return found


class Flaky:
    """A shard handle that, while ``broken`` names a method, fails it (``mode="raise"``) or never answers it in
    time (``mode="hang"``)."""

    def __init__(self, inner):
        self.inner, self.broken, self.mode = inner, set(), "raise"

    def call(self, method, *args):
        if method not in self.broken:
            return self.inner.call(method, *args)
        future = Future()
        if self.mode == "raise":
            future.set_exception(OSError("segment unreadable"))
        else:
            threading.Timer(3.0, lambda: future.set_result(None)).start()
        return future

    def close(self):
        self.inner.close()
