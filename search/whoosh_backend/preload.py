"""Imported once by the fork server of the shard worker processes: every worker then starts with the analyzers'
tables loaded and this backend imported (seconds of work done once, not once per worker)."""

from analyzers.analysis import warm_up
from search.core import snippets
from search.whoosh_backend import shard  # noqa: F401 - imported for the forked workers

warm_up()
snippets.matches("علی لاریجانی در تهران", {"تهران"})
