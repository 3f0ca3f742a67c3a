"""The work of one shard for a search: masks, facet counts, scores, candidates, stored fields, snippets.

Functions over a ``DocSets`` (one shard's masks and postings) and a ``Stats`` (global collection statistics);
``search.whoosh_backend.shard.ShardSearcher`` calls them with the right searcher and the request's memo.
"""

from collections import Counter

import numpy as np

from search.core import query as Q
from search.core.plan import ShardMatch
from search.core.snippets import excerpt, first_passage, matches
from search.whoosh_backend.columns import NO_DATE
from search.whoosh_backend.scoring import score_vector, top

FEEDBACK_DOCS = 10


def empty_match(plan) -> ShardMatch:
    return ShardMatch()


def match(ds, plan, stats, memo) -> ShardMatch:
    cols = ds.columns
    if plan.nothing:
        base = ds.none()
    else:
        base = ds.of(plan.any_word) if plan.any_word is not None else ds.all()
    for c in plan.constraints:
        base &= ds.of(c)
    if plan.exclude is not None:
        base &= ~ds.of(plan.exclude)
    masks = {f: cols.facets[f].docs_with(values) for f, values in plan.facet_filters}
    final = base.copy()
    for m in masks.values():
        final &= m
    out = ShardMatch(total=int(final.sum()))
    for facet in plan.facets:
        # Disjunctive counting: a facet's own selection does not narrow its counts (the other values stay
        # visible for OR-ing, the selected ones keep their real counts).
        mask = base.copy()
        for other, m in masks.items():
            if other != facet:
                mask &= m
        out.facet_counts[facet] = cols.facets[facet].counts(mask)
    memo["final"] = final
    if plan.histogram:
        out.days = day_counts(cols, final)
    for facet in plan.final_counts:
        # Counts over the matches themselves; a facet without a selection already has them.
        selected = facet in masks
        out.final_counts[facet] = cols.facets[facet].counts(final) if selected or facet not in out.facet_counts \
            else out.facet_counts[facet]
    if not out.total or plan.k <= 0:
        return out
    if not plan.ranked:
        out.first = _by_date(cols, final, plan.oldest, plan.k)
        return out
    all_mask = final & ds.of(plan.all_words) if plan.tiered else final
    memo["all"] = all_mask
    out.n_all = int(all_mask.sum())
    scores = score_vector(plan.any_word, ds, stats)
    memo["scores"] = scores
    if plan.feedback:
        out.feedback = _scored(top(scores, final, FEEDBACK_DOCS, cols.ids), scores, cols.ids)
        return out
    out.first, out.rest = _tiers(scores, final, all_mask, plan.tiered, plan.k, cols.ids)
    return out


def rank(ds, weighted_terms, stats, k, memo) -> tuple[list, list]:
    """Tier candidates of the matches found by ``match`` (same memo), scored by the feedback-expanded query
    ``weighted_terms`` [(term, weight)], or by the first pass when it is None."""
    final, all_mask = memo["final"], memo.get("all")
    if all_mask is None:  # no match in this shard
        return [], []
    if weighted_terms is None:
        scores = memo["scores"]
    else:
        node = Q.Or(tuple(Q.Term(Q.RANKING_FIELD, t, boost=w) for t, w in weighted_terms))
        scores = np.where(final, score_vector(node, ds, stats), 0.0)
    return _tiers(scores, final, all_mask, all_mask is not final, k, ds.columns.ids)


def _tiers(scores, final, all_mask, tiered, k, ids):
    first = _scored(top(scores, all_mask, k, ids), scores, ids)
    rest = _scored(top(scores, final & ~all_mask, k, ids), scores, ids) if tiered else []
    return first, rest


def _scored(docs, scores, ids) -> list:
    return [(float(scores[d]), str(ids[d]), int(d)) for d in docs.tolist()]


def _by_date(cols, final, oldest, k) -> list:
    """The first ``k`` matches by date (undated last), ties by id: ``(date key, id, docnum)``."""
    docs = np.flatnonzero(final)
    dates = cols.dates[docs]
    undated = dates == NO_DATE
    key = np.where(undated, np.iinfo(np.int64).max, dates if oldest else -dates)
    if len(docs) > k:
        cut = np.partition(key, k - 1)[k - 1]
        keep = key <= cut
        docs, key = docs[keep], key[keep]
    order = np.lexsort((cols.ids[docs], key))[:k]
    return [(int(key[i]), str(cols.ids[docs[i]]), int(docs[i])) for i in order.tolist()]


def day_counts(cols, mask) -> tuple:
    """``(days, counts, undated)``: the distinct days (since 0001-01-01) of the documents in ``mask``, how many
    documents fall on each, and how many have no date (a coverage timeline bins the days into periods)."""
    if cols is None:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), 0
    dates = cols.dates[mask]
    dated = dates[dates != NO_DATE]
    if not len(dated):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), int(len(dates))
    low = int(dated.min())
    counts = np.bincount(dated - low)
    days = np.flatnonzero(counts)
    return days + low, counts[days].astype(np.int64), int(len(dates) - len(dated))


def date_range(cols):
    import datetime

    dates = cols.dates[cols.live & (cols.dates != NO_DATE)]
    if not len(dates):
        return None, None
    first = datetime.date(1, 1, 1) + datetime.timedelta(days=int(dates.min()))
    last = datetime.date(1, 1, 1) + datetime.timedelta(days=int(dates.max()))
    return first.isoformat(), last.isoformat()


def doc_terms(searcher, docnums) -> list[Counter]:
    """The analyzed ranking-field terms of each article, as the indexer built ``content`` (for RM3)."""
    from analyzers.analysis import index_analyzer
    from indexer.document import content_text

    analyzer = index_analyzer()
    out = []
    for docnum in docnums:
        stored = searcher.stored_fields(docnum)
        out.append(Counter(t.text for t in analyzer(content_text(stored), mode="index")))
    return out


def fetch(searcher, docnums, terms) -> list[dict]:
    """Stored fields and a snippet excerpt of each article; ``terms`` None means no marks (a long page)."""
    out = []
    for docnum in docnums:
        stored = searcher.stored_fields(docnum)
        hit = stored_hit(stored)
        text = stored.get("body") or stored.get("summary") or ""
        hit["excerpt"] = excerpt(text, terms or set())
        out.append(hit)
    return out


def passages(searcher, docnums, terms) -> list[dict]:
    """Stored fields and the passage around the first match of each article (``snippets.first_passage``)."""
    out = []
    for docnum in docnums:
        stored = searcher.stored_fields(docnum)
        hit = stored_hit(stored)
        hit["excerpt"] = first_passage(stored.get("body") or stored.get("summary") or "", terms or set())
        out.append(hit)
    return out


def mention_forms(searcher, docnums, kind, key) -> list[list[str]]:
    """The distinct surface forms of entity ``key`` (a person's canonical name, a country's code) in each
    article, as printed (white space made single): what the entity extractor recognized there."""
    from analyzers.entities import extract

    out = []
    for docnum in docnums:
        stored = searcher.stored_fields(docnum)
        text = "\n".join(stored.get(f) or "" for f in ("title", "summary", "body"))
        forms = {" ".join(e.text.split()) for e in extract(text) if e.kind == kind and e.key == key}
        out.append(sorted(forms))
    return out


def stored_hit(stored) -> dict:
    date = stored.get("date")
    return {
        "id": stored.get("id"),
        "title": stored.get("title") or "",
        "date": date.date().isoformat() if date is not None else None,
        "url": stored.get("url") or None,
        "source": stored.get("source") or None,
        "persons": _list(stored.get("persons")),
        "countries": _list(stored.get("countries")),
    }


def article(searcher, article_id):
    try:
        docnum = searcher.document_number(id=article_id)
    except UnicodeError:  # a lone surrogate (undecodable bytes from a command line) is no stored id
        return None
    if docnum is None:
        return None
    stored = searcher.stored_fields(docnum)
    out = stored_hit(stored)
    out.update({"summary": stored.get("summary") or "", "body": stored.get("body") or "",
                "category": stored.get("category") or None, "tags": _list(stored.get("tags"))})
    return out


def _list(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value if str(v).strip()]


def expand(searcher, field, prefix, fuzzy, limit) -> list:
    """``[(term, df)]``: the first ``limit`` index terms of ``field`` starting with ``prefix``."""
    out = []
    try:
        for i, btext in enumerate(searcher.reader().expand_prefix(field, prefix)):
            if i >= limit:
                break
            term = btext.decode("utf-8") if isinstance(btext, bytes) else btext
            out.append((term, searcher.doc_frequency(field, term)))
    except (KeyError, UnicodeError):
        return []
    return out


def together(ds, a, b) -> int:
    return int((ds.of(Q.Term(Q.RANKING_FIELD, a)) & ds.of(Q.Term(Q.RANKING_FIELD, b))).sum())


def spellings(ds, searcher, term, sample) -> list:
    """``[(id, [surface forms])]`` for the ``sample`` articles with the smallest ids holding ``term``: how the
    articles write it (index terms are folded, lemmatized and ZWNJ-free)."""
    from analyzers.fold import fold

    docs = np.flatnonzero(ds.of(Q.Term(Q.RANKING_FIELD, term)))
    ids = ds.columns.ids
    chosen = docs[np.argsort(ids[docs], kind="stable")[:sample]] if len(docs) else docs
    out = []
    for docnum in chosen.tolist():
        stored = searcher.stored_fields(docnum)
        text = "\n".join(stored.get(f) or "" for f in ("title", "body"))
        out.append((str(ids[docnum]), [fold(text[s:e]) for s, e, _ in matches(text, {term})]))
    return out
