"""Helpers for indexer tests: small archives written by the tests, and what the index holds."""

import gzip
import json
from pathlib import Path

from whoosh.filedb.filestore import FileStorage


class IndexRun:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err

    @property
    def summary(self) -> dict:
        return json.loads(self.out)


def stored_docs(index_dir) -> dict[str, dict]:
    """id -> stored fields of every live document."""
    ix = FileStorage(str(index_dir)).open_index("MAIN")
    with ix.searcher() as searcher:
        return {doc["id"]: doc for doc in searcher.documents()}


def search_ids(index_dir, field: str, text: str) -> set[str]:
    """Ids of the documents whose ``field`` holds the term ``text`` (as indexed)."""
    from whoosh.query import Term
    ix = FileStorage(str(index_dir)).open_index("MAIN")
    with ix.searcher() as searcher:
        return {hit["id"] for hit in searcher.search(Term(field, text), limit=None)}


def write_jsonl(path: Path, records, compress: bool = False) -> Path:
    text = "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)
    data = text.encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


ARTICLES = [
    {"id": "a1", "title": "نشست خبری وزیر", "body": "وزیر امور خارجه در نشست خبری درباره سفر به ترکیه سخن گفت.",
     "date": "1387/10/21", "source": "خبرگزاری نمونه", "tags": ["سیاست", "دیپلماسی"], "category": "سیاسی"},
    {"id": "a2", "title": "افتتاح کتابخانه", "body": "کتابخانه تازه شهر با ده هزار جلد کتاب گشایش یافت.",
     "date": "2012-03-05", "source": "روزنامه نمونه"},
    {"id": "a3", "title": "مسابقه فوتبال", "body": "تیم میزبان در دقیقه پایانی گل پیروزی را زد.",
     "date": "1390/01/15"},
]
