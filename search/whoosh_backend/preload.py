"""Imported once by the fork server of the worker processes, after ``analyzers.warm``: the shard searcher's
modules are then loaded in every worker already."""

from search.core import snippets
from search.whoosh_backend import shard  # noqa: F401 - imported for the forked workers

snippets.matches("علی لاریجانی در تهران", {"تهران"})
