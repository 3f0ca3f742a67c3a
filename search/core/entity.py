"""What the archive says about one person or country: its entity page.

Mentions over time, the persons and countries most often named with it (and the most over-represented ones), the
name variants the articles write it with, and its latest articles, all from one match of the entity's filter
(``person=<key>`` or ``country=<code>``) over the whole archive. Variants are read from the latest articles only
(``VARIANT_SAMPLE``): the entity extractor runs again on their text, which costs milliseconds per article.
"""

from collections import Counter

from search.core import comentions, shape, timeline
from search.core.facets import BY_NAME

KINDS = ("person", "country")
LATEST = 10
VARIANT_SAMPLE = 50


def page(coordinator, base, kind: str, key: str, *, interval: str = "auto", calendar: str = "jalali",
         limit: int = comentions.LIMIT) -> dict | None:
    """The entity page's data, or None when no live article names ``key``. ``base``: the request (newest first,
    no facets) the entity's filter is added to."""
    from dataclasses import replace

    from search.core.searching import _fetch, matched

    if kind not in KINDS or not isinstance(key, str):
        return None
    view = coordinator.view()
    if key not in view.table(kind).ids:  # a key as the facets and chips give it, never a name to resolve
        return None
    m = matched(coordinator, replace(base, filters={kind: [key]}), view, k=max(LATEST, VARIANT_SAMPLE),
                histogram=True, final_counts=comentions.KINDS)
    if not m.total:
        return None
    value = key
    label = BY_NAME[kind].label(value)
    newest = m.ranked(0, VARIANT_SAMPLE)
    latest = [h for h in _fetch(coordinator, m.view, newest[:LATEST], set()) if h is not None]
    return {
        "kind": kind, "key": value, "label": label, "total": m.total,
        "timeline": timeline.of_matched(coordinator, m, label=label, interval=interval, calendar=calendar,
                                        normalize=False),
        "comentions": comentions.lists(coordinator, m.view, m.matches, m.total, limit=limit, exclude=(value,)),
        "variants": variants(coordinator, m.view, newest, kind, value),
        "latest": [shape.hit(h) for h in latest],
    }


def variants(coordinator, view, ranked, kind: str, key: str) -> list[dict]:
    """``[{"form", "articles"}]``: the surface forms of ``key`` in the ``ranked`` articles, most used first."""
    by_shard = {}
    for _, shard, docnum in ranked:
        by_shard.setdefault(shard, []).append(docnum)
    futures = [coordinator.handles[s].call("mention_forms", docs, kind, key, view.generations[s])
               for s, docs in sorted(by_shard.items())]
    counts = Counter()
    for future in futures:
        for forms in coordinator._result(future):
            counts.update(forms)
    return [{"form": form, "articles": n} for form, n in sorted(counts.items(), key=lambda p: (-p[1], p[0]))]
