"""Facet values as a reader sees them, judged by reading the articles (issue 10).

    .venv/bin/python bench/eval_facets.py                 # the figures on the judged sample
    .venv/bin/python bench/eval_facets.py --unjudged 200  # top person values without a judgment, with contexts
    .venv/bin/python bench/eval_facets.py --kwic VALUE    # where a person value comes from
    .venv/bin/python bench/eval_facets.py --sample-countries  # (re)draw the country sample (new rows unjudged)

Entities are found on each article of the three archives in ``../shared/data`` exactly as the indexer finds them
(``indexer.document.entity_keys`` on title, summary and body). The judgments are ours, made by reading articles:
- ``bench/judged/persons.tsv``: ``value, verdict, note``; verdict ``person`` (a person used as a person in most of
  its articles), ``homonym`` (persons used as persons, but several people share the name: counted as persons,
  listed apart), ``not_person`` (a first name alone, a title, a fragment, fiction, an unresolved surname),
  ``named_after`` (mostly an institution or place named after the person), ``other_person`` (mostly someone else);
- ``bench/judged/person_splits.tsv``: ``value, value`` that name one person (a split when both are values);
- ``bench/judged/countries.tsv``: ``archive, id, code, mentions, note``: whether the article mentions the country
  (1/0), for articles drawn per risky code from those the first version tagged or whose text holds the name.
Targets: no non-person and no split in the top 100; >= 97% persons in the top 200; countries P >= 0.97, R >= 0.90.
"""

import argparse
import collections
import csv
import json
import random
import sys
import time

from common import DATA_DIR, ROOT, missing

from analyzers import countries as country_rules
from analyzers.entities import extract
from analyzers.lexicon import key
from indexer.document import entity_keys

ARCHIVES = ("hamshahri2.jsonl", "fars_news.jsonl", "varzesh3.jsonl")
JUDGED = ROOT / "bench" / "judged"
RISKY = ("ML MC MT BT CD GN CM YE CO EG TM GB CN KR CZ GH BJ MU AZ PE QA MA AE JO OM TR TD NE TG GE IN "
         "DE FR ES RU JP IT AM AF IQ RO LY CL").split()
PER_CODE = 20  # tagged articles per code
UNTAGGED_PER_CODE = 6  # articles whose text holds the name but that were not tagged (for recall)


def articles():
    for name in ARCHIVES:
        with open(DATA_DIR / name, encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                text = "\n".join(p for p in (a.get("title"), a.get("summary"), a.get("body")) if p)
                yield name.split(".")[0], str(a["id"]), text


def extract_all():
    start = time.perf_counter()
    out = [(arch, aid, text, *entity_keys(text)) for arch, aid, text in articles()]
    print(f"{len(out)} articles, entities in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return out


def read_tsv(name):
    path = JUDGED / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return [row for row in csv.reader(f, delimiter="\t") if row and not row[0].startswith("#")]


def person_counts(docs):
    counts = collections.Counter()
    for _, _, _, persons, _ in docs:
        counts.update(persons)
    return counts


def contexts(docs, value, limit=8, width=45):
    out = []
    for arch, aid, text, persons, _ in docs:
        if value not in persons:
            continue
        for e in extract(text):
            if e.kind == "person" and e.key == value:
                s, t = max(0, e.start - width), min(len(text), e.end + width)
                out.append(f"  {arch}:{aid}  …{text[s:e.start]}[[{e.text}]]{text[e.end:t]}…".replace("\n", " "))
                break
        if len(out) >= limit:
            break
    return out


def person_figures(docs):
    verdicts = {row[0]: row[1] for row in read_tsv("persons.tsv") if len(row) >= 2}
    counts = person_counts(docs)
    ranked = [v for v, _ in counts.most_common()]
    for top in (100, 200):
        values = ranked[:top]
        judged = [v for v in values if v in verdicts]
        good = [v for v in judged if verdicts[v] in ("person", "homonym")]
        bad = [(v, counts[v], verdicts[v]) for v in judged if verdicts[v] not in ("person", "homonym")]
        shared = [v for v in judged if verdicts[v] == "homonym"]
        print(f"persons top {top}: {len(good)}/{len(judged)} judged are persons used as persons "
              f"({len(good) / max(1, len(judged)):.1%}); {top - len(judged)} unjudged")
        if shared:
            print("   persons, but a name several people share (homonym): " + ", ".join(shared))
        if bad:
            print("   not persons: " + ", ".join(f"{v} ({n}, {why})" for v, n, why in bad))
    rank = {v: i for i, v in enumerate(ranked)}
    for top in (100, 200):
        splits = [(a, b) for a, b, *_ in read_tsv("person_splits.tsv")
                  if rank.get(a, 1e9) < top and b in rank or rank.get(b, 1e9) < top and a in rank]
        print(f"split pairs touching the top {top}: {len(splits)}"
              + ("  " + ", ".join(f"{a} / {b}" for a, b in splits) if splits else ""))
    return ranked, verdicts, counts


def country_figures(docs, errors=False):
    tagged = {(arch, aid): set(cs) for arch, aid, _, _, cs in docs}
    rows = [r for r in read_tsv("countries.tsv") if len(r) >= 4 and r[3] in ("0", "1")]
    tp = fp = fn = 0
    per_code = collections.defaultdict(lambda: [0, 0, 0])
    for arch, aid, code, mentions, *_ in rows:
        got = code in tagged.get((arch, aid), set())
        yes = mentions == "1"
        tp += got and yes
        fp += got and not yes
        fn += yes and not got
        c = per_code[code]
        c[0] += got and yes
        c[1] += got and not yes
        c[2] += yes and not got
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"countries on {len(rows)} judged articles, {len(per_code)} codes: precision {p:.3f} recall {r:.3f} "
          f"(tp {tp}, fp {fp}, fn {fn})")
    if errors:
        for arch, aid, code, mentions, *note in rows:
            got = code in tagged.get((arch, aid), set())
            if got != (mentions == "1"):
                print(f"   {'fp' if got else 'fn'} {code} {arch}:{aid} {note[0] if note else ''}")
    worst = sorted(per_code.items(), key=lambda kv: -(kv[1][1] + kv[1][2]))[:12]
    print("   errors by code (fp, fn): " + ", ".join(f"{c} {v[1]}/{v[2]}" for c, v in worst if v[1] + v[2]))


def sample_countries(docs, baseline_tags):
    """Per risky code: up to PER_CODE articles the baseline tagged and UNTAGGED_PER_CODE holding a name of the
    country untagged; rows already judged are kept."""
    old = {(r[0], r[1], r[2]): r for r in read_tsv("countries.tsv")}
    rng = random.Random(10)
    names = collections.defaultdict(list)
    for name, entry in country_rules.lexicon().names.items():
        names[entry.code].append(" " + " ".join(name) + " ")
    folded = {(a, i): " " + " ".join(key(text)) + " " for a, i, text, _, _ in docs}
    rows = list(old.values())
    for code in RISKY:
        tagged = [(a, i) for a, i, _, _, cs in docs if code in baseline_tags.get((a, i), ())]
        seen = set(tagged)
        holding = [(a, i) for a, i, _, _, _ in docs
                   if (a, i) not in seen and any(f in folded[(a, i)] for f in names[code])]
        for a, i in rng.sample(tagged, min(PER_CODE, len(tagged))) + rng.sample(holding, min(UNTAGGED_PER_CODE,
                                                                                            len(holding))):
            if (a, i, code) not in old:
                rows.append([a, i, code, "?", ""])
    JUDGED.mkdir(exist_ok=True)
    with open(JUDGED / "countries.tsv", "w", encoding="utf-8") as f:
        f.write("# archive\tid\tcode\tmentions (1: the article mentions the country; 0: not; ?: unjudged)\tnote\n")
        for r in sorted(rows, key=lambda r: (r[2], r[0], r[1])):
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} rows in {JUDGED / 'countries.tsv'}")


def show_countries(docs):
    """Each unjudged sample row with the article's title and every place its text names the country (folded)."""
    names = collections.defaultdict(list)
    for name, entry in country_rules.lexicon().names.items():
        names[entry.code].append(name)
    by_id = {(a, i): text for a, i, text, _, _ in docs}
    tagged = {(a, i): cs for a, i, _, _, cs in docs}
    for arch, aid, code, mentions, *_ in read_tsv("countries.tsv"):
        if mentions != "?":
            continue
        text = by_id[(arch, aid)]
        words = key(text)
        print(f"\n== {arch}\t{aid}\t{code} ({country_rules.country_label(code)})  tagged now: {code in tagged[(arch, aid)]}"
              f"  title: {text.split(chr(10))[0][:90]}")
        shown = 0
        for n, w in enumerate(words):
            for name in names[code]:
                if tuple(words[n:n + len(name)]) == name and shown < 4:
                    print("   …" + " ".join(words[max(0, n - 9):n]) + " [[" + " ".join(name) + "]] "
                          + " ".join(words[n + len(name):n + len(name) + 9]) + "…")
                    shown += 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--unjudged", type=int, default=0, help="list unjudged values among the top N, with contexts")
    p.add_argument("--kwic", help="contexts of one person value")
    p.add_argument("--sample-countries", action="store_true")
    p.add_argument("--show-countries", action="store_true", help="unjudged country rows with their contexts")
    p.add_argument("--errors", action="store_true", help="list the judged country rows the tagger gets wrong")
    p.add_argument("--dump", help="write the top 400 values and every article's countries as JSON to this file")
    args = p.parse_args()
    if missing(*(DATA_DIR / a for a in ARCHIVES)):
        return
    docs = extract_all()
    if args.kwic:
        print("\n".join(contexts(docs, args.kwic, limit=30)))
        return
    if args.show_countries:
        show_countries(docs)
        return
    if args.sample_countries:
        sample_countries(docs, {(a, i): set(cs) for a, i, _, _, cs in docs})
        return
    ranked, verdicts, counts = person_figures(docs)
    country_figures(docs, args.errors)
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            json.dump({"persons": [(v, counts[v]) for v in ranked[:400]],
                       "countries": {f"{a}:{i}": cs for a, i, _, _, cs in docs}}, f, ensure_ascii=False)
    if args.unjudged:
        for v in ranked[:args.unjudged]:
            if v not in verdicts:
                print(f"\n{v}  ({counts[v]} articles, rank {ranked.index(v) + 1})")
                print("\n".join(contexts(docs, v)))


if __name__ == "__main__":
    main()
