"""JSON Lines: one article object per line, each parsed on its own so a bad line costs only itself."""

import json

from indexer.readers.record import TOO_DEEP, Record, too_large
from indexer.readers.text import decoded_lines, detect_encoding, open_binary, read_head
from indexer.readers.values import checked_object


def read_jsonl(path: str, encoding: str | None = None):
    charset = detect_encoding(read_head(path), encoding)
    with open_binary(path) as stream:
        for number, line, warning in decoded_lines(stream, charset):
            if line is None:
                yield too_large(path, number, "line")
            elif line.strip():
                yield json_record(path, number, line.lstrip("\ufeff"), [warning] if warning else [])


def json_record(path: str, line: int, text: str, warnings: list[str]) -> Record:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return Record(path, line, error=f"invalid JSON ({exc.msg} at column {exc.colno})", warnings=warnings)
    except RecursionError:  # the C decoder's own recursion guard, far past MAX_DEPTH
        return Record(path, line, error=TOO_DEEP, warnings=warnings)
    data, reason = checked_object(data, warnings)
    return Record(path, line, data=data, error=reason, warnings=warnings)


def is_json_lines(head: str) -> bool:
    """Whether a ``.json`` file is JSON Lines: its first line is a whole object and another line follows."""
    lines = [line for line in head.split("\n") if line.strip()]
    if len(lines) < 2 or not lines[1].lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(lines[0].lstrip("\ufeff")), dict)
    except (json.JSONDecodeError, RecursionError):
        return False
