"""Before a run: what each archive looks like, printed, and ``--field`` checked against the columns that exist.

For JSON Lines, JSON and CSV/TSV archives the first records of each file are read: their encoding, their columns
and the article field each column feeds are printed once per distinct layout, so a wrong guess is seen before an
hour of indexing. A ``--field FIELD=KEY`` naming a column that none of them has is an error listing the columns
found (indexing 300 articles with empty bodies helps nobody). Pages, WARC and feeds need no mapping.
"""

import itertools

from indexer.mapping import ARTICLE_FIELDS, FieldMap, norm_key
from indexer.readers import archive_files, read_file
from indexer.readers.text import detect_encoding, label, read_head

SAMPLE_RECORDS = 50
MAX_FILES = 200
_MAPPED = ("jsonl", "json", "csv", "tsv")


class FieldError(ValueError):
    """A ``--field`` names a column no archive has."""


def survey(paths, fmt: str | None, encoding: str | None, field_map: FieldMap, report) -> None:
    layouts: dict[tuple, list[str]] = {}
    columns: dict[str, str] = {}
    mapped = (path for path, file_fmt in archive_files(paths, fmt) if file_fmt in _MAPPED)
    for path in itertools.islice(mapped, MAX_FILES):
        keys: dict = {}
        for record in itertools.islice(read_file(path, fmt, encoding), SAMPLE_RECORDS):
            keys.update(dict.fromkeys(record.data or ()))
        if not keys:
            continue
        for key in keys:
            columns.setdefault(norm_key(key), str(key))
        charset = label(detect_encoding(read_head(path), encoding))
        plan = field_map.plan(keys)
        unused = tuple(str(k) for k in keys if k not in plan.values())
        layouts.setdefault((charset, tuple(plan.items()), unused), []).append(path)
    for (charset, plan, unused), files in layouts.items():
        more = f" (and {len(files) - 1} more files)" if len(files) > 1 else ""
        fields = ", ".join(f"{name} <- {key}" for name, key in plan) or "none"
        line = f"{files[0]}{more}: {charset}; fields: {fields}"
        report(line + (f"; columns not used: {', '.join(unused)}" if unused else ""))
    _check_overrides(field_map, columns)


def _check_overrides(field_map: FieldMap, columns: dict[str, str]) -> None:
    if not columns:
        return
    for name in ARTICLE_FIELDS:
        key = field_map.overrides.get(name)
        if key and key not in columns:
            raise FieldError(f"--field {name}={field_map.requested[name]}: no archive has a column "
                             f"{field_map.requested[name]!r}; "
                             f"the columns found are: {', '.join(columns.values())}")
