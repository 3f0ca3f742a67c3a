"""Imported once by the fork server that starts worker processes (indexing and shard search): every worker then
begins with hazm's tables, the lexicons and the entity recognizers loaded (seconds of work done once, shared)."""

from analyzers.startup import warm_all

warm_all()
