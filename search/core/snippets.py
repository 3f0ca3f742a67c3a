"""Snippets as data: the best fragments of an article body and the spans of the matched words in them.

The body is re-analyzed with the index analyzer, whose tokens carry offsets into the ORIGINAL text, so a match is
marked on the characters as printed: «كتاب» with Arabic kaf, «می‌کند» with or without its half-space, digits in any
script. An excerpt is ``{"fragments": [{"text", "marks": [[start, end], ...]}], "before": bool, "after": bool}``
(``before``/``after``: the body goes on beyond the fragments); the web page marks the spans in HTML, the CLI in
plain text, and ``search.core.shape`` writes the API's HTML ``snippet`` from the same data.
"""

import functools

from analyzers.analysis import index_analyzer

FRAGMENT_CHARS = 180
MAX_FRAGMENTS = 2
MAX_ANALYZED_CHARS = 20_000  # a pathological body must not make one hit slow


@functools.lru_cache(maxsize=1)
def _analyzer():
    return index_analyzer()


def matches(text: str, terms) -> list[tuple[int, int, str]]:
    """(start, end, term) of every token of ``text`` whose analyzed form is in ``terms``."""
    if not terms or not text:
        return []
    found = []
    for t in _analyzer()(text[:MAX_ANALYZED_CHARS], chars=True, mode="index"):
        if t.text in terms:
            found.append((t.startchar, t.endchar, t.text))
    return found


def excerpt(text: str, terms) -> dict:
    """Up to two fragments of ``text`` around the densest matches with the matches' spans; else the lead."""
    text = text or ""
    spans = matches(text, terms)
    if not spans:
        return _lead(text)
    windows = _best_windows(text, spans)
    fragments = []
    for lo, hi in windows:
        marks, pos = [], lo
        for start, end, _ in spans:
            if start >= pos and start >= lo and end <= hi:
                marks.append([start - lo, end - lo])
                pos = end
        fragments.append({"text": text[lo:hi].replace("\n", " "), "marks": marks})
    return {"fragments": fragments, "before": windows[0][0] > 0, "after": windows[-1][1] < len(text)}


def first_passage(text: str, terms) -> dict:
    """One fragment around the FIRST match of ``terms`` in ``text`` (else the lead), shaped like ``excerpt``:
    what an export row carries. The text is analyzed only up to the end of that fragment, so a row costs a
    fraction of a full excerpt (whose windows need every match of the whole text)."""
    text = text or ""
    if terms and text:
        tokens = _analyzer()(text[:MAX_ANALYZED_CHARS], chars=True, mode="index")
        for token in tokens:
            if token.text not in terms:
                continue
            lo, hi, fragment = _cut(text, max(0, token.startchar - 40), FRAGMENT_CHARS)
            marks = [[token.startchar - lo, token.endchar - lo]]
            for later in tokens:  # the same generator: analysis goes on from the first match
                if later.endchar > hi:
                    break
                if later.text in terms:
                    marks.append([later.startchar - lo, later.endchar - lo])
            return {"fragments": [{"text": fragment, "marks": marks}], "before": lo > 0, "after": hi < len(text)}
    return _lead(text)


def _lead(text):
    lead = _cut(text, 0, FRAGMENT_CHARS)[2]
    return {"fragments": [{"text": lead, "marks": []}] if lead else [], "before": False, "after": False}


def _best_windows(text, spans):
    """Windows of ~FRAGMENT_CHARS chars, each starting a little before a match, ranked by distinct terms then
    count; the best ones that do not overlap, returned in text order."""
    scored = []
    for i, (start, _, _) in enumerate(spans):
        lo = max(0, start - 40)
        hi = lo + FRAGMENT_CHARS
        inside = [s for s in spans[i:] if s[1] <= hi]
        scored.append((len({s[2] for s in inside}), len(inside), -start, lo, hi))
    scored.sort(reverse=True)
    chosen = []
    for _, _, _, lo, hi in scored:
        if all(hi <= a or lo >= b for a, b in chosen):
            chosen.append((lo, hi))
        if len(chosen) == MAX_FRAGMENTS:
            break
    result = []
    for lo, hi in sorted(chosen):
        lo, hi, _ = _cut(text, lo, hi - lo)
        result.append((lo, hi))
    return result


def _cut(text, lo, length):
    """Widen/narrow [lo, lo+length) to word boundaries (any white space, or the ends of the text) so no word is
    split: a boundary moves outward by up to WORD_SLACK characters, else inward past the long word."""
    hi = min(len(text), lo + length)
    lo = _boundary(text, lo, -1)
    hi = _boundary(text, hi, +1)
    return lo, hi, text[lo:hi].replace("\n", " ")


WORD_SLACK = 20


def _boundary(text, pos, outward):
    """The nearest word boundary to ``pos``: outward (-1: towards the start, +1: towards the end) if one is within
    WORD_SLACK characters, otherwise inward."""
    def at_boundary(i):
        return i <= 0 or i >= len(text) or text[i - 1].isspace() or text[i].isspace()

    for step in (outward, -outward):
        i = pos
        for _ in range(WORD_SLACK):
            if at_boundary(i):
                return max(0, min(len(text), i))
            i += step
    return pos
