"""``SearchEngine``: the one place that answers queries (web page, JSON API and CLI all call it).

Whoosh is the index and the query model; the per-query work is vectorized around it:
- the complete match set is a numpy mask (search.docsets), giving the exact total and, against per-segment facet
  columns (search.columns), every facet count in a few vectorized steps;
- ranking is BM25F from ``search.ranking.weighting()`` over the single ``content`` field, computed for all matches
  at once in numpy with Whoosh's own statistics (search.scoring; same scores as Whoosh), optionally with RM3
  feedback (search.feedback); Whoosh's own scorer ranks only what numpy does not model;
- decoded postings of frequent terms are kept per segment (search.hotpostings, search.docsets.PostingsCache).

Ranking prefers articles containing every query word: those come first (by score), then the articles containing
only some words (by score). The total counts both groups, so recall at 1,000 is that of a plain OR search.
"""

import os
import threading
import time

from collections import Counter

import numpy as np
from whoosh import index as windex
from whoosh import query as wq

from search import filters as pfilters
from analyzers.fold import ZWNJ, fold
from search import feedback, labels, ranking, results, snippets
from search.columns import FACET_FIELDS, IndexColumns, SegmentCache
from search.compile import compile_query
from search.docsets import DocSets, PostingsCache
from search.hotpostings import HotPostings
from search.scoring import score_vector, top
from search.suggest import did_you_mean
from search.syntax import parse

SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 1000
MAX_PAGE = 10_000
FACET_LIMIT = 20
# Facet/date/length columns per segment, saved beside the index files (Whoosh ignores other files).
CACHE_DIR = ".search-columns"
SPELLING_SAMPLE = 3  # articles read to see how a suggested word is written


class SearchEngine:
    def __init__(self, index_dir, facet_limit: int = FACET_LIMIT, feedback: bool | None = None, warm: bool = True):
        """``feedback``: rank plain-word queries with pseudo-relevance feedback (search.feedback); None takes
        ``search.ranking.FEEDBACK`` (the analyzer agent's choice from the dev topics), False if it is not set.
        ``warm``: load/build the frequent terms' postings in a background thread (search.hotpostings); a one-shot
        process (the CLI) passes False and reads postings directly."""
        self.index_dir = str(index_dir)
        self.warm = warm
        self.feedback = ranking.FEEDBACK if feedback is None else feedback
        # Articles with every word rank first for queries of up to this many words (long queries lose MAP on the
        # dev topics when every word is required first: see search.ranking).
        self.all_words_first_max = ranking.ALL_WORDS_FIRST_MAX_WORDS
        self.ix = windex.open_dir(self.index_dir)
        self.facet_limit = facet_limit
        # Whoosh readers seek shared file handles: one search at a time per engine.
        self._lock = threading.RLock()
        self._segments = SegmentCache(os.path.join(self.index_dir, CACHE_DIR))
        self._hot = HotPostings(os.path.join(self.index_dir, CACHE_DIR))
        self._postings = PostingsCache(hot=self._hot)
        self._searcher = None
        self._columns = None
        self._refresh()

    # -- reader state ---------------------------------------------------------------------------------------------

    def _refresh(self):
        """Open a searcher on the latest commit (reusing the facet columns of unchanged segments)."""
        if self._searcher is not None and self._searcher.up_to_date():
            return
        searcher = self.ix.searcher(weighting=ranking.weighting())
        if not _has_segments(searcher):
            # An index created but holding no articles yet (an empty or fully skipped archive): searches answer
            # an empty result until a commit adds a segment.
            old, self._searcher, self._columns = self._searcher, searcher, None
            if old is not None:
                old.close()
            return
        columns = IndexColumns(searcher, self._segments)
        leaves = searcher.reader().leaf_readers()
        self._segments.keep_only(leaves)
        self._hot.keep_only({r.segment().segment_id() for r, _ in leaves})
        if self.warm:
            self._hot.fill_async(self.ix)
        old, self._searcher, self._columns = self._searcher, searcher, columns
        if old is not None:
            old.close()

    def wait_until_warm(self, timeout=None):
        """Block until the frequent terms' postings are loaded or built (search.hotpostings); searches work
        before that, reading postings the slower way."""
        self._hot.wait(timeout)

    def close(self):
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    # -- search ---------------------------------------------------------------------------------------------------

    def search(self, query, *, filters=None, sort="relevance", page=1, per_page=10, facets=True) -> dict:
        started = time.perf_counter()
        messages = []
        page, per_page, sort = _paging(page, per_page, sort, messages)
        parsed = parse(query)
        with self._lock:
            self._refresh()
            s, cols = self._searcher, self._columns
            if cols is None:
                return _empty_result(query, page, per_page, sort, messages + parsed.messages, facets, started)
            segids = [r.segment().segment_id() for r, _ in s.reader().leaf_readers()]
            vocab_df = self._hot.doc_frequency_fn(segids)
            comp = compile_query(parsed, s.reader(), vocab_df)
            messages.extend(dict.fromkeys(comp.messages))  # one message per problem, however often it occurs
            flt = pfilters.normalize(filters, cols, messages)
            ds = DocSets(s, cols, self._postings)

            base = ds.of(comp.any_word) if comp.any_word is not None else ds.all()
            if comp.clause_count == 0 and parsed.clauses:
                base = ds.none()  # only stop words: nothing specific was asked
            for c in comp.constraints:
                base &= ds.of(c)
            if comp.exclude is not None:
                base &= ~ds.of(comp.exclude)
            for q in pfilters.queries({k: v for k, v in flt.items() if k in ("source", "from", "to")}):
                base &= ds.of(q)
            masks = pfilters.facet_masks(flt, cols)
            final = base.copy()
            for m in masks.values():
                final &= m
            total = int(final.sum())

            docnums, scores = self._rank(s, ds, comp, flt, final, sort, page, per_page)
            hits = results.hits(s, docnums, scores, comp.terms)
            facet_out = self._facets(cols, base, masks, flt, comp.selected) if facets else {}
            suggestion = None
            if comp.words:
                suggestion = did_you_mean(parsed.raw, comp.words, s, _together(ds), vocab_df, _spelling(s, ds))
        return {
            "query": query if isinstance(query, str) else "",
            "total": total,
            "page": page,
            "per_page": per_page,
            "took_ms": round((time.perf_counter() - started) * 1000, 1),
            "hits": hits,
            "facets": facet_out,
            "did_you_mean": suggestion,
            "filters": flt,
            "sort": sort,
            "messages": messages,
        }

    def _rank(self, s, ds, comp, flt, final, sort, page, per_page):
        """Docnums (and scores or None) of the requested page."""
        start, stop = (page - 1) * per_page, page * per_page
        if start >= int(final.sum()):
            return [], []
        text = comp.any_word is not None
        if sort != "relevance" or not text:
            return self._by_date(final, sort == "oldest")[start:stop], None
        tiered = 1 < comp.clause_count <= self.all_words_first_max
        all_mask = final & ds.of(comp.all_words) if tiered else final

        scores = score_vector(comp.any_word, ds, s)
        if scores is not None and self.feedback:
            scores = feedback.apply(s, ds, comp.any_word, scores, final)
        if scores is not None:
            n_all = int(all_mask.sum())
            docs = top(scores, all_mask, stop)
            if tiered and n_all < stop:
                docs = np.concatenate([docs, top(scores, final & ~all_mask, stop - n_all)])
            docs = docs[start:stop]
            return docs.tolist(), scores[docs].tolist()

        # Whoosh ranks what numpy cannot score (phrases, another weighting model).
        restrict = list(comp.constraints) + pfilters.queries(flt)

        def ranked(q, limit, mask=None):
            full = wq.And([q] + restrict) if restrict else q
            if comp.exclude is not None:
                full = wq.AndNot(full, comp.exclude)
            res = s.search(full, limit=limit, mask=mask, terms=False)
            return [(hit.docnum, hit.score) for hit in res]

        n_all = int(all_mask.sum())
        best = ranked(comp.all_words if tiered else comp.any_word, stop) if n_all else []
        if tiered and n_all < stop:
            already = set(np.flatnonzero(all_mask).tolist())
            best += ranked(comp.any_word, stop - n_all, mask=already)
        page_hits = best[start:stop]
        return [d for d, _ in page_hits], [sc for _, sc in page_hits]

    def _by_date(self, final, oldest):
        """Every match by date (undated last), ties by docnum: a reader who asks for the newest wants date order,
        not the all-words tier of relevance ranking."""
        docs = np.flatnonzero(final)
        dates = self._columns.dates[docs]
        key_date = dates if oldest else -dates
        undated = dates == np.iinfo(np.int64).min
        key_date = np.where(undated, np.iinfo(np.int64).max, key_date)
        order = np.lexsort((docs, key_date))
        return docs[order].tolist()

    # -- facets ---------------------------------------------------------------------------------------------------

    def _facets(self, cols, base, masks, flt, selected_in_query):
        out = {}
        for facet in FACET_FIELDS:
            # Disjunctive counting: a facet's own selection does not narrow its counts, so the other values
            # stay visible for OR-ing, and the selected ones keep their real counts.
            mask = base.copy()
            for other, m in masks.items():
                if other != facet:
                    mask &= m
            col = cols.facets[facet]
            counts = col.counts(mask)
            chosen = set(flt.get(facet, [])) | set(selected_in_query.get(facet, ()))
            limit = self.facet_limit
            if facet == "year_jalali":
                # Years are a timeline (the page lists them in order): a gap would look like missing news.
                limit = max(limit, len(col.values))
            elif facet == "month_jalali" and flt.get("year_jalali"):
                # Months are browsed inside the chosen years: list every month of them, however many years.
                limit = max(limit, 12 * len(flt["year_jalali"]))
            out[facet] = {"buckets": self._buckets(facet, col, counts, chosen, limit)}
        return out

    def _buckets(self, facet, col, counts, chosen, limit=None):
        limit = limit or self.facet_limit
        nonzero = np.flatnonzero(counts)
        if len(nonzero) > limit * 4:
            # Only the leaders can make the list: avoid labelling and collating thousands of rare names.
            cut = np.partition(counts[nonzero], -limit)[-limit]
            nonzero = nonzero[counts[nonzero] >= cut]
        buckets = [_bucket(facet, col.values[i], int(counts[i]), col.values[i] in chosen) for i in nonzero]
        buckets = labels.sort_buckets(buckets)[:limit]
        shown = {b["value"] for b in buckets}
        for value in sorted(chosen - shown):
            count = int(counts[col.ids[value]]) if value in col.ids else 0
            buckets.append(_bucket(facet, value, count, True))
        return buckets

    def facet_values(self, name, prefix=""):
        """Every value of facet ``name`` over the whole index with its article count (for pickers/autocomplete),
        filtered to values or labels starting with ``prefix`` (folded)."""
        from analyzers.fold import fold

        if name not in FACET_FIELDS:
            return []
        with self._lock:
            self._refresh()
            if self._columns is None:
                return []
            col = self._columns.facets[name]
            counts = col.counts(self._columns.live)
        want = fold(prefix if isinstance(prefix, str) else "").strip().lower()
        buckets = []
        for i in np.flatnonzero(counts):
            value = col.values[i]
            label = labels.facet_label(name, value)
            if want and not (_starts_with(value, want) or _starts_with(label, want)):
                continue
            buckets.append({"value": value, "label": label, "count": int(counts[i]), "selected": False})
        return labels.sort_buckets(buckets)

    def marked_terms(self, query) -> set:
        """The content terms the snippets of ``query`` mark: its words as analyzed, its prefix and fuzzy words
        expanded over this index (so an article's full text can be marked the same way as its snippet)."""
        parsed = parse(query)
        with self._lock:
            self._refresh()
            s = self._searcher
            if self._columns is None:
                return set(compile_query(parsed, s.reader()).terms)
            segids = [r.segment().segment_id() for r, _ in s.reader().leaf_readers()]
            return set(compile_query(parsed, s.reader(), self._hot.doc_frequency_fn(segids)).terms)

    # -- single articles ------------------------------------------------------------------------------------------

    def article(self, id):
        """All stored fields of the article ``id`` (for its page), or None."""
        with self._lock:
            self._refresh()
            docnum = self._docnum(id)
            if docnum is None:
                return None
            return results.article(self._searcher.stored_fields(docnum))

    def more_like(self, id, limit=10):
        """Articles sharing the most distinctive words of article ``id`` (hit dicts, best first)."""
        with self._lock:
            self._refresh()
            s = self._searcher
            docnum = self._docnum(id) if self._columns is not None else None
            if docnum is None:
                return []
            stored = s.stored_fields(docnum)
            text = " ".join(str(stored.get(k) or "") for k in ("title", "summary", "body"))
            try:
                # Whoosh's key terms (Bo1 model) of the article, ranked by our numpy scorer.
                key_terms = s.key_terms_from_text("content", text, numterms=10)
            except Exception:  # an article with no usable words has no neighbours
                return []
            if not key_terms:
                return []
            q = wq.Or([wq.Term("content", t, boost=w) for t, w in key_terms])
            ds = DocSets(s, self._columns, self._postings)
            scores = score_vector(q, ds, s)
            mask = ds.of(q)
            mask[docnum] = False
            if scores is None:
                res = s.search(q, limit=limit, mask={docnum})
                pairs = [(h.docnum, h.score) for h in res]
            else:
                best = top(scores, mask, limit)
                pairs = list(zip(best.tolist(), scores[best].tolist()))
            return results.hits(s, [d for d, _ in pairs], [sc for _, sc in pairs], set())

    def _docnum(self, id):
        if not isinstance(id, str) or not id:
            return None
        try:
            return self._searcher.document_number(id=id)
        except UnicodeError:  # a lone surrogate (undecodable bytes from a command line) is no stored id
            return None


def _has_segments(searcher):
    return any(r.segment() is not None for r, _ in searcher.reader().leaf_readers())


def _empty_result(query, page, per_page, sort, messages, facets, started):
    messages.append("بایگانی هنوز خبری ندارد.")
    return {
        "query": query if isinstance(query, str) else "",
        "total": 0,
        "page": page,
        "per_page": per_page,
        "took_ms": round((time.perf_counter() - started) * 1000, 1),
        "hits": [],
        "facets": {facet: {"buckets": []} for facet in FACET_FIELDS} if facets else {},
        "did_you_mean": None,
        "filters": {},
        "sort": sort,
        "messages": list(dict.fromkeys(messages)),
    }


def _together(ds):
    """How many articles hold both content terms (for did-you-mean's choice in context)."""
    def count(a, b):
        return int((ds.of(wq.Term("content", a)) & ds.of(wq.Term("content", b))).sum())
    return count


def _spelling(s, ds):
    """How a content term is written in the articles (index terms are folded, lemmatized and ZWNJ-free: a
    suggestion reads «احمدی‌نژاد», not «احمدینژاد»): the commonest spelling of it in a few articles holding it."""
    def spell(term):
        docnums = np.flatnonzero(ds.of(wq.Term("content", term)))[:SPELLING_SAMPLE]
        seen = Counter()
        for docnum in docnums.tolist():
            stored = s.stored_fields(docnum)
            text = "\n".join(stored.get(f) or "" for f in ("title", "body"))
            for start, end, _ in snippets.matches(text, {term}):
                seen[fold(text[start:end])] += 1
        exact = [w for w, _ in seen.most_common() if w.replace(ZWNJ, "") == term]
        return exact[0] if exact else term
    return spell


def _starts_with(text, want):
    """``text`` (folded) or one of its words starts with ``want``: a facet search box finds «علی لاریجانی» by
    «لاریجانی» and «دی ۱۳۸۷» by «۱۳۸۷»."""
    from analyzers.fold import fold

    folded = fold(text).lower()
    return folded.startswith(want) or any(w.startswith(want) for w in folded.replace("\u200c", " ").split())


def _bucket(facet, value, count, selected):
    return {"value": value, "label": labels.facet_label(facet, value), "count": count, "selected": selected}


def _paging(page, per_page, sort, messages):
    try:
        page = int(page)
    except (TypeError, ValueError, OverflowError):
        messages.append("شمارهٔ صفحه نادرست بود؛ صفحهٔ ۱ نشان داده شد.")
        page = 1
    try:
        per_page = int(per_page)
    except (TypeError, ValueError, OverflowError):
        messages.append("تعداد نتیجه در صفحه نادرست بود؛ ۱۰ به کار رفت.")
        per_page = 10
    if page < 1 or page > MAX_PAGE:
        messages.append("شمارهٔ صفحه بیرون از بازه بود.")
        page = min(max(page, 1), MAX_PAGE)
    if per_page < 1 or per_page > MAX_PER_PAGE:
        messages.append(f"تعداد نتیجه در صفحه باید میان ۱ و {MAX_PER_PAGE} باشد.")
        per_page = min(max(per_page, 1), MAX_PER_PAGE)
    if sort not in SORTS:
        messages.append(f"ترتیب «{sort}» شناخته نیست؛ بر پایهٔ ربط مرتب شد.")
        sort = "relevance"
    return page, per_page, sort
