"""One search over all shards: compile, match (every shard), feedback (RM3), merge, fetch the page, did-you-mean.

The phases are Elasticsearch's DFS query-then-fetch: the document frequencies of the query's terms are summed
over shards first (``View.stats_for``), so every shard scores with the collection's statistics; each shard then
answers its total, facet counts and best candidates; the coordinator merges them and fetches only the page.
With feedback, the top articles of the whole index (not of each shard) feed RM3, and a second phase re-ranks
the same matches. One shard and many give the same hits, scores, totals and facet counts (tested).
"""

import time
import uuid
from collections import Counter

from search import filters as pfilters
from search import ranking
from search.core import merge, query as Q
from search.core.compile import SCAN_LIMIT, Vocabulary, compile_query, source_query
from search.core.facets import BY_NAME
from search.core.plan import ShardMatch, ShardPlan
from search.syntax import parse

FEEDBACK_DOCS = ranking.FEEDBACK_DOCS
FEEDBACK_CANDIDATES = 200   # RM3 terms whose idf is looked up in one round trip (about 20 are kept)
MAX_MARKED_SNIPPETS = 100   # past this many hits on one page a hit gets the lead of its text, unmarked


class ViewVocabulary(Vocabulary):
    """The compiler's questions answered over all shards of one view."""

    def __init__(self, coordinator, view):
        self.coordinator, self.view = coordinator, view

    def expand(self, prefix, fuzzy):
        if fuzzy:
            from search.suggest import one_edit_variants

            return self.view.doc_frequencies(one_edit_variants(prefix, keep_prefix=1))
        found = {}
        for terms in self.coordinator.fan(self.view, "expand", Q.RANKING_FIELD, prefix, False, SCAN_LIMIT):
            found.update((t, 0) for t, _ in terms)
        return self.view.doc_frequencies(sorted(found)) if found else {}

    def doc_frequencies(self, terms):
        return self.view.doc_frequencies(terms)

    def source_names(self):
        return self.view.source_names()


class _KnownValues:
    """``facets[name].ids``: the values an index holds, as ``search.filters`` asks for them."""

    def __init__(self, view):
        self.facets = _Tables(view)


class _Tables:
    def __init__(self, view):
        self.view = view

    def __getitem__(self, facet):
        return self.view.table(facet)


def compiled(coordinator, view, query):
    parsed = parse(query)
    return parsed, compile_query(parsed, ViewVocabulary(coordinator, view))


def run(coordinator, query, filters, sort, page, per_page, facets: bool, feedback: bool, facet_limit: int,
        all_words_max: int = ranking.ALL_WORDS_FIRST_MAX_WORDS) -> dict:
    """The search result (see ``search.core.shape``) before its hits are shaped."""
    view = coordinator.view()
    messages = []
    parsed, comp = compiled(coordinator, view, query)
    messages.extend(dict.fromkeys(comp.messages))  # one message per problem, however often it occurs
    flt = pfilters.normalize(filters, _KnownValues(view), messages)
    plan = _plan(comp, parsed, flt, view, sort, page * per_page, facets, feedback, all_words_max)
    missing = []  # (shard, reason) of the shards that failed or did not answer in time: the others answer
    stats = view.stats_for(Q.terms_of(plan.any_word), missing)
    token = uuid.uuid4().hex
    matches = [m or ShardMatch() for m in coordinator.fan(view, "match", token, plan, stats, missing=missing)]
    total = sum(m.total for m in matches)
    if plan.ranked and plan.feedback and total:
        tiers = _feedback_tiers(coordinator, view, token, plan, stats, matches, missing)
    else:
        tiers = [(m.first, m.rest) for m in matches]
    page_hits = _page(plan, tiers, matches, (page - 1) * per_page, page * per_page)
    hits = [h for h in _fetch(coordinator, view, page_hits, comp.terms, missing) if h is not None]
    facet_out = _facets(view, matches, flt, comp.selected, facet_limit) if facets else {}
    suggestion = None
    if comp.words and not missing:
        from search.core.spelling import suggest

        suggestion = suggest(coordinator, view, parsed.raw, comp.words)
    if missing:
        shards = sorted({n for n, _ in missing})
        names = "، ".join(coordinator.shard_names[n] for n in shards)
        messages.append(f"بخش‌هایی از بایگانی پاسخ ندادند ({names})؛ نتیجه از بخش‌های دیگر است.")
    return {"total": total, "hits": hits, "facets": facet_out, "did_you_mean": suggestion, "filters": flt,
            "messages": messages, "missing_shards": sorted({coordinator.shard_names[n] for n, _ in missing})}


def _plan(comp, parsed, flt, view, sort, k, facets, feedback, all_words_max) -> ShardPlan:
    constraints = list(comp.constraints)
    if "source" in flt:
        constraints.append(Q.any_of(source_query(v, view.source_names()) for v in flt["source"]))
    if "from" in flt or "to" in flt:
        import datetime

        lo = datetime.date.fromisoformat(flt["from"]) if "from" in flt else None
        hi = datetime.date.fromisoformat(flt["to"]) if "to" in flt else None
        constraints.append(Q.DateRange(lo, hi))
    text = comp.any_word is not None
    ranked = sort == "relevance" and text
    return ShardPlan(
        any_word=comp.any_word, all_words=comp.all_words, clause_count=comp.clause_count,
        constraints=tuple(constraints), exclude=comp.exclude,
        facet_filters=tuple((f, tuple(flt[f])) for f in BY_NAME if f in flt and f != "source"),
        nothing=comp.clause_count == 0 and bool(parsed.clauses),
        facets=tuple(BY_NAME) if facets else (), ranked=ranked, oldest=sort == "oldest",
        tiered=ranked and 1 < comp.clause_count <= all_words_max, k=k,
        feedback=ranked and feedback and Q.plain_terms(comp.any_word) is not None)


def _feedback_tiers(coordinator, view, token, plan, stats, matches, missing):
    """RM3 over the best first-pass matches of the whole index, then the matches re-ranked by it."""
    best = merge.by_score([merge.tagged(n, m.feedback) for n, m in enumerate(matches)], FEEDBACK_DOCS)
    weighted = None
    if len(best) >= 2:
        counts = _doc_terms(coordinator, view, best)
        terms = list(dict.fromkeys(Q.plain_terms(plan.any_word)))
        weighted = _rm3(view, terms, counts, [score for score, _, _, _ in best])
        stats = stats.with_df(view.doc_frequencies([t for t, _ in weighted], missing))
    shards = [n for n, m in enumerate(matches) if m.total]
    answers = coordinator.fan(view, "rank", token, plan, weighted, stats, shards=shards, missing=missing)
    tiers = [([], [])] * len(matches)
    for n, answer in zip(shards, answers):
        tiers[n] = answer or ([], [])
    return tiers


def _doc_terms(coordinator, view, best) -> list[Counter]:
    """The analyzed terms of each chosen article, asked of the shard that holds it (in ``best``'s order)."""
    by_shard = {}
    for i, (_, _, shard, docnum) in enumerate(best):
        by_shard.setdefault(shard, []).append((i, docnum))
    shards = sorted(by_shard)
    futures = [coordinator.handles[s].call("doc_terms", [d for _, d in by_shard[s]], view.generations[s])
               for s in shards]
    out = [None] * len(best)
    for s, future in zip(shards, futures):
        for (i, _), counts in zip(by_shard[s], coordinator._result(future)):
            out[i] = counts
    return out


def _rm3(view, terms, counts, scores):
    """``ranking.feedback_terms`` with the idf of its candidates from the whole index, asked in one round trip."""
    model = ranking.relevance_model(counts, scores)
    candidates = [t for t, _ in model.most_common(FEEDBACK_CANDIDATES)]
    stats = view.stats_for(candidates)
    return ranking.feedback_terms([(t, 1.0) for t in terms], counts, scores, lambda t: _idf(view, stats, t))


def _idf(view, stats, term):
    if term not in stats.df:
        stats.df.update(view.doc_frequencies([term]))
    return stats.idf(term)


def _page(plan, tiers, matches, start, stop) -> list:
    """``(score or None, shard, docnum)`` of the page's hits, in order."""
    if not plan.ranked:
        merged = merge.by_key([merge.tagged(n, m.first) for n, m in enumerate(matches)], stop)
        return [(None, shard, docnum) for _, _, shard, docnum in merged[start:stop]]
    first = merge.by_score([merge.tagged(n, t[0]) for n, t in enumerate(tiers)], stop)
    if plan.tiered and len(first) < stop:
        first += merge.by_score([merge.tagged(n, t[1]) for n, t in enumerate(tiers)], stop - len(first))
    return [(score, shard, docnum) for score, _, shard, docnum in first[start:stop]]


def _fetch(coordinator, view, page_hits, terms, missing=None) -> list[dict]:
    """The page's articles with their excerpts, read by the shards that hold them (in parallel); None for the
    articles of a shard that failed meanwhile (with ``missing``)."""
    by_shard = {}
    for i, (score, shard, docnum) in enumerate(page_hits):
        by_shard.setdefault(shard, []).append((i, docnum))
    out = [None] * len(page_hits)
    futures = []
    for shard, items in sorted(by_shard.items()):
        marked = [d for i, d in items if i < MAX_MARKED_SNIPPETS]
        rest = [d for i, d in items if i >= MAX_MARKED_SNIPPETS]
        for docs, mark in ((marked, terms), (rest, None)):
            if docs:
                futures.append((shard, items, docs, coordinator.handles[shard].call(
                    "fetch", docs, mark, view.generations[shard])))
    for shard, items, docs, future in futures:
        position = {d: i for i, d in items}
        try:
            answer = coordinator._result(future)
        except Exception as exc:  # noqa: BLE001 - reported with the other missing shards
            if missing is None:
                raise
            missing.append((shard, f"{type(exc).__name__}: {exc}"))
            continue
        for docnum, hit in zip(docs, answer):
            i = position[docnum]
            hit["score"] = page_hits[i][0]
            out[i] = hit
    return out


def _facets(view, matches, flt, selected_in_query, default_limit) -> dict:
    out = {}
    for name, facet in BY_NAME.items():
        table = view.table(name)
        counts = table.total([m.facet_counts.get(name) for m in matches])
        chosen = set(flt.get(name, [])) | set(selected_in_query.get(name, ()))
        limit = facet.limit(default_limit, flt)
        out[name] = {"buckets": merge.buckets(facet, table, counts, chosen, limit)}
    return out


def elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
