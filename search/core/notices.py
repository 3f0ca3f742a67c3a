"""Notices: what the search layer tells about a request, as a code with parameters (data, not sentences).

The search layer never writes a reader's sentence: it returns ``Notice(code, params)``; the web page words each
code in Persian (``web/wording.py``), the CLI and the API's ``messages`` print the short English text below (for
logs and scripts), and the API also returns ``notices`` as ``{"code", "params"}`` with ASCII keys. Every code is
listed here once; a test checks that the web layer words every one.
"""

import contextvars
from dataclasses import dataclass

ENGLISH = {
    # the query text (search.core.syntax)
    "query_truncated": "the query was longer than {limit} characters and was cut",
    "unbalanced_quote": "an unbalanced quotation mark was ignored",
    "too_many_words": "only the first {limit} words of the query were searched",
    "field_without_value": "the field {field}: had no value and was ignored",
    "unknown_field": "{field}: is not a field ({fields}); {value!r} was searched as words",
    "lone_operator": "the lone operator {operator!r} was ignored",
    "prefix_too_short": "the prefix {word!r} is too short to expand; it was searched without the star",
    "operator_without_operands": "the operator {operator} without words on both sides was ignored",
    "not_without_word": "the operator NOT without a word after it was ignored",
    "only_negative_words": "a query of only excluded words searched every article",
    # compiling it (search.core.compile)
    "only_stop_words": "the query had only very common words; write a more specific word",
    "expansion_capped": "{word!r} would expand to more than {limit} words; the {limit} most frequent were searched",
    "expansion_budget_spent": "{word!r} was not expanded: the query already expands to {limit} words; it was "
                              "searched as written",
    "unknown_country": "the country {value!r} is not known: the filter matches nothing",
    "unreadable_date": "the date {value!r} could not be read: the filter matches nothing",
    "date_not_in_calendar": "the date {value!r} does not exist in the {calendar} calendar: the filter matches nothing",
    "date_reversed": "the date range {value!r} ends before it starts: the filter matches nothing",
    "mixed_calendars": "the year and month of {value!r} are of different calendars: the filter matches nothing",
    "year_out_of_range": "the year {year} is outside the archive's dates: the filter matches nothing",
    # filter parameters (search.core.filters)
    "filters_not_a_mapping": "the filters must map names to values; they were ignored",
    "unknown_filter": "the filter {name!r} is not known and was ignored",
    "from_after_to": "the start date is after the end date: no article lies in between",
    "bad_month": "the month {value!r} must look like 1387-10: the filter matches nothing",
    # paging and the run (search.core.engine, searching)
    "bad_page": "the page number was not a number; page 1 is shown",
    "bad_per_page": "the page size was not a number; 10 were shown",
    "page_out_of_range": "the page number was out of range and was brought within 1..{limit}",
    "per_page_out_of_range": "the page size must be from 1 to {limit}",
    "unknown_sort": "the sort {sort!r} is not known; sorted by relevance",
    "empty_archive": "the archive holds no article yet",
    "time_budget_spent": "the search ran out of time: no feedback, suggestion or marks",
    "shards_missing": "part of the archive did not answer ({shards}); the result is from the other parts",
}


@dataclass(frozen=True)
class Notice:
    code: str
    params: tuple = ()  # ((name, value), ...): hashable, so a notice said twice is kept once

    @property
    def values(self) -> dict:
        return dict(self.params)

    def text(self) -> str:
        return ENGLISH[self.code].format(**self.values)

    def to_dict(self) -> dict:
        return {"code": self.code, "params": self.values}

    def __str__(self) -> str:
        return self.text()


# Codes that say an answer is incomplete: it may differ when asked again (a shard back, more time), so a cache of
# answers (web.response_cache) must not keep it.
PARTIAL = frozenset({"time_budget_spent", "shards_missing"})
_partial = contextvars.ContextVar("bayegan_partial_notice", default=False)


def notice(code: str, **params) -> Notice:
    if code not in ENGLISH:
        raise KeyError(f"unknown notice code {code!r}")
    if code in PARTIAL:
        mark_partial()
    return Notice(code, tuple(sorted(params.items())))


def mark_partial() -> None:
    """This thread's answer is incomplete (a notice above, or a shard left out of an answer that has no notices,
    such as a facet's values: ``Coordinator.fan``)."""
    _partial.set(True)


def watch_partial() -> None:
    """Start watching, in this thread (one request), for notices of an incomplete answer."""
    _partial.set(False)


def partial_seen() -> bool:
    """Whether a notice of an incomplete answer was made in this thread since ``watch_partial``."""
    return _partial.get()
