"""Merging what the shards answer: facet counts over one global value table, candidates into one ranking.

Each shard counts facet values in its own value order; ``FacetTable`` maps every shard's values to one global
table once per generation, so adding the counts of all shards is one ``np.bincount`` per shard. Candidates are
``(key, id, shard, docnum)``; ties always break by article id, so one shard and many give the same order.
"""

import heapq

import numpy as np

from search.core import labels


class FacetTable:
    """The union of one facet's values over all shards, and each shard's map from its local values to it."""

    def __init__(self, per_shard_values: list[list[str]]):
        values = sorted(set().union(*map(set, per_shard_values))) if per_shard_values else []
        self.values = values
        self.ids = {v: i for i, v in enumerate(values)}
        self.maps = [np.array([self.ids[v] for v in vs], dtype=np.int64) for vs in per_shard_values]

    def total(self, per_shard_counts: list) -> np.ndarray:
        out = np.zeros(len(self.values), dtype=np.int64)
        for shard, counts in enumerate(per_shard_counts):
            if counts is not None and len(counts):
                out += np.bincount(self.maps[shard], weights=counts, minlength=len(self.values)).astype(np.int64)
        return out


def buckets(facet, table: FacetTable, counts: np.ndarray, chosen: set, limit: int) -> list[dict]:
    """The ``limit`` most frequent values (ties in Persian alphabetical order) plus every chosen value."""
    nonzero = np.flatnonzero(counts)
    if len(nonzero) > limit * 4:
        # Only the leaders can make the list: avoid labelling and collating thousands of rare names.
        cut = np.partition(counts[nonzero], -limit)[-limit]
        nonzero = nonzero[counts[nonzero] >= cut]
    out = [bucket(facet, table.values[i], int(counts[i]), table.values[i] in chosen) for i in nonzero]
    out = labels.sort_buckets(out)[:limit]
    shown = {b["value"] for b in out}
    for value in sorted(chosen - shown):
        count = int(counts[table.ids[value]]) if value in table.ids else 0
        out.append(bucket(facet, value, count, True))
    return out


def bucket(facet, value, count, selected) -> dict:
    return {"value": value, "label": facet.label(value), "count": count, "selected": selected}


def by_score(lists, k: int) -> list:
    """The best ``k`` of several ``(score, id, shard, docnum)`` lists: score descending, then id."""
    return heapq.nsmallest(k, (c for lst in lists for c in lst), key=lambda c: (-c[0], c[1]))


def by_key(lists, k: int) -> list:
    """The first ``k`` of several ``(date key, id, shard, docnum)`` lists: key ascending, then id."""
    return heapq.nsmallest(k, (c for lst in lists for c in lst), key=lambda c: (c[0], c[1]))


def tagged(shard: int, candidates) -> list:
    return [(key, article_id, shard, docnum) for key, article_id, docnum in candidates]
