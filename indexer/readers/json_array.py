"""A JSON document of articles, streamed with ijson: an array of article objects, an object holding such an array
(``{"articles": [...]}``), or one article object. A ``.json`` file that is really JSON Lines is read as such.

The document is fed to ijson's event parser one line (or 64 kB piece of a long line) at a time, so memory holds one
article, whatever the file's size, and each element is reported at the line where it starts. Elements nested too
deep or larger than the record limit are skipped while parsing, without being built. Past a syntax error the
document has no reliable element boundaries left: the error is reported at its line and the rest is not read.
"""

import re

import ijson

from indexer.aliases import looks_like_article_key
from indexer.readers.jsonl import is_json_lines, read_jsonl
from indexer.readers.record import MAX_DEPTH, MAX_RECORD_BYTES, TOO_DEEP, Record, too_large
from indexer.readers.text import decoded_chunks, detect_encoding, open_binary, read_head
from indexer.readers.values import REPLACED, checked_object, json_type

# ijson's C parser turns a lone surrogate escape into "?" without a word: make it U+FFFD, and say so.
_LONE_SURROGATE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
                             r"|(?<![0-9a-fA-F]{4})(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")
_OPEN = ("start_map", "start_array")
_CLOSE = ("end_map", "end_array")


def read_json(path: str, encoding: str | None = None):
    charset = detect_encoding(read_head(path), encoding)
    head = read_head(path).decode(charset, errors="replace")
    if is_json_lines(head):
        yield from read_jsonl(path, encoding)
        return
    with open_binary(path) as stream:
        yield from _Elements(path).read(decoded_chunks(stream, charset))


class _Elements:
    """Turns ijson events into one ``Record`` per article element.

    ``level`` of an event is the nesting depth of the value it belongs to (the document itself is level 0).
    Articles sit at ``element_level``: 1 in a root array, 2 in an array wrapped in a root object, 0 when the root
    object is itself the article.
    """

    def __init__(self, path: str):
        self.path = path
        self.depth = 0
        self.element_level = None
        self.done = False           # past the wrapped array: nothing more to read
        self.builder = None         # the element being built, if any
        self.start = 0              # line where it started
        self.size = 0               # bytes fed since it started
        self.problem = None         # why it will be skipped
        self.warnings = []
        self.root_keys = []
        self.line = 1

    def read(self, chunks):
        events = ijson.sendable_list()
        parser = ijson.basic_parse_coro(events, use_float=True)
        try:
            for self.line, chunk, warning in chunks:
                chunk, lone = _LONE_SURROGATE.subn(r"\\ufffd", chunk)
                for note in ([warning] if warning else []) + ([REPLACED] if lone else []):
                    if note not in self.warnings:
                        self.warnings.append(note)
                data = chunk.encode("utf-8")
                self.size += len(data)
                parser.send(data)
                yield from self._records(events)
            parser.close()
            yield from self._records(events)
        except ijson.JSONError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "incomplete document"
            yield Record(self.path, self.line, error=f"invalid JSON ({reason}); the rest of the file is unreadable",
                         warnings=self.warnings)

    def _records(self, events):
        for event, value in events:
            if event in _CLOSE:
                self.depth -= 1
            level = self.depth
            if event in _OPEN:
                self.depth += 1
            record = self._event(event, value, level)
            if record is not None:
                yield record
        del events[:]

    def _event(self, event, value, level) -> Record | None:
        if self.done:
            return None
        if self.element_level is None:  # the document's first event says where the articles are
            if event == "start_array":
                self.element_level = 1
                return None
            if event != "start_map":
                self.done = True
                return Record(self.path, self.line, error=f"not a JSON object or array ({json_type(value)})")
            self.element_level = 0
        if self.builder is None:
            if level != self.element_level or event in _CLOSE:
                if self.element_level == 2 and level == 1 and event == "end_array":
                    self.done = True
                return None
            if event not in _OPEN:
                return Record(self.path, self.line, error=f"not a JSON object ({json_type(value)})")
            self.builder, self.start, self.size, self.problem = ijson.ObjectBuilder(), self.line, 0, None
        if self.element_level == 0 and level == 1 and self._wraps_articles(event, value):
            self.builder, self.element_level = None, 2  # {"articles": [...]}: its elements are the articles
            return None
        if self.problem is None:
            if level - self.element_level >= MAX_DEPTH:
                self.problem = TOO_DEEP
            elif self.size > MAX_RECORD_BYTES:
                self.problem = "too large"
            else:
                self.builder.event(event, value)
        if level == self.element_level and event in _CLOSE:
            return self._finish()
        return None

    def _wraps_articles(self, event, value) -> bool:
        if event == "map_key":
            self.root_keys.append(value)
            return False
        return event == "start_array" and not any(looks_like_article_key(k) for k in self.root_keys)

    def _finish(self) -> Record:
        builder, self.builder = self.builder, None
        warnings, self.warnings = self.warnings, []
        if self.element_level == 0:
            self.done = True
        if self.problem == "too large":
            record = too_large(self.path, self.start, "array element")
            record.warnings = warnings
            return record
        if self.problem:
            return Record(self.path, self.start, error=self.problem, warnings=warnings)
        data, reason = checked_object(builder.value, warnings)
        return Record(self.path, self.start, data=data, error=reason, warnings=warnings)
