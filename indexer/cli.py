"""``bayegan index`` and ``bayegan stats``."""

import errno
import json
import sys
from concurrent.futures.process import BrokenProcessPool

from indexer.readers import FORMATS, FormatError


def register(subparsers) -> None:
    index = subparsers.add_parser(
        "index", help="index news archives (JSON Lines, JSON, CSV, web pages, WARC, RSS/Atom; gzip too)",
        description="Index news archives into DIR. Articles already in the index (same id) are replaced.")
    index.add_argument("archives", nargs="+", metavar="ARCHIVE", help="archive files, folders or feed URLs")
    index.add_argument("--index", required=True, metavar="DIR", help="index folder (created if missing)")
    index.add_argument("--format", choices=FORMATS, help="format of every archive (default: from the extension)")
    index.add_argument("--encoding", metavar="NAME",
                       help="encoding of every archive, e.g. windows-1256 (default: detected per file)")
    index.add_argument("--field", action="append", default=[], metavar="FIELD=KEY",
                       help="take FIELD (id, title, body, summary, date, url, source, category, tags) from the "
                            "archive's KEY, e.g. --field body=text; FIELD= ignores the field. Repeatable.")
    index.add_argument("--rebuild", action="store_true", help="start a fresh index instead of updating DIR")
    index.add_argument("--strict", action="store_true", help="exit 1 if any record was skipped")
    index.add_argument("--batch", type=int, default=1000, metavar="N", help="commit every N articles (1000)")
    index.add_argument("--jobs", type=int, metavar="N",
                       help="processes that analyze and write shards (default: one per core; 0 does everything "
                            "in this process)")
    index.add_argument("--shards", type=int, metavar="N",
                       help="number of shards of a new index (default: --jobs); an existing index keeps its "
                            "own (change it with --rebuild)")
    index.add_argument("--ray", metavar="ADDRESS", help="a Ray cluster's address (or 'local' for a Ray runtime in this process): analyze and write the shards as Ray tasks on its nodes; the index folder must be storage every node reaches (pip install '.[cluster]')")
    index.add_argument("--entities", metavar="FILE",
                       help="the archive's authority file for the person facet (TSV: person / merge / block lines, "
                            "see the README); kept in the index for later runs")
    index.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    index.set_defaults(func=run_index)

    stats = subparsers.add_parser("stats", help="what an index holds", description="Show what an index holds.")
    stats.add_argument("--index", required=True, metavar="DIR", help="index folder")
    stats.add_argument("--top", type=int, default=10, metavar="N", help="how many persons/countries to list")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(func=run_stats)

    delete = subparsers.add_parser(
        "delete", help="delete articles by id", description="Delete articles from an index by id, in one commit "
        "per shard (each all or nothing, also if the command is killed).")
    delete.add_argument("ids", nargs="*", metavar="ID", help="ids of the articles to delete")
    delete.add_argument("--ids-from", metavar="FILE", help="a file of ids, one per line ('-': standard input)")
    delete.add_argument("--index", required=True, metavar="DIR", help="index folder")
    delete.set_defaults(func=run_delete)

    compact = subparsers.add_parser(
        "compact", help="merge an index's segments", description="Merge the segments of each shard of an index "
        "into one and drop deleted documents (faster searches, less disk). The index stays readable throughout.")
    compact.add_argument("--index", required=True, metavar="DIR", help="index folder")
    compact.set_defaults(func=run_compact)


def parse_field_overrides(specs) -> dict[str, str]:
    overrides = {}
    for spec in specs:
        name, sep, key = spec.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--field {spec!r}: expected FIELD=KEY, e.g. body=text")
        overrides[name.strip()] = key.strip()
    return overrides


def _error(message: str) -> int:
    print(f"bayegan: error: {message}", file=sys.stderr)
    return 2


def run_index(args) -> int:
    from indexer.build import IndexUnavailable, index_archives

    try:
        fields = parse_field_overrides(args.field)
        summary = index_archives(args.archives, args.index, args.rebuild, fmt=args.format, fields=fields,
                                 encoding=args.encoding, batch_size=args.batch, jobs=args.jobs, shards=args.shards,
                                 progress=sys.stderr.isatty(), ray=args.ray, entities=args.entities)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            return _error(f"no space left on the device of {args.index}: the committed batches are kept; free "
                          "space and run the same command again (what the failed commit wrote is removed then)")
        return _error(str(exc))
    except (FormatError, IndexUnavailable, ValueError) as exc:
        return _error(str(exc))
    except BrokenProcessPool as exc:
        return _error(f"an analysis process died ({exc}); committed batches are kept, run the command again")
    except KeyboardInterrupt:
        print("interrupted: committed batches are kept; run the same command again to complete the index",
              file=sys.stderr)
        return 130
    if args.json:
        print(json.dumps(summary.as_dict()))
    else:
        print(summary.line())
    return 1 if args.strict and summary.skipped else 0


def run_stats(args) -> int:
    from indexer.stats import format_stats, index_stats
    from search.core.errors import IndexProblem

    try:
        stats = index_stats(args.index, top=args.top)
    except IndexProblem as exc:
        return _error(str(exc))
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        print(format_stats(stats, args.index))
    return 0


def run_delete(args) -> int:
    from indexer.upkeep import delete_articles, read_ids
    from search.core.errors import IndexProblem

    try:
        ids = list(args.ids) + (read_ids(args.ids_from) if args.ids_from else [])
        if not ids:
            return _error("no ids to delete: name them (bayegan delete --index DIR ID ...) or use --ids-from FILE")
        result = delete_articles(args.index, ids)
    except (IndexProblem, OSError, UnicodeDecodeError) as exc:
        return _error(str(exc))
    if result.missing:
        shown = ", ".join(result.missing[:20]) + (" ..." if len(result.missing) > 20 else "")
        print(f"bayegan: warning: {len(result.missing)} id(s) not in the index: {shown}", file=sys.stderr)
    print(f"deleted {len(result.deleted)} articles; the index holds {result.documents} documents")
    return 0


def run_compact(args) -> int:
    from indexer.upkeep import compact
    from search.core.errors import IndexProblem

    try:
        before, after, documents = compact(args.index)
    except (IndexProblem, OSError) as exc:
        return _error(str(exc))
    print(f"compacted {before} segment(s) into {after}; the index holds {documents} documents")
    return 0
