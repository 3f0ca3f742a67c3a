"""Evaluate entity extraction on an IOB-tagged NER corpus (ArmanPersoNERCorpus format: `token TAG` per line).

    .venv/bin/python bench/eval_entities.py [../shared/data/arman_ner_dev.txt] [--errors N]

Each sentence is rebuilt as its tokens joined by spaces and given to ``analyzers.entities.extract``.
- persons: exact token spans against the B-pers/I-pers spans: precision, recall, F1;
- countries: the country *names* the lexicon knows (not demonyms, which the corpus does not tag). A found country
  is right when every token of it is tagged loc or org; gold is every country name the corpus tags loc/org
  (found by a plain longest-match over the lexicon, with no context rules), so recall measures what the context
  rules and the tokenization lose.
``--errors N`` prints N missed and N spurious persons with context (for studying error classes).
"""

import argparse
import sys
import time

from common import DATA_DIR, missing

from analyzers import countries
from analyzers.entities import extract
from analyzers.lexicon import squash, tokens as lex_tokens

DEFAULT = DATA_DIR / "arman_ner_dev.txt"


def read_sentences(path):
    sentence = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if sentence:
                    yield sentence
                sentence = []
                continue
            token, _, tag = line.rpartition(" ")
            sentence.append((token, tag))
    if sentence:
        yield sentence


def spans_of(tags, kind):
    out, i = set(), 0
    while i < len(tags):
        if tags[i] == "B-" + kind:
            j = i + 1
            while j < len(tags) and tags[j] == "I-" + kind:
                j += 1
            out.add((i, j))
            i = j
        else:
            i += 1
    return out


def gold_countries(words, tags):
    """Country names (lexicon, longest match, no context) whose tokens are all tagged loc or org."""
    lex = countries.lexicon()
    keys = [tuple(squash(t) for t in lex_tokens(w)) for w in words]
    out, i = set(), 0
    while i < len(words):
        hit = None
        for n in range(min(6, len(words) - i), 0, -1):
            if not all(keys[i:i + n]):
                continue  # punctuation is never inside a name
            k = tuple(t for kk in keys[i:i + n] for t in kk)
            entry = lex.names.get(k)
            if entry and not entry.demonym:
                hit = (i, i + n)
                break
        if hit and all(t[2:] in ("loc", "org") for t in tags[hit[0]:hit[1]]):
            out.add(hit)
        i = hit[1] if hit else i + 1
    return out


def prf(tp, n_found, n_gold):
    p = tp / n_found if n_found else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--errors", type=int, default=0, help="print this many missed and spurious persons")
    args = parser.parse_args(argv)
    if missing(args.path):
        return 0
    p_tp = p_found = p_gold = 0
    c_tp = c_found = c_gold_n = c_hit = 0
    missed, spurious, c_wrong = [], [], []
    started = time.perf_counter()
    n_sent = 0
    for sentence in read_sentences(args.path):
        n_sent += 1
        words = [w for w, _ in sentence]
        tags = [t for _, t in sentence]
        text = " ".join(words)
        starts, ends, pos = {}, {}, 0
        for idx, w in enumerate(words):
            starts[pos] = idx
            ends[pos + len(w)] = idx + 1
            pos += len(w) + 1
        found_p, found_c = set(), set()
        for e in extract(text):
            span = (starts.get(e.start, -1), ends.get(e.end, -1))
            if e.kind == "person":
                found_p.add(span)
            elif e.kind == "country" and countries.lexicon().names.get(
                    tuple(squash(t) for t in lex_tokens(e.text))) and not countries.lexicon().names[
                    tuple(squash(t) for t in lex_tokens(e.text))].demonym:
                found_c.add(span)
        gold_p = spans_of(tags, "pers")
        p_tp += len(found_p & gold_p)
        p_found += len(found_p)
        p_gold += len(gold_p)
        for s in gold_p - found_p:
            missed.append((words, s))
        for s in found_p - gold_p:
            spurious.append((words, s))
        gold_c = gold_countries(words, tags)
        c_gold_n += len(gold_c)
        c_hit += len(found_c & gold_c)
        for a, b in found_c:
            c_found += 1
            ok = a >= 0 and b >= 0 and all(t[2:] in ("loc", "org") for t in tags[a:b])
            c_tp += ok
            if not ok:
                c_wrong.append((words, (a, b)))
    elapsed = time.perf_counter() - started
    p, r, f = prf(p_tp, p_found, p_gold)
    print(f"sentences: {n_sent} ({elapsed:.1f} s)")
    print(f"person:  P={p:.3f} R={r:.3f} F1={f:.3f}  (found {p_found}, gold {p_gold}, exact matches {p_tp})")
    cp = c_tp / c_found if c_found else 0.0
    cr = c_hit / c_gold_n if c_gold_n else 0.0
    print(f"country: P={cp:.3f} R={cr:.3f}  (found {c_found}, tagged loc/org {c_tp}, gold {c_gold_n}, found {c_hit})")
    if args.errors:
        def show(title, items):
            print(f"--- {title} ({len(items)})")
            for words, (a, b) in items[: args.errors]:
                if a < 0 or b < 0:
                    print("   (span not on token boundaries)")
                    continue
                print("  ", " ".join(words[max(0, a - 4):a]), "[[", " ".join(words[a:b]), "]]",
                      " ".join(words[b:b + 4]))
        show("missed persons", missed)
        show("spurious persons", spurious)
        show("countries not tagged loc/org", c_wrong)
    return 0


if __name__ == "__main__":
    sys.exit(main())
