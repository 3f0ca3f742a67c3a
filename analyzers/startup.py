"""What a process that analyzes text or queries builds before its first one: hazm's tables, the lexicons and the
entity recognizers (seconds of work). Called by the fork server of the worker processes (``analyzers.warm``) and,
in a thread beside the shard workers' start, by ``bayegan serve``."""

from analyzers.analysis import warm_up
from analyzers.entities import extract

SAMPLE = "علی لاریجانی روز ۲۱ دی ۱۳۸۷ در تهران با سفیر سوریه دیدار کرد."  # a person, a date, a place, a country


def warm_all() -> None:
    warm_up()
    extract(SAMPLE)
