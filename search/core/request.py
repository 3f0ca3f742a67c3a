"""A search request as the core runs it: what was asked (query, filters, sort, page) and how (facets, feedback,
the time budget). ``SearchEngine.search`` builds one from its arguments after checking them."""

from dataclasses import dataclass

from search.core import ranking


@dataclass(frozen=True)
class Request:
    query: str = ""
    filters: dict | None = None
    sort: str = "relevance"          # relevance | newest | oldest
    page: int = 1
    per_page: int = 10
    facets: bool = True              # count every facet over all matches
    feedback: bool = ranking.FEEDBACK
    facet_limit: int = 20            # buckets per facet (some facets list more: search.core.facets)
    all_words_max: int = ranking.ALL_WORDS_FIRST_MAX_WORDS
    budget: float | None = None      # seconds: past them the optional work is skipped (feedback, suggestions, marks)

    @property
    def start(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def stop(self) -> int:
        return self.page * self.per_page
