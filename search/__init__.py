"""Query parsing, BM25 ranking, fast facets, snippets and did-you-mean over a Bayegan index.

``search.core`` is backend-neutral (no search library behind it); ``search.whoosh_backend`` stores and searches
the shards with Whoosh.
"""

from search.core.engine import SearchEngine

__all__ = ["SearchEngine"]
