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


def small_engine(folder, articles):
    """A search engine on a fresh index of ``articles`` ((id, title, body, date) tuples) written in ``folder``."""
    import json

    from indexer.build import index_archives
    from search import SearchEngine

    archive = folder / "news.jsonl"
    archive.write_text("\n".join(json.dumps({"id": i, "title": t, "body": b, "date": d}, ensure_ascii=False)
                                 for i, t, b, d in articles), encoding="utf-8")
    index_archives([str(archive)], str(folder / "ix"), jobs=0, report=lambda m: None)
    return SearchEngine(str(folder / "ix"), warm=False)


def notices(result):
    """The result's notices as ``(code, params)`` pairs."""
    return [(n["code"], n["params"]) for n in result["notices"]]


def codes(result):
    return [n["code"] for n in result["notices"]]
