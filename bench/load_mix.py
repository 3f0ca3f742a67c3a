"""URL lists for bench/load.sh's hostile mode, read from a running `bayegan serve` (so the article ids, persons
and countries exist in whatever index it serves):

  cheap.txt  the cheap mix: pages, API searches, articles, facet values (what a reader does)
  heavy.txt  the heaviest requests the limits allow: 500-character queries of prefix and fuzzy words (150 expanded
             terms), 20 values of one filter and 30 in all, per_page=100, every facet; the page (search, timeline and
             co-mentions at once), exports of every match, four-query timelines by week, co-mentions with limit 50

  python bench/load_mix.py BASE_URL OUT_DIR

One path a line, percent-encoded, for bench/load_paths.lua. Every path must answer 2xx when the server has time
for it (a 503 with Retry-After is admission control refusing a heavy request; bench/load.sh counts them).
"""

import json
import random
import sys
import urllib.parse
import urllib.request

PREFIXES = ["ا*", "م*", "ب*", "ت*", "س*", "د*", "ک*", "پ*", "ر*", "ن*", "ش*", "خ*", "ج*", "ف*", "گ*", "ح*"]
FUZZY = ["ایران~", "تهران~", "دولت~", "مجلس~", "وزیر~", "رییس~", "جمهور~", "اقتصاد~", "فوتبال~", "استقلال~"]


def get(base, path, **params):
    with urllib.request.urlopen(f"{base}{path}?{urllib.parse.urlencode(params, doseq=True)}", timeout=60) as r:
        return json.load(r)


def url(path, pairs):
    return f"{path}?{urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)}"


def widest_query(limit=500, turn=0):
    """Prefix and fuzzy words up to the query length limit: the expansion budget (150 terms) is spent. ``turn``
    reorders the words: the same cost, another URL (a hostile client does not ask what the cache holds)."""
    words, out = PREFIXES + FUZZY, []
    if turn:  # a permutation per turn: 26 words have more orders than any run asks for (rotations repeat at 26)
        random.Random(turn).shuffle(words)
    i = 0
    while len(" ".join(out + [words[i % len(words)]])) <= limit and i < 200:
        out.append(words[i % len(words)])
        i += 1
    return " ".join(out)


def main(base, out_dir):
    persons = [b["value"] for b in get(base, "/api/facets/person")["values"]][:20]
    countries = [b["value"] for b in get(base, "/api/facets/country")["values"]][:10]
    ids = [h["id"] for q in ("ایران", "تهران", "فوتبال", "نفت") for h in get(base, "/api/search", q=q,
                                                                              per_page=5)["hits"]]
    years = [b["value"] for b in get(base, "/api/facets/year")["values"]][:4]
    cheap = [
        "/", url("/", [("q", "ایران")]), url("/", [("q", "تهران"), ("sort", "newest")]),
        url("/", [("q", "مجلس"), ("page", "2")]), url("/", [("q", '"شورای امنیت"')]),
        url("/", [("q", "فوتبال"), ("country", countries[0])]),
        url("/", [("q", "نفت"), ("year", years[0])]),
        url("/api/search", [("q", "دولت")]), url("/api/search", [("q", "اقتصاد"), ("per_page", "20")]),
        url("/api/search", [("q", "استقلال OR پرسپولیس"), ("sort", "oldest")]),
        url("/api/search", [("person", persons[0])]),
        url("/api/search", [("from", "1385/01/01"), ("to", "1386/12/29"), ("sort", "newest")]),
        url("/api/facets/person", [("prefix", "ع")]), "/api/status", "/static/bayegan.css",
    ] + [f"/article/{urllib.parse.quote(i)}" for i in ids[:6]] + [f"/api/articles/{urllib.parse.quote(i)}"
                                                                  for i in ids[6:12]]
    filters = [("person", p) for p in persons] + [("country", c) for c in countries]  # 20 + 10 = 30 values
    heavy = [path for turn in range(HEAVY_VARIANTS) for path in heavy_paths(widest_query(turn=turn), filters, turn)]
    for name, paths in (("cheap.txt", cheap), ("heavy.txt", heavy)):
        with open(f"{out_dir}/{name}", "w") as f:
            f.write("\n".join(paths) + "\n")
    print(f"{len(cheap)} cheap and {len(heavy)} heavy paths ({HEAVY_VARIANTS} variants of each heavy request, "
          f"longest {max(map(len, heavy))} bytes)")


# Variants of each heavy request, none asked twice in a run: 4 connections get through far fewer in 70 s.
HEAVY_VARIANTS = 60


def heavy_paths(q, filters, turn):
    short = ["ا* ب*", "م* ت*", "س* د*", "ک* ر*", "ن* ش*", "خ* ج*"]
    short = short[turn % len(short):] + short[:turn % len(short)]
    return [
        url("/", [("q", q), *filters, ("per_page", "100")]),
        url("/", [("q", q), ("per_page", "100"), ("interval", "week"), ("normalize", "1")]),
        url("/api/search", [("q", q), *filters, ("per_page", "100"), ("facets", "all")]),
        url("/api/search", [("q", q), ("per_page", "100"), ("page", "1"), ("facets", "all")]),
        url("/api/export", [("q", ["ایران OR تهران OR دولت", "تهران OR دولت OR ایران", "دولت OR ایران OR تهران"]
                               [turn % 3]), ("format", "csv"), ("limit", str(100_000 - turn))]),
        url("/api/export", [("q", q), ("format", "jsonl")]),
        url("/api/timeline", [("q", q[:250]), *[("q", s) for s in short[:3]], ("interval", "week"),
                              ("normalize", "1")]),
        url("/compare", [("q", q[:250]), *[("q", s) for s in short[:3]], ("interval", "month"), ("normalize", "1")]),
        url("/api/comentions", [("q", q), ("limit", "50"), ("min_count", "1")]),
    ]


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2])
