"""Property-based (Hypothesis): any bytes, in any supported format, are read into records that are indexed or
reported (FILE:LINE: reason), never a crash, and every string that reaches a document can be encoded."""

import gzip
import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.articles import to_article
from indexer.document import to_document
from indexer.mapping import FieldMap
from indexer.readers import read_records
from indexer.survey import survey

EXTENSIONS = {"jsonl": ".jsonl", "json": ".json", "csv": ".csv", "tsv": ".tsv", "txt": ".txt", "html": ".html",
              "warc": ".warc", "feed": ".rss"}
SETTINGS = settings(max_examples=int(__import__("os").environ.get("BAYEGAN_HYPOTHESIS_EXAMPLES", 40)), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12)
article_like = st.dictionaries(st.sampled_from(["id", "title", "body", "tags", "date", "عنوان", "متن", "x"]),
                               json_values, max_size=6)
# Text made of the characters that matter to the formats' syntax, plus Persian letters and surrogate escapes.
TOKENS = list('{}[]",:\n\t<>/=\'abc') + list("متنخبر ") + [
    "\\ud800", "\\udfff", '"id"', '"title"', "<rss>", "<item>", "<title>", "<html>", "<p>", "WARC/1.0\r\n", "NaN"]
syntax_text = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)


def _check(tmp_path, name: str, raw: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(raw)
    field_map = FieldMap()
    for record in read_records([str(path)], None):
        assert record.path == str(path)
        assert not (record.data is not None and record.error)
        assert record.where.startswith(str(path))
        article, reason, _ = to_article(record, field_map)
        assert article is None or reason is None
        # to_document directly, not the writer's guarded call: an exception here is a failure.
        for value in (to_document(article) if article else {}).values():
            if isinstance(value, str):
                value.encode("utf-8")
    survey([str(path)], None, None, field_map, lambda line: None)


@SETTINGS
@given(fmt=st.sampled_from(sorted(EXTENSIONS)), raw=st.binary(max_size=400), compress=st.booleans())
def test_any_bytes_in_any_format_are_read_without_a_crash(tmp_path, fmt, raw, compress):
    name = "archive" + EXTENSIONS[fmt] + (".gz" if compress else "")
    _check(tmp_path, name, gzip.compress(raw) if compress else raw)


@SETTINGS
@given(records=st.lists(article_like | json_values, max_size=5), as_array=st.booleans())
def test_any_json_values_are_read_without_a_crash(tmp_path, records, as_array):
    text = json.dumps(records) if as_array else "\n".join(json.dumps(r) for r in records)
    _check(tmp_path, "archive.json" if as_array else "archive.jsonl", text.encode("utf-8"))


@SETTINGS
@given(text=syntax_text, fmt=st.sampled_from(["jsonl", "json", "csv", "html", "feed"]),
       encoding=st.sampled_from(["utf-8", "utf-16", "cp1256"]))
def test_syntax_like_text_in_any_encoding_is_read_without_a_crash(tmp_path, text, fmt, encoding):
    _check(tmp_path, "archive" + EXTENSIONS[fmt], text.encode(encoding, errors="replace"))


@SETTINGS
@given(cells=st.lists(st.lists(st.text(alphabet=string.printable + "متن،", max_size=12), max_size=4), max_size=5))
def test_any_csv_cells_are_read_without_a_crash(tmp_path, cells):
    text = "\n".join(",".join(row) for row in [["id", "title", "body"], *cells])
    _check(tmp_path, "archive.csv", text.encode("utf-8"))
