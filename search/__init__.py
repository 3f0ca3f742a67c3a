"""Query parsing, BM25 ranking, fast facets, snippets and did-you-mean over a Bayegan index."""

from search.engine import SearchEngine

__all__ = ["SearchEngine"]
