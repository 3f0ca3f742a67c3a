"""Snippets: the best fragments of an article body with the matched words marked.

The body is re-analyzed with the index analyzer, whose tokens carry offsets into the ORIGINAL text, so a match is
marked on the characters as printed: «كتاب» with Arabic kaf, «می‌کند» with or without its half-space, digits in any
script. Everything outside the ``<mark>`` tags is HTML-escaped.
"""

import functools
import html

from analyzers.analysis import index_analyzer

FRAGMENT_CHARS = 180
MAX_FRAGMENTS = 2
MAX_ANALYZED_CHARS = 20_000  # a pathological body must not make one hit slow
ELLIPSIS = " … "


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


def snippet(text: str, terms) -> str:
    """HTML: up to two fragments of ``text`` around the densest matches, matches in <mark>; else the lead."""
    text = text or ""
    spans = matches(text, terms)
    if not spans:
        return html.escape(_cut(text, 0, FRAGMENT_CHARS)[2])
    windows = _best_windows(text, spans)
    parts = []
    for lo, hi in windows:
        inside = [s for s in spans if s[0] >= lo and s[1] <= hi]
        parts.append(_render(text, lo, hi, inside))
    prefix = "… " if windows[0][0] > 0 else ""
    suffix = " …" if windows[-1][1] < len(text) else ""
    return prefix + ELLIPSIS.join(parts) + suffix


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


def _render(text, lo, hi, spans):
    out, pos = [], lo
    for start, end, _ in spans:
        if start < pos:
            continue
        out.append(html.escape(text[pos:start]))
        out.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        pos = end
    out.append(html.escape(text[pos:hi]))
    return "".join(out).replace("\n", " ")
