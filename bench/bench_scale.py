"""Scale: build and search 100,000 / 300,000 / 1,000,000 articles, with Lucene and tantivy beside (issue 13).

    .venv/bin/python bench/bench_scale.py [--sizes 100000 300000 1000000] [--shards 4] [--rounds 5]
                                          [--skip-baselines] [--skip-jobs1]

For each size, on a deterministic corpus of recombined real paragraphs (bench/corpus.py): build time with
``bayegan index --jobs 1`` and ``--jobs 2`` (the same number of shards), index size; then ``bayegan serve`` on the
jobs-2 index: its RSS (the server and its worker processes), the time from start to the first answer and to warm
(``/api/status``), and query p50/p95 over HTTP for one word, two words, a phrase (top 10, ``facets=none``) and
1-2 words with all facets and a filter, with 1 client and with 4 concurrent clients (and the throughput ratio).
Lucene and tantivy build the same corpus and answer the same top-10 queries in the same run (bench/baselines.py).
Targets at 1,000,000 articles on 2 cores: build <= 60 min with --jobs 2; 1-2 words with all facets p95 <= 100 ms;
phrase p95 <= 300 ms; first answer <= 5 s; 4 clients >= 1.6x the throughput of one; server RSS <= 6 GB.
Results are appended to bench/.cache/scale-results.jsonl. The machine is shared: say what else ran.
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import baselines  # noqa: E402
from corpus import ARCHIVES, corpus_path  # noqa: E402

CACHE = ROOT / "bench" / ".cache"
BAYEGAN = [sys.executable, "-m", "bayegan"]
ONE = ["ایران", "نفت", "مجلس", "انتخابات", "فوتبال", "دولت", "اقتصاد", "تهران", "آمریکا", "قیمت", "دانشگاه", "بازار"]
TWO = ["قیمت نفت", "تیم ملی", "مجلس شورای", "انتخابات ریاست", "بانک مرکزی", "وزیر امور", "سازمان ملل", "شورای شهر",
       "جام جهانی", "بازار سهام"]
PHRASES = ['"تیم ملی"', '"سازمان ملل"', '"بانک مرکزی"', '"قیمت نفت"', '"شورای شهر"', '"جام جهانی"']
FILTERS = [{"country": "IR"}, {"year": "1385"}, {"country": "US"}, {"year": "1386"}]


def families():
    """(family, API query-string dict) of the measured requests."""
    out = [("one word", {"q": q, "facets": "none"}) for q in ONE]
    out += [("two words", {"q": q, "facets": "none"}) for q in TWO]
    out += [("phrase", {"q": q, "facets": "none"}) for q in PHRASES]
    out += [("1-2 words + all facets + filter", {"q": q, **FILTERS[i % len(FILTERS)]}) for i, q in enumerate(ONE + TWO)]
    return out


def pct(times, p):
    s = sorted(times)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else float("nan")


# -- building ---------------------------------------------------------------------------------------------------

def build(corpus: Path, index_dir: Path, jobs: int, shards: int) -> dict:
    shutil.rmtree(index_dir, ignore_errors=True)
    started = time.monotonic()
    out = subprocess.run(BAYEGAN + ["index", str(corpus), "--index", str(index_dir), "--jobs", str(jobs),
                                    "--shards", str(shards), "--batch", "5000", "--json"],
                         check=True, capture_output=True, text=True, cwd=ROOT).stdout
    summary = json.loads(out.strip().splitlines()[-1])
    return {"seconds": round(time.monotonic() - started, 1), "documents": summary["documents"],
            "bytes": sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file())}


# -- the server -------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its live descendants: over a phase, divided by
    its wall time, how many cores the server kept busy (what bounds the gain of more concurrent clients)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for p in _tree(pid):
        try:
            fields = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


def _tree(pid: int) -> list[int]:
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (the server, its fork server and shard workers)."""
    total = 0
    for p in _tree(pid):
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


class Server:
    def __init__(self, index_dir: Path):
        self.port = free_port()
        self.started = time.monotonic()
        self.proc = subprocess.Popen(BAYEGAN + ["serve", "--index", str(index_dir), "--port", str(self.port),
                                                "--threads", "8"], cwd=ROOT, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL,
                                     # the search is measured, not the response cache (every query repeats)
                                     env={**os.environ, "BAYEGAN_RESPONSE_CACHE_MB": "0"})

    def get(self, conn, params) -> float:
        t = time.perf_counter()
        conn.request("GET", "/api/search?" + urllib.parse.urlencode({"per_page": 10, **params}))
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{params}: HTTP {response.status}")
        return (time.perf_counter() - t) * 1000

    def wait_first_answer(self, timeout=600) -> float:
        while time.monotonic() - self.started < timeout:
            try:
                conn = HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.get(conn, {"q": "ایران"})
                return time.monotonic() - self.started
            except (OSError, RuntimeError):
                time.sleep(0.05)
        raise RuntimeError("the server did not answer")

    def wait_warm(self, timeout=3600) -> float:
        conn = HTTPConnection("127.0.0.1", self.port, timeout=60)
        while time.monotonic() - self.started < timeout:
            conn.request("GET", "/api/status")
            if json.loads(conn.getresponse().read())["warm"]:
                return time.monotonic() - self.started
            time.sleep(0.2)
        raise RuntimeError("never warm")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(30)


def latencies(server, requests, rounds, clients) -> tuple[dict, float]:
    """``({family: [ms]}, throughput)``: every request ``rounds`` times by each of ``clients`` threads at once."""
    times: dict = {}
    lock = threading.Lock()

    def client(_):
        conn = HTTPConnection("127.0.0.1", server.port, timeout=120)
        for family, params in requests:
            server.get(conn, params)  # warm-up of this request on this connection
        for _ in range(rounds):
            for family, params in requests:
                ms = server.get(conn, params)
                with lock:
                    times.setdefault(family, []).append(ms)

    t = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return times, clients * rounds * len(requests) / (time.perf_counter() - t)


# -- one size ---------------------------------------------------------------------------------------------------

def run_size(args, size: int) -> dict:
    corpus = corpus_path(CACHE, args.data, size)
    out = {"size": size, "shards": args.shards, "load_average": os.getloadavg()[0]}
    index_dir = CACHE / f"scale-{size}"
    if not args.skip_jobs1:
        out["build_jobs1"] = build(corpus, index_dir, 1, args.shards)
        print(f"  build --jobs 1: {out['build_jobs1']}", flush=True)
    out["build_jobs2"] = build(corpus, index_dir, 2, args.shards)
    print(f"  build --jobs 2: {out['build_jobs2']}", flush=True)
    server = Server(index_dir)
    try:
        out["first_answer_s"] = round(server.wait_first_answer(), 2)
        out["warm_s"] = round(server.wait_warm(), 2)
        out["rss_warm"] = tree_rss(server.proc.pid)
        requests = families()
        for clients in (1, 4):
            cpu, wall = tree_cpu(server.proc.pid), time.monotonic()
            times, out[f"qps_{clients}"] = latencies(server, requests, args.rounds, clients)
            out[f"cores_busy_{clients}"] = round((tree_cpu(server.proc.pid) - cpu) / (time.monotonic() - wall), 2)
            if clients == 1:
                one = times
            else:
                four = times
        out["rss_after"] = tree_rss(server.proc.pid)
        out["latency_1"] = {f: [round(pct(t, 50), 1), round(pct(t, 95), 1)] for f, t in one.items()}
        out["latency_4"] = {f: [round(pct(t, 50), 1), round(pct(t, 95), 1)] for f, t in four.items()}
    finally:
        server.stop()
    print(f"  server: first answer {out['first_answer_s']} s, warm {out['warm_s']} s, RSS "
          f"{out['rss_after'] / 1e9:.2f} GB; throughput 1 client {out['qps_1']:.1f}/s, 4 clients "
          f"{out['qps_4']:.1f}/s (x{out['qps_4'] / out['qps_1']:.2f}); cores the server kept busy: 1 client "
          f"{out['cores_busy_1']}, 4 clients {out['cores_busy_4']} (of {os.cpu_count()})", flush=True)
    for family, (p50, p95) in out["latency_1"].items():
        print(f"    {family:34s} 1 client p50 {p50:7.1f} p95 {p95:7.1f} ms | 4 clients p50 "
              f"{out['latency_4'][family][0]:7.1f} p95 {out['latency_4'][family][1]:7.1f} ms", flush=True)
    if not args.skip_baselines:
        out["baselines"] = run_baselines(args, corpus, size)
    return out


def run_baselines(args, corpus: Path, size: int) -> dict:
    plain = [(family, params["q"]) for family, params in families() if "facets" in params]
    found = {}
    classpath = baselines.lucene_classpath()
    if classpath:
        index_dir = CACHE / f"scale-{size}-lucene"
        found["lucene"] = {"build": baselines.lucene_build(classpath, corpus, index_dir),
                           "search": baselines.lucene_search(classpath, index_dir, plain, args.rounds, 4)}
        shutil.rmtree(index_dir, ignore_errors=True)
    tantivy = baselines.tantivy_module()
    if tantivy:
        index_dir = CACHE / f"scale-{size}-tantivy"
        found["tantivy"] = {"build": baselines.tantivy_build(tantivy, corpus, index_dir),
                            "search": baselines.tantivy_search(tantivy, index_dir, plain, args.rounds, 4)}
        shutil.rmtree(index_dir, ignore_errors=True)
    for name, got in found.items():
        b = got["build"]
        lat = {f: (pct(t, 50), pct(t, 95)) for f, t in got["search"].items() if f != "throughput"}
        print(f"  {name}: build {b['seconds']:.0f} s ({b['documents'] / b['seconds']:.0f} articles/s), "
              f"{b['bytes'] / 1e6:.0f} MB; " + "; ".join(f"{f} p50 {a:.1f} p95 {c:.1f} ms" for f, (a, c) in lat.items())
              + f"; 4 clients {got['search']['throughput']:.0f}/s", flush=True)
        got["latency"] = {f: [round(a, 2), round(c, 2)] for f, (a, c) in lat.items()}
    return found


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    p.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    p.add_argument("--shards", type=int, default=4)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--skip-baselines", action="store_true")
    p.add_argument("--skip-jobs1", action="store_true", help="build with --jobs 2 only")
    p.add_argument("--keep-index", action="store_true",
                   help="keep bench/.cache/scale-SIZE after the run (to time a server's restart on it)")
    args = p.parse_args(argv)
    if not any((args.data / name).exists() for name in ARCHIVES):
        print(f"skipped: no archive of {', '.join(ARCHIVES)} in {args.data} (missing)")
        return 0
    for size in args.sizes:
        print(f"{size} articles, {args.shards} shards, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}:",
              flush=True)
        result = run_size(args, size)
        with open(CACHE / "scale-results.jsonl", "a", encoding="utf-8") as f:
            f.write(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), **result}) + "\n")
        if not args.keep_index:
            shutil.rmtree(CACHE / f"scale-{size}", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
