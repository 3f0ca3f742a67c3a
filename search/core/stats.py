"""Collection statistics for BM25, summed over every shard before any shard scores (as Elasticsearch's DFS
query-then-fetch does): the same article gets the same score whether the index has one shard or many.

The formulas are Whoosh's own (``whoosh.scoring``): idf = log(N / (df + 1)) + 1 with N the documents counted
deleted or not, and the average length of the ranking field over the same N; ``tests`` check the numpy scorer
against Whoosh's BM25F scorer on the demo corpus.
"""

import math
from dataclasses import dataclass, field

from search.core import ranking


@dataclass
class Stats:
    doc_count_all: int          # N: documents, deleted or not (Whoosh's doc_count_all)
    field_length: float         # total length of the ranking field over those documents
    df: dict = field(default_factory=dict)  # ranking-field term -> documents holding it (all shards)
    k1: float = ranking.K1
    b: float = ranking.B

    def idf(self, term: str) -> float:
        return math.log(self.doc_count_all / (self.df.get(term, 0) + 1)) + 1

    def avgfl(self) -> float:
        return self.field_length / (self.doc_count_all or 1) or 1

    def with_df(self, df: dict) -> "Stats":
        return Stats(self.doc_count_all, self.field_length, {**self.df, **df}, self.k1, self.b)
