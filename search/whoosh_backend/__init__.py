"""The Whoosh backend: each shard of an index folder is one Whoosh index.

Every use of Whoosh lives in this package (``internals`` holds the private codec objects, behind a version
check). What the core and the indexer call: ``create_shard``, ``ShardSink`` (writing), ``open_shard`` (a
``ShardSearcher`` for the coordinator), ``shard_stats`` (``bayegan stats``), ``compact_shard``.
"""

from search.whoosh_backend import internals, zero_copy
from search.whoosh_backend.sink import (ShardSink, check_shard, compact_shard, create_shard, open_shard_index,
                                        remove_leftovers)

if internals.FAST:  # segments are read where they lie in the map, not copied per reader (zero_copy)
    zero_copy.install()

NAME = "whoosh"
WORKER_PRELOAD = "search.whoosh_backend.preload"  # what shard worker processes import before forking


def open_shard(path: str, **options):
    from search.whoosh_backend.shard import ShardSearcher

    return ShardSearcher(path, **options)


__all__ = ["NAME", "ShardSink", "check_shard", "compact_shard", "create_shard", "open_shard", "open_shard_index", "remove_leftovers"]
