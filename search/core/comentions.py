"""Co-mentions: the persons and countries named with a query's matches, by count and by significance.

A plain count favours what the whole archive names often (every article on Iran names Iran). Significance asks
what is *over-represented* among the matches compared with the archive, as Elasticsearch's ``significant_terms``
aggregation does with its default JLH score: with ``fg`` the share of the matches that name a value and ``bg`` the
share of the whole archive,

    score = (fg - bg) * (fg / bg)   when fg > bg, else 0

(the absolute change times the relative change: a value must be both common among the matches and much more
common than usual). As there, a value needs ``min_count`` matches (default 3) to be scored at all: one or two
articles are noise. The counts come from the shards' facet columns over the matches (``ShardMatch.final_counts``)
and over the whole archive (cached per view).
"""

import numpy as np

from search.core import labels
from search.core.facets import BY_NAME

KINDS = ("person", "country")
LIMIT = 10
MAX_LIMIT = 50
MIN_COUNT = 3


def background(coordinator, view, facet: str) -> np.ndarray:
    """Live articles per global value of ``facet`` over the whole archive (once per view)."""
    return view.cached(("facet-counts", facet), lambda: coordinator.facet_counts(view, facet)[1])


def jlh(fg_counts: np.ndarray, fg_size: int, bg_counts: np.ndarray, bg_size: int) -> np.ndarray:
    """Elasticsearch's JLH score of every value (0 where the value is not over-represented)."""
    if not fg_size or not bg_size:
        return np.zeros(len(fg_counts))
    fg = fg_counts / fg_size
    bg = np.where(bg_counts > 0, bg_counts / bg_size, np.inf)
    return np.where(fg > bg, (fg - bg) * (fg / bg), 0.0)


def lists(coordinator, view, matches, total: int, *, limit: int = LIMIT, min_count: int = MIN_COUNT,
          exclude=()) -> dict:
    """``{kind: {"significant": [...], "frequent": [...]}}`` for persons and countries. Each entry is
    ``{value, label, count, background, score}``; ``exclude``: values left out (an entity's own page)."""
    out = {}
    for kind in KINDS:
        facet = BY_NAME[kind]
        table = view.table(kind)
        fg = table.total([m.final_counts.get(kind) for m in matches])
        bg = background(coordinator, view, kind)
        scores = jlh(fg, total, bg, view.doc_count)
        for value in exclude:
            if value in table.ids:
                fg[table.ids[value]] = 0
        out[kind] = {"significant": _top(facet, table, fg, bg, scores, limit, by_score=True, min_count=min_count),
                     "frequent": _top(facet, table, fg, bg, scores, limit, by_score=False, min_count=1)}
    return out


def _top(facet, table, fg, bg, scores, limit, by_score: bool, min_count: int) -> list[dict]:
    keep = fg >= max(1, min_count)
    if by_score:
        keep &= scores > 0
    index = np.flatnonzero(keep)
    key = scores[index] if by_score else fg[index].astype(float)
    if len(index) > limit * 4:  # only the leaders can make the list: label and collate few
        cut = np.partition(key, -limit)[-limit]
        index, key = index[key >= cut], key[key >= cut]
    rows = [{"value": table.values[i], "label": facet.label(table.values[i]), "count": int(fg[i]),
             "background": int(bg[i]), "score": round(float(scores[i]), 6)} for i in index.tolist()]
    collate = labels.collator().getSortKey
    primary = "score" if by_score else "count"
    rows.sort(key=lambda r: (-r[primary], -r["count"], collate(r["label"])))
    return rows[:limit]
