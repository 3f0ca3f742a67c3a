"""``bayegan search QUERY --index DIR``: the same result as the web page and the JSON API, for a terminal."""

import argparse
import json
import sys

from search.core.export import FORMATS, MAX_ROWS
from search.core.periods import AUTO, CALENDARS, INTERVALS

MAX_LIMIT = 1000


def _count(low: int, high: int | None = None):
    """An argparse type: a whole number from ``low`` (to ``high``); anything else is an error, never clamped."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < low or (high is not None and value > high):
            bound = f"from {low} to {high}" if high is not None else f"{low} or more"
            raise argparse.ArgumentTypeError(f"must be a whole number {bound}, not {text!r}")
        return value
    return parse


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "search", help="search an index", description="Search an index. QUERY may use \"phrases\", -word, OR, "
        "person:NAME, country:NAME, source:NAME, date:1387/10 or date:2009-01..2009-03.")
    p.add_argument("query", metavar="QUERY", help="the query (quote it in the shell)")
    p.add_argument("--index", required=True, metavar="DIR", help="index folder")
    p.add_argument("--limit", type=_count(1, MAX_LIMIT), default=10, metavar="N",
                   help=f"results to show (10, at most {MAX_LIMIT})")
    p.add_argument("--page", type=_count(1), default=1, metavar="P", help="result page (1)")
    p.add_argument("--sort", choices=("relevance", "newest", "oldest"), default="relevance")
    p.add_argument("--person", action="append", default=[], metavar="K", help="only articles naming person K "
                   "(repeat: any of them)")
    p.add_argument("--country", action="append", default=[], metavar="K", help="only articles naming country K "
                   "(name or ISO code; repeat: any of them)")
    p.add_argument("--from", dest="date_from", metavar="D", help="from date D (1387/10/01, 2009-01-01, 1387, ...)")
    p.add_argument("--to", dest="date_to", metavar="D", help="up to date D (inclusive)")
    p.add_argument("--json", action="store_true", help="print the result as JSON (the API's object)")
    p.add_argument("--ray", metavar="ADDRESS", help="a Ray cluster's address (or 'local'): search the shards "
                   "through one actor each on its nodes (pip install '.[cluster]')")
    research = p.add_argument_group("coverage over time and export")
    research.add_argument("--timeline", action="store_true", help="print the matching articles per period "
                          "instead of the results")
    research.add_argument("--interval", choices=(AUTO, *INTERVALS), default=AUTO,
                          help="timeline period (auto: days, months or years, whichever gives a readable chart)")
    research.add_argument("--calendar", choices=CALENDARS, default="jalali", help="timeline calendar (jalali)")
    research.add_argument("--normalize", action="store_true", help="timeline: also each count's share of the "
                          "archive's articles in that period")
    research.add_argument("--export", metavar="FILE", help="write every match (not only a page) to FILE "
                          "(.csv or .jsonl; - for standard output)")
    research.add_argument("--format", dest="export_format", choices=FORMATS, help="export format (default: from "
                          "FILE's extension, else csv)")
    research.add_argument("--max-rows", type=_count(1), default=MAX_ROWS, metavar="N",
                          help=f"export at most N rows ({MAX_ROWS:,})")
    p.set_defaults(func=run)


def run(args) -> int:
    from search.core.engine import SearchEngine
    from search.core.errors import IndexProblem

    try:
        engine = SearchEngine(args.index, warm=False, ray=args.ray)  # one query: no background postings build
    except IndexProblem as exc:  # a missing, foreign or damaged index: one line, no traceback
        print(f"bayegan: error: {exc}", file=sys.stderr)
        return 2
    filters = {}
    if args.person:
        filters["person"] = args.person
    if args.country:
        filters["country"] = args.country
    if args.date_from:
        filters["from"] = args.date_from
    if args.date_to:
        filters["to"] = args.date_to
    if args.timeline:
        return _timeline(engine, args, filters)
    if args.export:
        return _export(engine, args, filters)
    result = engine.search(args.query, filters=filters, sort=args.sort, page=args.page, per_page=args.limit)
    return _print(result, args.json, render)


def _print(result, as_json: bool, render_text) -> int:
    if as_json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(render_text(result))
    return 0


def plain_excerpt(excerpt: dict) -> str:
    """An excerpt as plain text, the matched words in [brackets]."""
    parts = []
    for fragment in excerpt["fragments"]:
        text, out, pos = fragment["text"], [], 0
        for start, end in fragment["marks"]:
            out += [text[pos:start], "[", text[start:end], "]"]
            pos = end
        out.append(text[pos:])
        parts.append("".join(out))
    return ("… " if excerpt["before"] else "") + " … ".join(parts) + (" …" if excerpt["after"] else "")


def render(result: dict) -> str:
    """Readable text: the total, each hit with date, source and excerpt (marks as [..]), facets, messages."""
    lines = [f"{result['total']} results ({result['took_ms']} ms)"]
    for message in result["messages"]:
        lines.append(f"! {message}")
    if result["did_you_mean"]:
        lines.append(f"did you mean: {result['did_you_mean']}")
    first = (result["page"] - 1) * result["per_page"]
    for i, hit in enumerate(result["hits"], first + 1):
        meta = " · ".join(x for x in (hit["date_jalali"], hit["date"], hit["source"]) if x)
        lines.append("")
        lines.append(f"{i}. {hit['title']}  [{hit['id']}]")
        if meta:
            lines.append(f"   {meta}")
        lines.append(f"   {plain_excerpt(hit['excerpt'])}")
        if hit["url"]:
            lines.append(f"   {hit['url']}")
    if not result["hits"] and result["total"] and result["page"] > 1:
        pages = -(-result["total"] // result["per_page"])
        lines.append(f"page {result['page']} is past the last page ({pages} page(s) of {result['per_page']})")
    for name, facet in result["facets"].items():
        if facet["buckets"]:
            shown = ", ".join(f"{b['label']} ({b['count']})" for b in facet["buckets"][:8])
            lines.append(f"\n{name}: {shown}")
    return "\n".join(lines)


def _timeline(engine, args, filters) -> int:
    try:
        result = engine.timeline([args.query], filters=filters, interval=args.interval, calendar=args.calendar,
                                 normalize=args.normalize)
    except ValueError as exc:  # too many periods for the interval: say which interval would do
        print(f"bayegan: error: {exc}", file=sys.stderr)
        return 2
    return _print(result, args.json, render_timeline)


def render_timeline(result: dict, width: int = 40) -> str:
    """One line per period: its key, label, count (and share), and a bar."""
    series = result["series"][0]
    counts = series["counts"]
    top = max(counts, default=0) or 1
    lines = [f"{series['total']} results, {series['dated']} dated, per {result['calendar']} {result['interval']}"]
    for message in result["messages"]:
        lines.append(f"! {message}")
    for i, period in enumerate(result["periods"]):
        share = f"  {series['shares'][i]:7.2%}" if "shares" in series else ""
        bar = "#" * round(counts[i] / top * width)
        lines.append(f"{period['key']:<12} {period['label']:<18} {counts[i]:>7}{share}  {bar}")
    if series["undated"]:
        lines.append(f"undated: {series['undated']}")
    return "\n".join(lines)


def _export(engine, args, filters) -> int:
    from search.core.export import chunks

    fmt = args.export_format or ("jsonl" if args.export.endswith((".jsonl", ".json")) else "csv")
    out = engine.export(args.query, filters=filters, sort=args.sort, limit=max(0, args.max_rows))
    written = []

    def counted(rows):
        for row in rows:
            written.append(row["id"])
            yield row

    stream = sys.stdout if args.export == "-" else open(args.export, "w", encoding="utf-8", newline="")
    try:
        for chunk in chunks(counted(out["rows"]), fmt):
            stream.write(chunk)
    finally:
        if stream is not sys.stdout:
            stream.close()
    note = f" (the first {len(written)} of {out['total']}: raise --max-rows)" if out["truncated"] else ""
    print(f"{len(written)} rows exported{note}", file=sys.stderr)
    return 0
