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
from dataclasses import dataclass, replace

from search.core import filters as pfilters
from search.core import ranking
from search.core import merge, query as Q
from search.core.coordinator import ShardFailure
from search.core.compile import SCAN_LIMIT, Vocabulary, compile_query, source_query
from search.core.facets import BY_NAME
from search.core.notices import notice
from search.core.plan import ShardMatch, ShardPlan
from search.core.request import Request
from search.core.syntax import parse

FEEDBACK_DOCS = ranking.FEEDBACK_DOCS
FEEDBACK_CANDIDATES = 200   # RM3 terms whose idf is looked up in one round trip (about 20 are kept)
MAX_MARKED_SNIPPETS = 100   # past this many hits on one page a hit gets the lead of its text, unmarked


class ViewVocabulary(Vocabulary):
    """The compiler's questions answered over all shards of one view."""

    def __init__(self, coordinator, view, missing=None):
        self.coordinator, self.view, self.missing = coordinator, view, missing

    def expand(self, prefix, fuzzy):
        if fuzzy:
            from search.core.suggest import one_edit_variants

            return self.view.doc_frequencies(one_edit_variants(prefix, keep_prefix=1), self.missing)
        found = {}
        for terms in self.coordinator.fan(self.view, "expand", Q.RANKING_FIELD, prefix, False, SCAN_LIMIT,
                                          missing=self.missing):
            found.update((t, 0) for t, _ in terms or ())
        return self.view.doc_frequencies(sorted(found), self.missing) if found else {}

    def doc_frequencies(self, terms):
        return self.view.doc_frequencies(terms, self.missing)

    def source_names(self):
        return self.view.source_names()


class _KnownValues:
    """``facets[name].ids``: the values an index holds, as ``search.core.filters`` asks for them."""

    def __init__(self, view, missing=None):
        self.facets = _Tables(view, missing)


class _Tables:
    def __init__(self, view, missing):
        self.view, self.missing = view, missing

    def __getitem__(self, facet):
        return self.view.table(facet, self.missing)


def compiled(coordinator, view, query, missing=None):
    parsed = parse(query)
    return parsed, compile_query(parsed, ViewVocabulary(coordinator, view, missing))


@dataclass
class Matched:
    """Every match of one request on every shard, ranked: what a result page, a timeline or an export is cut
    from."""
    view: object
    parsed: object
    comp: object
    flt: dict
    plan: ShardPlan
    matches: list       # ShardMatch per shard (empty for a shard that did not answer)
    tiers: list         # (first, rest) candidates per shard, ranked
    missing: list       # (shard, reason) of the shards that failed or did not answer in time
    messages: list
    late: bool = False  # the time budget was spent (feedback skipped)

    @property
    def total(self) -> int:
        return sum(m.total for m in self.matches)

    def ranked(self, start: int, stop: int) -> list:
        """``(score or None, shard, docnum)`` of the matches ranked ``start`` .. ``stop`` (0-based)."""
        return _page(self.plan, self.tiers, self.matches, start, stop)


def matched(coordinator, request: Request, view=None, deadline=None, **extra) -> Matched:
    """Compile, match on every shard and rank (with RM3 feedback) the first ``request.stop`` matches. ``extra``:
    more ``ShardPlan`` fields (``histogram``, ``final_counts``, ``k``)."""
    view = view or coordinator.view()
    messages = []
    missing = []  # (shard, reason) of the shards that failed or did not answer in time: the others answer
    parsed, comp = compiled(coordinator, view, request.query, missing)
    messages.extend(dict.fromkeys(comp.messages))  # one message per problem, however often it occurs
    flt = pfilters.normalize(request.filters, _KnownValues(view, missing), messages)
    plan = _plan(comp, parsed, flt, view, request)
    if extra:
        plan = replace(plan, **extra)
    stats = view.stats_for(Q.terms_of(plan.any_word), missing)
    token = uuid.uuid4().hex
    answers = coordinator.fan(view, "match", token, plan, stats, missing=missing)
    if all(a is None for a in answers):  # nothing answered: not a result, an unavailable index
        number, reason = missing[0]
        raise ShardFailure(coordinator.index_dir, number, reason)
    matches = [m or ShardMatch() for m in answers]
    late = _late(deadline)
    if plan.ranked and plan.feedback and plan.k > 0 and any(m.total for m in matches):
        tiers = _feedback_tiers(coordinator, view, token, plan, stats, matches, missing, skip=late)
    else:
        tiers = [(m.first, m.rest) for m in matches]
    return Matched(view, parsed, comp, flt, plan, matches, tiers, missing, messages, late)


def missing_notice(coordinator, missing):
    names = [coordinator.shard_names[n] for n in sorted({n for n, _ in missing if n is not None})]
    return notice("shards_missing", shards=", ".join(names))


def run(coordinator, request: Request, view=None, **extra) -> dict:
    """The search result (see ``search.core.shape``) before its hits are shaped, on ``view`` (default: the
    coordinator's current one). With ``extra`` plan fields the result also carries the ``Matched`` it was cut
    from (``"matched"``)."""
    deadline = None if request.budget is None else time.monotonic() + request.budget
    m = matched(coordinator, request, view, deadline, **extra)
    view, parsed, comp, flt, matches, missing, messages = m.view, m.parsed, m.comp, m.flt, m.matches, m.missing, \
        m.messages
    page_hits = m.ranked(request.start, request.stop)
    late = m.late or _late(deadline)
    hits = [h for h in _fetch(coordinator, view, page_hits, None if late else comp.terms, missing) if h is not None]
    facet_out = _facets(view, matches, flt, comp.selected, request.facet_limit, missing) if request.facets else {}
    suggestion = None
    late = late or _late(deadline)
    if late:
        messages.append(notice("time_budget_spent"))
    elif comp.words and not missing:
        from search.core.spelling import suggest

        try:
            suggestion = suggest(coordinator, view, parsed.raw, comp.words)
        except ShardFailure as exc:  # a shard failing now costs the suggestion only
            missing.append((exc.number, exc.detail))
    if missing:
        messages.append(missing_notice(coordinator, missing))
    out = {"total": m.total, "hits": hits, "facets": facet_out, "did_you_mean": suggestion, "filters": flt,
           "messages": messages, "missing_shards": sorted({coordinator.shard_names[n] for n, _ in missing})}
    if extra:
        out["matched"] = m
    return out


def _late(deadline) -> bool:
    return deadline is not None and time.monotonic() > deadline


def _plan(comp, parsed, flt, view, request) -> ShardPlan:
    constraints = list(comp.constraints)
    if "source" in flt:
        constraints.append(Q.any_of(source_query(v, view.source_names()) for v in flt["source"]))
    if "from" in flt or "to" in flt:
        constraints.append(pfilters.date_node(flt))  # nothing when a bound was not understood
    text = comp.any_word is not None
    ranked = request.sort == "relevance" and text
    return ShardPlan(
        any_word=comp.any_word, all_words=comp.all_words, clause_count=comp.clause_count,
        constraints=tuple(constraints), exclude=comp.exclude,
        facet_filters=tuple((f, tuple(flt[f])) for f in BY_NAME if f in flt and f != "source"),
        nothing=comp.clause_count == 0 and bool(parsed.clauses),
        facets=tuple(BY_NAME) if request.facets else (), ranked=ranked, oldest=request.sort == "oldest",
        tiered=ranked and 1 < comp.clause_count <= request.all_words_max, k=request.stop,
        feedback=ranked and request.feedback and Q.plain_terms(comp.any_word) is not None)


def _feedback_tiers(coordinator, view, token, plan, stats, matches, missing, skip=False):
    """RM3 over the best first-pass matches of the whole index, then the matches re-ranked by it (by the first
    pass alone when ``skip``: the time budget is spent)."""
    best = merge.by_score([merge.tagged(n, m.feedback) for n, m in enumerate(matches)], FEEDBACK_DOCS)
    weighted = None
    if len(best) >= 2 and not skip:
        counts = _doc_terms(coordinator, view, best, missing)
        terms = list(dict.fromkeys(Q.plain_terms(plan.any_word)))
        weighted = _rm3(view, terms, counts, [score for score, _, _, _ in best], missing)
        stats = stats.with_df(view.doc_frequencies([t for t, _ in weighted], missing))
    shards = [n for n, m in enumerate(matches) if m.total]
    answers = coordinator.fan(view, "rank", token, plan, weighted, stats, shards=shards, missing=missing)
    tiers = [([], [])] * len(matches)
    for n, answer in zip(shards, answers):
        tiers[n] = answer or ([], [])
    return tiers


def _doc_terms(coordinator, view, best, missing) -> list[Counter]:
    """The analyzed terms of each chosen article, asked of the shard that holds it (in ``best``'s order; none
    for the articles of a shard that failed meanwhile)."""
    by_shard = {}
    for i, (_, _, shard, docnum) in enumerate(best):
        by_shard.setdefault(shard, []).append((i, docnum))
    shards = sorted(by_shard)
    futures = [coordinator.handles[s].call("doc_terms", [d for _, d in by_shard[s]], view.generations[s])
               for s in shards]
    out = [Counter() for _ in best]
    for s, future in zip(shards, futures):
        try:
            answer = coordinator._result(future)
        except Exception as exc:  # noqa: BLE001 - reported with the other missing shards
            missing.append((s, f"{type(exc).__name__}: {exc}"))
            continue
        for (i, _), counts in zip(by_shard[s], answer):
            out[i] = counts
    return out


def _rm3(view, terms, counts, scores, missing):
    """``ranking.feedback_terms`` with the idf of its candidates from the whole index, asked in one round trip."""
    model = ranking.relevance_model(counts, scores)
    candidates = [t for t, _ in model.most_common(FEEDBACK_CANDIDATES)]
    stats = view.stats_for(candidates, missing)
    return ranking.feedback_terms([(t, 1.0) for t in terms], counts, scores,
                                  lambda t: _idf(view, stats, t, missing))


def _idf(view, stats, term, missing):
    if term not in stats.df:
        stats.df.update(view.doc_frequencies([term], missing))
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


def _facets(view, matches, flt, selected_in_query, default_limit, missing) -> dict:
    out = {}
    for name, facet in BY_NAME.items():
        table = view.table(name, missing)
        counts = table.total([m.facet_counts.get(name) for m in matches])
        chosen = set(flt.get(name, [])) | set(selected_in_query.get(name, ()))
        limit = facet.limit(default_limit, flt)
        out[name] = {"buckets": merge.buckets(facet, table, counts, chosen, limit)}
    return out


def elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
