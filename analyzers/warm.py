"""Imported once by the fork server that starts worker processes (indexing and shard search): every worker then
begins with hazm's tables, the lexicons and the entity recognizers loaded (seconds of work done once, shared)."""

from analyzers.analysis import warm_up
from analyzers.entities import extract

warm_up()
extract("علی لاریجانی روز ۲۱ دی ۱۳۸۷ در تهران با سفیر سوریه دیدار کرد.")
