"""What the coordinator asks each shard to do for one search, and what a shard answers (plain, picklable data).

The split is Elasticsearch's query-then-fetch: ``match`` finds every match of a shard (its total, its facet
counts, its best candidates), the coordinator merges the candidates of all shards into the page, and ``fetch``
reads only the page's articles. With feedback (RM3) a ``rank`` phase re-scores the same matches (the shard keeps
their masks between the phases under the request's token).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ShardPlan:
    any_word: object = None          # query node: a match needs one clause (None: no words)
    all_words: object = None         # query node: every clause (the first tier of relevance ranking)
    clause_count: int = 0
    constraints: tuple = ()          # nodes every match must satisfy (fields in the query, source, dates)
    exclude: object = None           # node no match may satisfy (-words)
    facet_filters: tuple = ()        # ((facet, (values...)), ...): OR within a facet, AND across
    nothing: bool = False            # the query asked nothing specific (only stop words): no match
    facets: tuple = ()               # facet names to count (disjunctively)
    ranked: bool = False             # relevance ranking (else date order)
    oldest: bool = False             # date order: oldest first
    tiered: bool = False             # relevance: articles with every word first
    k: int = 10                      # candidates wanted (the end of the page)
    feedback: bool = False           # relevance with RM3: match returns the feedback candidates only
    histogram: bool = False          # also count the matches per day (coverage over time)
    final_counts: tuple = ()         # facets also counted over the matches themselves (co-mentions)


@dataclass
class ShardMatch:
    total: int = 0
    n_all: int = 0                   # matches holding every word (the first tier)
    facet_counts: dict = field(default_factory=dict)  # facet -> counts per local value (numpy int64)
    first: list = field(default_factory=list)         # (score or date key, id, docnum): tier 1 / date order
    rest: list = field(default_factory=list)          # tier 2 candidates
    feedback: list = field(default_factory=list)      # (score, id, docnum): best first-pass matches
    days: tuple = ()                                  # with histogram: (days since 0001-01-01, counts, undated)
    final_counts: dict = field(default_factory=dict)  # facet -> counts per local value over the matches
