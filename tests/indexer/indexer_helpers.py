"""Helpers for indexer tests: small archives written by the tests, and what the index holds."""

import gzip
import json
from pathlib import Path

from shard_helpers import search_ids, stored_docs  # noqa: F401 - re-exported for the indexer tests


class IndexRun:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err

    @property
    def summary(self) -> dict:
        return json.loads(self.out)


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
