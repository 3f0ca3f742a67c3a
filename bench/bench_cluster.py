"""The sharded index on a local multi-node Ray cluster against local processes, in the same run (issue 14).

    .venv/bin/python bench/bench_cluster.py [--size 100000] [--shards 4] [--nodes 3] [--rounds 5]
                                            [--reuse] [--skip-recovery]

On a deterministic corpus of recombined real paragraphs (bench/corpus.py), or one real archive as it is
(``--archive hamshahri2.jsonl``), with a Ray cluster of ``--nodes``
nodes started on this machine (``ray.cluster_utils.Cluster``: a head without CPUs for tasks and ``--nodes - 1``
workers of one CPU each, so the Ray build has as many task slots as ``--jobs 2`` has processes):

- **build**: ``bayegan index --jobs 2`` against ``bayegan index --ray ADDRESS`` (same shards and batch), wall
  time, the Ray build's read-and-split time and each shard task's time; both indexes must give identical answers
  (totals, hits, scores, snippets, facets) to every benchmark query;
- **per shard**, on the local index in this process (no transport): the time each shard spends on a query (the sum
  of its calls), the round trips per query and the bytes a query's calls and answers weigh pickled (what any
  transport carries); index size per shard; the RSS/PSS of each Ray actor (one per shard) and of an actor without
  a shard (what Python, Ray and the analyzers cost);
- **serving**: p50/p95 of the query families of bench/bench_scale.py through ``SearchEngine(ray=ADDRESS)`` (one
  actor per shard) and ``SearchEngine(workers=2)`` (local worker processes), interleaved round by round, plus the
  in-process engine (``workers=0``) as the floor; the round trip of one empty call on each transport; the time the
  actors spend in their shards (measured inside them) against the wall time;
- **recovery**: one shard actor killed (SIGKILL): the answers meanwhile (partial, with the ``shards_missing``
  notice) and the time until an answer is complete again; the same for a local worker process.

On one 2-core machine a Ray cluster cannot be faster than local processes: its figures are the overhead (per call,
per query) and the per-shard figures, which are what scale (docs/scaling.md). Results are appended to
bench/.cache/cluster-results.jsonl with the load average. The machine is shared: say what else ran.
"""

import argparse
import json
import os
import pickle
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench_scale import families, pct  # noqa: E402
from corpus import ARCHIVES, corpus_path  # noqa: E402

CACHE = ROOT / "bench" / ".cache"
BAYEGAN = [sys.executable, "-m", "bayegan"]
OBJECT_STORE = 200 * 1024 * 1024  # bytes per node: the shards' answers are small, the default (30% of RAM) is not
TIMEOUT = 10.0  # seconds a shard may take to answer a call (BAYEGAN_SHARD_TIMEOUT's default)
RELOAD = 2.0  # seconds between checks for a newer commit (BAYEGAN_RELOAD_INTERVAL's default): as bayegan serve
RECOVERY_QUERY = "ایران"


def load() -> float:
    return round(os.getloadavg()[0], 2)


def engine_args(params: dict) -> tuple[str, dict]:
    """A bench_scale API request as ``SearchEngine.search`` arguments."""
    from web.params import FILTER_PARAMS

    p = dict(params)
    q = p.pop("q")
    facets = p.pop("facets", "all") != "none"
    return q, {"filters": {FILTER_PARAMS[k]: [v] for k, v in p.items()} or None, "facets": facets}


def key(result: dict):
    return (result["total"], [(h["id"], h["score"], h["snippet"]) for h in result["hits"]], result["facets"],
            result["did_you_mean"])


def requests():
    return [(family, *engine_args(params)) for family, params in families()]


# -- the cluster ------------------------------------------------------------------------------------------------

def start_cluster(nodes: int):
    from ray.cluster_utils import Cluster

    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 0, "include_dashboard": False,
                                                            "object_store_memory": OBJECT_STORE})
    for _ in range(nodes - 1):
        cluster.add_node(num_cpus=1, object_store_memory=OBJECT_STORE)
    cluster.wait_for_nodes()
    return cluster


def stop_cluster(cluster):
    import ray

    ray.shutdown()
    cluster.shutdown()


# -- building ---------------------------------------------------------------------------------------------------

def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(corpus: Path, index_dir: Path, shards: int, extra: list[str]) -> dict:
    shutil.rmtree(index_dir, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    started = time.monotonic()
    done = subprocess.run(BAYEGAN + ["index", str(corpus), "--index", str(index_dir), "--shards", str(shards),
                                     "--batch", "5000", "--json", *extra],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError(f"bayegan index {' '.join(extra)} failed:\n{done.stderr[-3000:]}")
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    out = {"seconds": round(seconds, 1), "documents": summary["documents"], "bytes": folder_bytes(index_dir),
           "shard_bytes": [folder_bytes(p) for p in sorted(index_dir.glob("shard-*"))],
           "articles_per_s": round(summary["documents"] / seconds, 1)}
    split = re.search(r"ray: articles read and split into \d+ shard work files in ([\d.]+) s", done.stderr)
    if split:
        out["split_s"] = float(split.group(1))
        out["shard_task_s"] = [float(s) for s in re.findall(r"ray: shard-\d+ written in ([\d.]+) s", done.stderr)]
        out["task_nodes"] = len(set(re.findall(r"on node (\w+)", done.stderr)))
    return out


def same_answers(a: Path, b: Path) -> dict:
    """Every benchmark request (relevance and newest) on two indexes: how many answers are identical."""
    from search.core.engine import SearchEngine

    ea, eb = SearchEngine(a, workers=0, warm=False), SearchEngine(b, workers=0, warm=False)
    try:
        same, differ, worst = 0, [], 0.0
        for family, q, kw in requests():
            for sort in ("relevance", "newest"):
                ra, rb = ea.search(q, sort=sort, per_page=20, **kw), eb.search(q, sort=sort, per_page=20, **kw)
                if key(ra) == key(rb):
                    same += 1
                else:
                    differ.append(f"{q} {kw['filters']} {sort}")
                    if [h["id"] for h in ra["hits"]] == [h["id"] for h in rb["hits"]]:
                        worst = max([worst] + [abs(x["score"] - y["score"]) for x, y in zip(ra["hits"], rb["hits"])])
        return {"identical": same, "compared": same + len(differ), "differ": differ[:10], "max_score_diff": worst}
    finally:
        ea.close()
        eb.close()


# -- per shard, in this process -----------------------------------------------------------------------------------

class Counted:
    """A shard handle that logs each call: (shard, method, seconds, bytes of the call and its answer pickled)."""

    def __init__(self, handle, number: int, log: list, weigh: bool):
        self.handle, self.number, self.log, self.weigh = handle, number, log, weigh

    def call(self, method, *args):
        started = time.perf_counter()
        future = self.handle.call(method, *args)

        def done(f):
            seconds = time.perf_counter() - started
            size = 0
            if self.weigh and f.exception() is None:
                size = len(pickle.dumps((method, args), 5)) + len(pickle.dumps(f.result(), 5))
            self.log.append((self.number, method, seconds, size))

        future.add_done_callback(done)
        return future

    def close(self):
        self.handle.close()


def per_shard(index_dir: Path, rounds: int) -> dict:
    """Per family: the time one shard spends on a query (p50/p95 over queries x shards), the slowest shard's,
    the round trips (calls per shard) and the pickled bytes of a query's calls and answers."""
    from search.core.engine import SearchEngine

    engine = SearchEngine(index_dir, workers=0, warm=True, reload_interval=RELOAD)
    engine.wait_until_warm()
    log = []
    engine.coordinator.handles = [Counted(h, n, log, weigh=False) for n, h in enumerate(engine.coordinator.handles)]
    try:
        for _, q, kw in requests():
            engine.search(q, **kw)  # warm-up: each query's words decoded once
        out = {}
        for family, q, kw in requests():
            f = out.setdefault(family, {"shard": [], "slowest": [], "calls": [], "bytes": []})
            for r in range(rounds):
                for h in engine.coordinator.handles:
                    h.weigh = r == 0
                del log[:]
                engine.search(q, **kw)
                shard_s = {}
                for number, _, seconds, _ in log:
                    shard_s[number] = shard_s.get(number, 0.0) + seconds
                f["shard"] += [s * 1000 for s in shard_s.values()]
                f["slowest"].append(max(shard_s.values()) * 1000)
                f["calls"].append(len(log) / len(engine.coordinator.handles))
                if r == 0:
                    f["bytes"].append(sum(size for *_, size in log))
        return {family: {"shard_ms": [round(pct(f["shard"], 50), 2), round(pct(f["shard"], 95), 2)],
                         "slowest_shard_ms": [round(pct(f["slowest"], 50), 2), round(pct(f["slowest"], 95), 2)],
                         "calls_per_shard": round(statistics.mean(f["calls"]), 1),
                         "kb_per_query": round(statistics.mean(f["bytes"]) / 1024, 1)}
                for family, f in out.items()}
    finally:
        engine.close()


# -- serving ----------------------------------------------------------------------------------------------------

def smaps(pid: int) -> dict:
    out = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                k, _, rest = line.partition(":")
                if k in ("Rss", "Pss"):
                    out[k.lower()] = int(rest.split()[0]) * 1024
    except OSError:
        pass
    return out


def bare_actor_memory(ray, backend_name: str) -> dict:
    """An actor that imports what a shard actor imports, without a shard: the fixed cost of one actor."""

    @ray.remote(num_cpus=0)
    class Bare:
        def __init__(self):
            import importlib

            from search.core.store import backend

            importlib.import_module("analyzers.warm")
            importlib.import_module(backend(backend_name).WORKER_PRELOAD)

        def memory(self):
            from search.cluster.ray_shards import _memory

            return _memory()

    actor = Bare.remote()
    try:
        return ray.get(actor.memory.remote())
    finally:
        ray.kill(actor)


def call_round_trip(handle, n: int = 300) -> list[float]:
    """ms of an empty call (``is_warm``) on one shard handle, ``n`` times."""
    for _ in range(20):
        handle.call("is_warm").result()
    times = []
    for _ in range(n):
        t = time.perf_counter()
        handle.call("is_warm").result()
        times.append((time.perf_counter() - t) * 1000)
    return times


def serve(index_dir: Path, address: str, rounds: int) -> dict:
    from search.core.engine import SearchEngine

    out = {"load_before": load()}
    t = time.monotonic()
    on_ray = SearchEngine(index_dir, ray=address, timeout=TIMEOUT, warm=True, reload_interval=RELOAD)
    out["ray_open_s"] = round(time.monotonic() - t, 2)
    t = time.monotonic()
    local = SearchEngine(index_dir, workers=2, timeout=TIMEOUT, warm=True, reload_interval=RELOAD)
    out["local_open_s"] = round(time.monotonic() - t, 2)
    inproc = SearchEngine(index_dir, workers=0, warm=True, reload_interval=RELOAD)
    engines = {"ray": on_ray, "workers": local, "in-process": inproc}
    try:
        for e in engines.values():
            e.wait_until_warm()
        pool, ray = on_ray._pool, on_ray._pool.ray
        out["actor_nodes"] = len(set(pool.nodes()))
        out["actor_memory"] = ray.get([a.memory.remote() for a in pool.actors])
        out["bare_actor_memory"] = bare_actor_memory(ray, on_ray.manifest.backend)
        procs = [pid for ex in local._pool._executors for pid in ex._processes]
        out["worker_memory"] = [smaps(pid) for pid in procs]
        out["coordinator_rss"] = smaps(os.getpid())

        reqs = requests()
        mismatches = []
        for _, q, kw in reqs:  # warm-up, and the Ray answers must be the local ones
            answers = [e.search(q, **kw) for e in engines.values()]
            if key(answers[0]) != key(answers[1]):
                mismatches.append(q)
        out["ray_equals_local"] = {"identical": len(reqs) - len(mismatches), "compared": len(reqs),
                                   "differ": mismatches}
        ray.get([a.timings.remote(reset=True) for a in pool.actors])
        times = {name: {} for name in engines}
        wall = {name: 0.0 for name in engines}
        for _ in range(rounds):
            for name, e in engines.items():  # interleaved: a load change hits every transport alike
                started = time.perf_counter()
                for family, q, kw in reqs:
                    t = time.perf_counter()
                    e.search(q, **kw)
                    times[name].setdefault(family, []).append((time.perf_counter() - t) * 1000)
                wall[name] += time.perf_counter() - started
        inside = ray.get([a.timings.remote() for a in pool.actors])
        out["latency"] = {name: {f: [round(pct(t, 50), 2), round(pct(t, 95), 2)] for f, t in fam.items()}
                          for name, fam in times.items()}
        out["mean_ms"] = {name: round(wall[name] * 1000 / (rounds * len(reqs)), 2) for name in engines}
        calls = sum(c for t in inside for c, _ in t.values())
        busy = [sum(s for _, s in t.values()) for t in inside]
        out["actors"] = {"calls_per_query": round(calls / (rounds * len(reqs)), 1),
                         "busy_ms_per_query": [round(b * 1000 / (rounds * len(reqs)), 2) for b in busy]}
        out["round_trip_ms"] = {}
        for name, e in engines.items():
            rt = call_round_trip(e.coordinator.handles[0])
            out["round_trip_ms"][name] = [round(pct(rt, 50), 3), round(pct(rt, 95), 3)]
        out["load_after"] = load()
        return out, engines
    except BaseException:
        for e in engines.values():
            e.close()
        raise


# -- recovery ---------------------------------------------------------------------------------------------------

def recover(engine, kill, limit: float = 120.0) -> dict:
    """Kill one shard's process (``kill()``), then search until an answer is complete: the answers meanwhile."""
    complete = engine.search(RECOVERY_QUERY)
    kill()
    killed = time.monotonic()
    partial, notices, first = [], set(), None
    while time.monotonic() - killed < limit:
        t = time.perf_counter()
        r = engine.search(RECOVERY_QUERY)
        ms = (time.perf_counter() - t) * 1000
        if not r["missing_shards"]:
            first = time.monotonic() - killed
            break
        partial.append(round(ms, 1))
        notices |= {n["code"] for n in r["notices"]}
        time.sleep(0.05)
    return {"complete_again_s": None if first is None else round(first, 2), "partial_answers": len(partial),
            "partial_ms_max": max(partial, default=None), "notices": sorted(notices),
            "complete_total": complete["total"], "after_equals_before": first is not None and key(r) == key(complete)}


def recovery(engines: dict) -> dict:
    on_ray, local = engines["ray"], engines["workers"]
    pool = on_ray._pool
    ray_pid = pool.ray.get(pool.actors[1].pid.remote())
    out = {"ray": recover(on_ray, lambda: os.kill(ray_pid, signal.SIGKILL))}
    out["ray"]["new_pid"] = pool.ray.get(pool.actors[1].pid.remote()) != ray_pid
    worker_pid = next(iter(local._pool._executors[1]._processes))
    out["workers"] = recover(local, lambda: os.kill(worker_pid, signal.SIGKILL))
    return out


# -- the table --------------------------------------------------------------------------------------------------

def table(r: dict) -> str:
    b, lines = r["build"], []
    mb = lambda x: f"{x / 1e6:.0f} MB"  # noqa: E731
    lines.append(f"{r['size']} articles, {r['shards']} shards, {r['nodes']} Ray nodes, {r['cores']} cores; "
                 f"load {r['load_start']} at start, {r['load_end']} at the end")
    for name in ("jobs2", "ray"):
        x = b[name]
        extra = (f" (read+split {x['split_s']} s; shard tasks {', '.join(f'{s:.0f}' for s in x['shard_task_s'])} s "
                 f"on {x['task_nodes']} nodes)") if "split_s" in x else ""
        if x.get("reused"):
            lines.append(f"build {name:6s} reused from an earlier run, {mb(x['bytes'])}")
            continue
        lines.append(f"build {name:6s} {x['seconds']:7.1f} s  {x['articles_per_s']:6.1f} articles/s  "
                     f"{mb(x['bytes'])}{extra}")
    e = b["equal"]
    lines.append(f"Ray-built vs local-built: {e['identical']}/{e['compared']} answers identical")
    s = r["serve"]
    lines.append(f"Ray answers vs local workers: {s['ray_equals_local']['identical']}/"
                 f"{s['ray_equals_local']['compared']} identical; actors on {s['actor_nodes']} nodes")
    lines.append(f"{'family':34s} {'in-process':>15s} {'workers=2':>15s} {'Ray actors':>15s} {'per shard':>15s}"
                 f" {'calls/shard':>11s} {'KB/query':>9s}")
    for family in s["latency"]["ray"]:
        cells = [f"{s['latency'][n][family][0]:6.1f}/{s['latency'][n][family][1]:6.1f}"
                 for n in ("in-process", "workers", "ray")]
        p = r["per_shard"][family]
        lines.append(f"{family:34s} {cells[0]:>15s} {cells[1]:>15s} {cells[2]:>15s} "
                     f"{p['shard_ms'][0]:6.1f}/{p['shard_ms'][1]:6.1f} {p['calls_per_shard']:11.1f} "
                     f"{p['kb_per_query']:9.1f}")
    lines.append("(ms p50/p95; per shard: one shard's time on a query, in this process)")
    lines.append("mean ms/query: " + ", ".join(f"{n} {v}" for n, v in s["mean_ms"].items())
                 + f"; actors busy per query {s['actors']['busy_ms_per_query']} ms, "
                   f"{s['actors']['calls_per_query']} calls per query over all shards")
    lines.append("empty call round trip p50/p95 ms: "
                 + ", ".join(f"{n} {v[0]}/{v[1]}" for n, v in s["round_trip_ms"].items()))
    am = s["actor_memory"]
    lines.append(f"actor RSS per shard: {', '.join(mb(m['rss']) for m in am)} (PSS "
                 f"{', '.join(mb(m.get('pss', 0)) for m in am)}); an actor without a shard "
                 f"{mb(s['bare_actor_memory']['rss'])}; local workers RSS "
                 f"{', '.join(mb(m.get('rss', 0)) for m in s['worker_memory'])} (PSS "
                 f"{', '.join(mb(m.get('pss', 0)) for m in s['worker_memory'])}); index per shard "
                 f"{', '.join(mb(x) for x in b['jobs2']['shard_bytes'])}")
    for name, x in r.get("recovery", {}).items():
        lines.append(f"recovery {name}: complete again {x['complete_again_s']} s after the kill, "
                     f"{x['partial_answers']} partial answers meanwhile (slowest {x['partial_ms_max']} ms, notices "
                     f"{x['notices']}), then equal to before: {x['after_equals_before']}")
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    p.add_argument("--size", type=int, default=100_000)
    p.add_argument("--shards", type=int, default=4)
    p.add_argument("--nodes", type=int, default=3, help="Ray nodes: a head and nodes-1 workers of one CPU")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--reuse", action="store_true", help="keep and reuse the indexes of an earlier run")
    p.add_argument("--skip-recovery", action="store_true")
    p.add_argument("--archive", help="one real archive of --data as it is (e.g. hamshahri2.jsonl) instead of the "
                                     "recombined corpus of --size articles")
    args = p.parse_args(argv)
    if not args.data.exists() or not any((args.data / name).exists() for name in ARCHIVES):
        print(f"skipped: no archive of {', '.join(ARCHIVES)} in {args.data} (missing)")
        return 0
    try:
        import ray  # noqa: F401
    except ImportError:
        print("skipped: Ray is not installed (pip install -e '.[cluster]')")
        return 0
    if args.archive:
        corpus = args.data / args.archive
        if not corpus.exists():
            print(f"skipped: {corpus} missing")
            return 0
        with open(corpus, encoding="utf-8") as f:
            args.size = sum(1 for line in f if line.strip())
    else:
        corpus = corpus_path(CACHE, args.data, args.size)
    result = {"size": args.size, "archive": args.archive, "shards": args.shards, "nodes": args.nodes, "cores": os.cpu_count(),
              "load_start": load()}
    print(f"{args.size} articles, {args.shards} shards, {args.nodes} Ray nodes, {os.cpu_count()} cores, "
          f"load {load()}", flush=True)
    tag = args.archive.split(".")[0] if args.archive else args.size
    local_dir, ray_dir = CACHE / f"cluster-{tag}-local", CACHE / f"cluster-{tag}-ray"
    cluster = start_cluster(args.nodes)
    engines = {}
    try:
        builds = {}
        for name, index_dir, extra in (("jobs2", local_dir, ["--jobs", "2"]),
                                       ("ray", ray_dir, ["--ray", cluster.address])):
            if args.reuse and (index_dir / "manifest.json").exists():
                builds[name] = {"seconds": None, "reused": True, "bytes": folder_bytes(index_dir),
                                "shard_bytes": [folder_bytes(x) for x in sorted(index_dir.glob("shard-*"))]}
            else:
                builds[name] = {**build(corpus, index_dir, args.shards, extra), "load": load()}
            print(f"  build {name}: {builds[name]}", flush=True)
        builds["equal"] = same_answers(local_dir, ray_dir)
        print(f"  same answers: {builds['equal']}", flush=True)
        result["build"] = builds
        result["per_shard"] = per_shard(local_dir, args.rounds)
        print(f"  per shard: {result['per_shard']}", flush=True)
        result["serve"], engines = serve(local_dir, cluster.address, args.rounds)
        if not args.skip_recovery:
            result["recovery"] = recovery(engines)
        result["load_end"] = load()
    finally:
        for e in engines.values():
            e.close()
        stop_cluster(cluster)
        if not args.reuse:
            shutil.rmtree(local_dir, ignore_errors=True)
            shutil.rmtree(ray_dir, ignore_errors=True)
    with open(CACHE / "cluster-results.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), **result}, ensure_ascii=False) + "\n")
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
