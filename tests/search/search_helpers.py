"""Small helpers shared by the search tests."""

from analyzers.analysis import index_analyzer


def term(word):
    """The index term of one word (whatever the analyzer makes of it)."""
    tokens = [t.text for t in index_analyzer()(word)]
    assert len(tokens) == 1, (word, tokens)
    return tokens[0]


def ids(result):
    return [h["id"] for h in result["hits"]]


def all_ids(engine, query, **kwargs):
    return set(ids(engine.search(query, per_page=1000, facets=False, **kwargs)))
