"""Indexing speed: the full Bayegan pipeline against plain Whoosh on the same archive.

Full pipeline: ``indexer.build.index_archives`` (Persian analysis, dates, entities; analysis and writing in one process per shard group).
Baseline: plain Whoosh, StandardAnalyzer, no entities, the same text fields (title, content = title x TITLE_REPEAT +
summary + body), the same stored fields, writer settings and commit batches. Prints articles/s of both and the ratio
(target >= 0.6, aim >= 1.0). Wall figures are noisy on a shared machine, so it also prints CPU seconds (this
process + its worker processes), which other load hardly changes, and from them the ratio to expect on free cores:
the pipeline is bound by its busiest process or by total CPU over the cores, whichever is slower.

    .venv/bin/python bench/bench_index.py [ARCHIVE] [--limit N] [--jobs N] [--inprocess] [--repeat N]
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

DEFAULT_ARCHIVE = ROOT.parent / "shared" / "data" / "hamshahri2.jsonl"
CACHE = ROOT / "bench" / ".cache" / "bench_index"


def plain_whoosh(archive: Path, index_dir: Path, limit: int | None, batch: int, limitmb: int) -> tuple[int, float]:
    from whoosh.analysis import StandardAnalyzer
    from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
    from whoosh.filedb.filestore import FileStorage

    from indexer.document import TITLE_REPEAT

    started = time.monotonic()
    analyzer = StandardAnalyzer()
    schema = Schema(id=ID(unique=True, stored=True), url=STORED(), title=TEXT(analyzer=analyzer, stored=True, phrase=True),
                    summary=STORED(), body=STORED(), content=TEXT(analyzer=analyzer, phrase=True),
                    source=ID(stored=True), tags=KEYWORD(stored=True, commas=True), date=DATETIME(stored=True))
    shutil.rmtree(index_dir, ignore_errors=True)
    index_dir.mkdir(parents=True)
    ix = FileStorage(str(index_dir)).create_index(schema, indexname="MAIN")
    count = 0
    writer = ix.writer(limitmb=limitmb)
    with open(archive, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if limit is not None and count >= limit:
                break
            a = json.loads(line)
            title, summary, body = a.get("title", ""), a.get("summary", ""), a.get("body", "")
            content = "\n".join(p for p in [title] * TITLE_REPEAT + [summary, body] if p)
            writer.add_document(id=str(a["id"]), title=title, content=content, body=body,
                                **({"summary": summary} if summary else {}),
                                **({"source": a["source"]} if a.get("source") else {}))
            count += 1
            if count % batch == 0:
                writer.commit()
                writer = ix.writer(limitmb=limitmb)
    writer.commit()
    return count, time.monotonic() - started


def full_pipeline(archive: Path, index_dir: Path, limit: int | None, batch: int, limitmb: int,
                  jobs: int) -> tuple[int, float]:
    from indexer.build import index_archives

    source = archive
    if limit is not None:  # the first N lines, as a file, so the pipeline reads the same articles
        source = index_dir.parent / f"first{limit}.jsonl"
        with open(archive, "rb") as src, open(source, "wb") as dst:
            for n, line in enumerate(src):
                if n >= limit:
                    break
                dst.write(line)
    summary = index_archives([str(source)], str(index_dir), rebuild=True, batch_size=batch, jobs=jobs,
                             limitmb=limitmb, report=lambda message: None)
    return summary.indexed, summary.seconds


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished child processes."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", nargs="?", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--limit", type=int, help="index only the first N articles")
    parser.add_argument("--jobs", type=int, help="analysis processes of the full pipeline (default: as bayegan index)")
    parser.add_argument("--batch", type=int, default=1000, help="commit every N articles (1000)")
    parser.add_argument("--limitmb", type=int, default=256, help="writer memory before spilling to disk (256)")
    parser.add_argument("--inprocess", action="store_true", help="also time the full pipeline with --jobs 0")
    parser.add_argument("--run-one", choices=("plain", "full", "full0"), help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=1,
                        help="run every configuration N times, alternating, and keep each one's fastest run")
    args = parser.parse_args(argv)
    if not args.archive.exists():
        print(f"skipped: {args.archive} missing")
        return 0
    if args.run_one:  # one configuration in this (fresh) process: print its figures as JSON for the parent
        before = _cpu()
        if args.run_one == "plain":
            count, seconds = plain_whoosh(args.archive, CACHE / "plain", args.limit, args.batch, args.limitmb)
        else:
            count, seconds = full_pipeline(args.archive, CACHE / args.run_one, args.limit, args.batch,
                                           args.limitmb, args.jobs if args.run_one == "full" else 0)
        main_cpu, workers_cpu = (after - b for after, b in zip(_cpu(), before))
        print(json.dumps([count, seconds, main_cpu, workers_cpu]))
        return 0

    shutil.rmtree(CACHE, ignore_errors=True)
    CACHE.mkdir(parents=True)
    jobs_label = args.jobs if args.jobs is not None else "default"
    runs = [("plain Whoosh (StandardAnalyzer)", "plain"), (f"Bayegan pipeline (jobs={jobs_label})", "full")]
    if args.inprocess:
        runs.append(("Bayegan pipeline (jobs=0)", "full0"))

    from indexer.pipeline import default_jobs

    cores = os.cpu_count() or 1
    print(f"archive: {args.archive} ({args.limit or 'all'} articles), batch {args.batch}, limitmb {args.limitmb}, "
          f"{cores} cores, load average {os.getloadavg()[0]:.1f}")
    best = {}
    for _ in range(args.repeat):
        for name, config in runs:
            # Each run in a fresh process, as `bayegan index` runs: the analyzers' start-up cost counts.
            command = [sys.executable, __file__, str(args.archive), "--run-one", config, "--batch", str(args.batch),
                       "--limitmb", str(args.limitmb)] + (["--limit", str(args.limit)] if args.limit else []) + (
                       ["--jobs", str(args.jobs)] if args.jobs is not None else [])
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            count, seconds, main_cpu, workers_cpu = json.loads(output.strip().splitlines()[-1])
            print(f"{name:36s} {count:6d} articles {seconds:7.1f} s {count / seconds:7.1f} articles/s | CPU: "
                  f"main {main_cpu:6.1f} s, workers {workers_cpu:6.1f} s", flush=True)
            if name not in best or seconds < best[name][2]:
                best[name] = (name, count, seconds, main_cpu, workers_cpu)
    results = [best[name] for name, _ in runs]
    if args.repeat > 1:
        print(f"fastest of {args.repeat} runs each:")
    _, plain_count, plain_seconds, plain_cpu, _ = results[0]
    plain_free = plain_count / plain_cpu
    for name, count, seconds, main_cpu, workers_cpu in results[1:]:
        jobs = 0 if "jobs=0" in name else (args.jobs if args.jobs is not None else default_jobs())
        measured = count / seconds / (plain_count / plain_seconds)
        if jobs and not workers_cpu:  # workers started by a fork server are not this process's children
            print(f"ratio {name} / plain: {measured:.2f} measured")
            continue
        bound = max(main_cpu, workers_cpu / max(jobs, 1), (main_cpu + workers_cpu) / cores)
        print(f"ratio {name} / plain: {measured:.2f} measured, "
              f"{count / bound / plain_free:.2f} expected on {cores} free cores (from CPU seconds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
