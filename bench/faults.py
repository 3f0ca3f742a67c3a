"""Fault injection for bench/faults.sh: kill -9 during indexing, a full disk, corrupt index folders.

  python bench/faults.py [--corpus FILE] [--articles N] [--kills 10] [--seed 15] [--only kill,disk,corrupt]

Every case runs the real commands (`bayegan index`, `search`, `stats`, `serve`) as subprocesses and judges what a
user sees: a command either works, or exits non-zero with exactly one line on stderr naming the problem (other
lines are the ordinary progress and mapping lines of `bayegan index`); never a traceback, never an HTTP 500. A rerun
of the same index command completes to the exact article count.

(a) kill: `bayegan index` (the command only, as a crash or the OOM killer would; its worker processes are left to
    notice) is killed with SIGKILL at random moments (seeded) of a build, on a fresh folder and on a complete one.
(b) disk: the index folder on a small tmpfs that fills during the build; then the tmpfs is made bigger and the same
    command is run again.
(c) corrupt: distinct damages to a built index, each on a fresh copy.
"""

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

BIN = os.environ.get("BIN", ".venv/bin")
BAYEGAN = os.path.join(BIN, "bayegan")
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
# Lines every `bayegan index` run prints that are not a problem: the encoding and field mapping, progress, summary.
ORDINARY = ("fields:", "indexed ", "building", "the index holds", "warning:")
# Without these capabilities root is held to file modes like anyone else (chmod 000 then means something).
NO_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if shutil.which("setpriv") else None


def run(args, timeout=600, as_user=False):
    cmd = ([*NO_DAC] if as_user and NO_DAC else []) + [BAYEGAN, *args]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=ENV)
    return p.returncode, p.stdout, p.stderr


def problem_lines(stderr: str) -> list[str]:
    return [l for l in stderr.splitlines() if l.strip() and not any(o in l for o in ORDINARY)]


def judge(code, stderr, *, what="") -> tuple[bool, str]:
    """(acceptable, short outcome): exit 0, or non-zero with exactly one line naming the problem."""
    if "Traceback" in stderr:
        return False, f"TRACEBACK: {stderr.strip().splitlines()[-1][:90]}"
    lines = problem_lines(stderr)
    if code == 0:
        return True, what or "ok"
    if len(lines) == 1:
        return True, "refused: " + lines[0][:110]
    return False, f"exit {code}, {len(lines)} lines: " + " | ".join(lines)[:150]


def article_count(index_dir) -> int | None:
    code, out, _ = run(["stats", "--index", index_dir, "--json"], timeout=120)
    return json.loads(out)["documents"] if code == 0 else None


def search_check(index_dir, as_user=False):
    code, out, err = run(["search", "ایران", "--index", index_dir, "--json"], timeout=120, as_user=as_user)
    what = ""
    if code == 0:
        try:
            what = f"ok, {json.loads(out)['total']} hits"
        except (ValueError, KeyError):
            return False, "exit 0 but not JSON"
    return judge(code, err, what=what)


def stats_check(index_dir, as_user=False):
    code, out, err = run(["stats", "--index", index_dir, "--json"], timeout=120, as_user=as_user)
    what = ""
    if code == 0:
        what = f"ok, {json.loads(out)['documents']} articles"
    return judge(code, err, what=what)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_check(index_dir, as_user=False):
    """`bayegan serve` refuses to start with one line, or answers /api/search with 200, or 503 + Retry-After."""
    port = free_port()
    cmd = ([*NO_DAC] if as_user and NO_DAC else []) + [BAYEGAN, "serve", "--index", index_dir, "--port", str(port)]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if p.poll() is not None:
                err = p.stderr.read()
                ok, what = judge(p.returncode or 1, err)
                return ok, ("exit 0 at start" if p.returncode == 0 else what.replace("refused", "won't start"))
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=%D8%A7%DB%8C%D8%B1%D8%A7%D9%86",
                                            timeout=30) as r:
                    total = json.load(r)["total"]
                    return True, f"200, {total} hits"
            except urllib.error.HTTPError as e:
                body = e.read().decode("utf-8", "replace")
                if e.code == 503 and e.headers.get("Retry-After"):
                    try:
                        message = json.loads(body)["error"]["message"]
                    except (ValueError, KeyError, TypeError):
                        message = body[:80]
                    return True, f"503 Retry-After: {message[:90]}"
                return False, f"HTTP {e.code}: {body[:100]}"
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.3)
        return False, "no answer in 90 s"
    finally:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def index_cmd(corpus, index_dir, *extra):
    return ["index", corpus, "--index", index_dir, "--batch", "100", *extra]


def reference_build(corpus, index_dir):
    t = time.monotonic()
    code, out, err = run(index_cmd(corpus, index_dir, "--rebuild"))
    if code != 0:
        sys.exit(f"the reference build failed:\n{err}")
    return time.monotonic() - t, article_count(index_dir)


def descendants(pid) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
    kids = [int(x) for x in out]
    return kids + [g for k in kids for g in descendants(k)]


def run_length(corpus, reference):
    """Seconds of a run over the complete ``reference`` folder (every article replaced): shorter or longer than a
    fresh build, so kill moments on a complete folder are drawn within its own length."""
    t = time.monotonic()
    code, _, err = run(index_cmd(corpus, reference))
    if code != 0:
        sys.exit(f"a run over the complete reference index failed:\n{err}")
    return time.monotonic() - t


def kill_case(corpus, work, expected, lengths, kills, seed):
    """``lengths``: seconds of a fresh build and of a run over a complete folder; each kill moment is drawn within
    the length of its own kind of run (drawn from the fresh build's alone, half the moments came after a run over
    a complete folder had finished: 5 real kills of 10)."""
    rng = random.Random(seed)
    index_dir = os.path.join(work, "kill-ix")
    rows, failures = [], 0
    for i in range(kills):
        fresh = i % 2 == 0
        if fresh:
            shutil.rmtree(index_dir, ignore_errors=True)
        moment = round(rng.uniform(0.3, lengths["fresh" if fresh else "complete"] * 0.9), 2)
        p = subprocess.Popen([BAYEGAN, *index_cmd(corpus, index_dir)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=ENV, start_new_session=True)
        time.sleep(moment)
        kids = descendants(p.pid)
        finished = p.poll() is not None
        if not finished:
            os.kill(p.pid, signal.SIGKILL)
        p.wait()
        time.sleep(0.5)
        lingering = [k for k in kids if os.path.exists(f"/proc/{k}") and
                     not open(f"/proc/{k}/stat").read().split(") ")[1].startswith("Z")]
        for _ in range(40):  # the workers notice their parent is gone (their pipes close)
            if not lingering:
                break
            time.sleep(0.25)
            lingering = [k for k in lingering if os.path.exists(f"/proc/{k}")]
        note = f"{len(lingering)} workers still alive after 10 s" if lingering else ""
        for k in lingering:
            os.kill(k, signal.SIGKILL)
        partial = article_count(index_dir) if os.path.exists(index_dir) else None
        ok_s, search = search_check(index_dir)
        t = time.monotonic()
        code, _, err = run(index_cmd(corpus, index_dir))
        rerun_s = time.monotonic() - t
        count = article_count(index_dir)
        ok_r = code == 0 and count == expected and "Traceback" not in err
        rerun = f"exit {code}, {count} articles in {rerun_s:.0f} s" + ("" if code == 0 else f": {problem_lines(err)[:1]}")
        ok = ok_s and ok_r and not lingering
        failures += not ok
        rows.append((i + 1, "fresh" if fresh else "complete", f"{moment:.2f}" + (" (done)" if finished else ""),
                     "-" if partial is None else str(partial), search, rerun, note, "ok" if ok else "FAIL"))
        progress(rows[-1])
    real = sum(1 for r in rows if "(done)" not in r[2])
    print_table(f"(a) kill -9 of `bayegan index` ({kills} moments, {real} of them before the run ended; seed {seed}; "
                f"a fresh build {lengths['fresh']:.1f} s, a run over a complete folder {lengths['complete']:.1f} s; "
                f"{expected} articles)", ("#", "index", "kill at s", "after kill", "search after kill",
                                          "rerun", "note", "verdict"), rows)
    return failures


def disk_case(corpus, work, expected, index_bytes):
    mount = os.path.join(work, "tmpfs")
    os.makedirs(mount, exist_ok=True)
    small = max(256 * 1024, index_bytes // 3)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={small}", "tmpfs", mount],
                      capture_output=True).returncode != 0:
        print(f"(b) full disk: skipped: mounting a tmpfs is not permitted here")
        return 0
    rows, failures = [], 0
    try:
        for rebuild in (False, True):
            subprocess.run(["umount", mount], capture_output=True)
            subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={small}", "tmpfs", mount], check=True)
            index_dir = os.path.join(mount, "ix")
            code, _, err = run(index_cmd(corpus, index_dir))
            ok_f, full = judge(code, err)
            ok_f = ok_f and code != 0
            used = shutil.disk_usage(mount)
            ok_s, search = search_check(index_dir)
            # Free space: make the tmpfs bigger (remount keeps its files); where remount is refused, move the
            # folder to a bigger tmpfs, as an operator would move it to a bigger disk.
            freed = "remounted"
            if subprocess.run(["mount", "-o", f"remount,size={index_bytes * 4}", mount],
                              capture_output=True).returncode != 0:
                bigger = mount + "-big"
                os.makedirs(bigger, exist_ok=True)
                subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={index_bytes * 4}", "tmpfs", bigger], check=True)
                shutil.copytree(index_dir, os.path.join(bigger, "ix"), symlinks=True)
                index_dir, freed = os.path.join(bigger, "ix"), "moved"
            code, _, err = run(index_cmd(corpus, index_dir, *(["--rebuild"] if rebuild else [])))
            count = article_count(index_dir)
            ok_r = code == 0 and count == expected
            ok = ok_f and ok_s and ok_r
            failures += not ok
            rows.append(("--rebuild" if rebuild else "same", f"{small // 1024} kB", full, f"{used.free // 1024} kB free",
                         search, f"{freed}: exit {code}, {count} articles", "ok" if ok else "FAIL"))
            progress(rows[-1])
            subprocess.run(["umount", mount + "-big"], capture_output=True)
    finally:
        subprocess.run(["umount", mount], capture_output=True)
        subprocess.run(["umount", mount + "-big"], capture_output=True)
    print_table(f"(b) full disk: the index on a {small // 1024} kB tmpfs, then 4 x {index_bytes // 1024} kB",
                ("rerun", "tmpfs", "index on full disk", "left", "search on full disk", "rerun after freeing",
                 "verdict"), rows)
    return failures


def _segments(shard):
    return sorted(os.path.join(shard, n) for n in os.listdir(shard) if n.endswith(".seg"))


def _tocs(shard):
    return sorted(os.path.join(shard, n) for n in os.listdir(shard) if n.endswith(".toc"))


def _rewrite(path, fn):
    with open(path, "rb") as f:
        data = bytearray(f.read())
    with open(path, "wb") as f:
        f.write(bytes(fn(data)))


def _manifest(ix, fn):
    path = os.path.join(ix, "manifest.json")
    with open(path) as f:
        data = json.load(f)
    fn(data)
    with open(path, "w") as f:
        json.dump(data, f)


def _zero_middle(data):
    n = len(data)
    data[n // 4: n // 2] = bytes(n // 2 - n // 4)
    return data


def _garble(data):
    rng = random.Random(7)
    for i in range(64, len(data), 5):
        data[i] = rng.randrange(256)
    return data


def _swap_segments(ix):
    a, b = _segments(os.path.join(ix, "shard-00"))[0], _segments(os.path.join(ix, "shard-01"))[0]
    tmp = a + ".swap"
    os.rename(a, tmp)
    shutil.move(b, os.path.join(os.path.dirname(a), os.path.basename(b)))
    shutil.move(tmp, os.path.join(os.path.dirname(b), os.path.basename(a)))


def _swap_shards(ix):
    a, b = os.path.join(ix, "shard-00"), os.path.join(ix, "shard-01")
    os.rename(a, a + ".swap")
    os.rename(b, a)
    os.rename(a + ".swap", b)


def _newer_garbage_toc(ix):
    shard = os.path.join(ix, "shard-00")
    toc = _tocs(shard)[-1]
    gen = int(toc.rsplit("_", 1)[1].split(".")[0])
    with open(os.path.join(shard, f"_MAIN_{gen + 1}.toc"), "wb") as f:
        f.write(os.urandom(300))


def _stray_segment(ix):
    with open(os.path.join(ix, "shard-00", "MAIN_zzzzzzzzzzzzzzzz.seg"), "wb") as f:
        f.write(os.urandom(4096))


CORRUPTIONS = [
    ("truncate a segment to half", lambda ix: _rewrite(_segments(f"{ix}/shard-00")[0], lambda d: d[: len(d) // 2])),
    ("segment truncated to 0 bytes", lambda ix: _rewrite(_segments(f"{ix}/shard-00")[0], lambda d: b"")),
    ("zero a quarter of a segment", lambda ix: _rewrite(_segments(f"{ix}/shard-00")[0], _zero_middle)),
    ("random bytes in every segment", lambda ix: [_rewrite(s, _garble) for sh in ("shard-00", "shard-01")
                                                  for s in _segments(f"{ix}/{sh}")]),
    ("delete a segment", lambda ix: os.remove(_segments(f"{ix}/shard-01")[0])),
    ("delete the TOC", lambda ix: [os.remove(t) for t in _tocs(f"{ix}/shard-00")]),
    ("truncate the TOC", lambda ix: _rewrite(_tocs(f"{ix}/shard-00")[-1], lambda d: d[:20])),
    ("a newer TOC of random bytes", _newer_garbage_toc),
    ("delete a shard folder", lambda ix: shutil.rmtree(f"{ix}/shard-01")),
    ("a shard folder replaced by a file", lambda ix: (shutil.rmtree(f"{ix}/shard-01"),
                                                      open(f"{ix}/shard-01", "w").close())),
    ("garbage manifest JSON", lambda ix: open(f"{ix}/manifest.json", "w").write('{"format": 2, "shards": [')),
    ("manifest is a JSON list", lambda ix: open(f"{ix}/manifest.json", "w").write("[1, 2]")),
    ("manifest format version 99", lambda ix: _manifest(ix, lambda m: m.update(format=99))),
    ("manifest names an unknown backend", lambda ix: _manifest(ix, lambda m: m.update(backend="lucene"))),
    ("manifest names a missing third shard", lambda ix: _manifest(
        ix, lambda m: m["shards"].append({"name": "shard-02", "articles": 5}))),
    ("manifest shards of the wrong type", lambda ix: _manifest(ix, lambda m: m.update(shards="shard-00"))),
    ("delete the manifest", lambda ix: os.remove(f"{ix}/manifest.json")),
    ("swap segments between shards", _swap_segments),
    ("swap the shard folders", _swap_shards),
    ("a stray half-written segment", _stray_segment),
    ("chmod 000 a segment", lambda ix: os.chmod(_segments(f"{ix}/shard-00")[0], 0)),
    ("chmod 000 a shard folder", lambda ix: os.chmod(f"{ix}/shard-01", 0)),
    ("chmod 000 the manifest", lambda ix: os.chmod(f"{ix}/manifest.json", 0)),
]


def corrupt_case(corpus, work, reference, expected, only=None):
    rows, failures = [], 0
    for name, damage in CORRUPTIONS:
        if only and name not in only:
            continue
        ix = os.path.join(work, "corrupt-ix")
        if os.path.exists(ix):
            subprocess.run(["chmod", "-R", "u+rwX", ix])
            shutil.rmtree(ix)
        shutil.copytree(reference, ix)
        damage(ix)
        as_user = name.startswith("chmod")
        if as_user and not NO_DAC:
            rows.append((name, "skipped: root reads mode-000 files and setpriv is missing", "", "", "", "", ""))
            continue
        checks = [search_check(ix, as_user), stats_check(ix, as_user), serve_check(ix, as_user)]
        code, _, err = run(index_cmd(corpus, ix), as_user=as_user)
        count = article_count(ix) if code == 0 else None
        ok_i, what = judge(code, err, what=f"ok, {count} articles")
        if code == 0 and count != expected:
            ok_i, what = False, f"exit 0 but {count} articles, not {expected}"
        checks.append((ok_i, what))
        subprocess.run(["chmod", "-R", "u+rwX", ix])
        code, _, err = run(index_cmd(corpus, ix, "--rebuild"))
        count = article_count(ix)
        checks.append((code == 0 and count == expected, f"exit {code}, {count} articles"))
        ok = all(c[0] for c in checks)
        failures += not ok
        rows.append((name, *(c[1] for c in checks), "ok" if ok else "FAIL"))
        progress(rows[-1])
    print_table(f"(c) {len(rows)} corruptions of a built index ({expected} articles, 2 shards); chmod cases run "
                f"without root's file-mode override", ("corruption", "search", "stats", "serve: /api/search",
                                                       "index (same command)", "then --rebuild", "verdict"), rows)
    return failures


def progress(row):
    print("  ... " + " / ".join(str(c) for c in row), file=sys.stderr, flush=True)


def print_table(title, header, rows):
    print(f"\n{title}")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows:
        print("| " + " | ".join(str(c).replace("|", "/") for c in r) + " |")
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="../shared/data/fars_news.jsonl")
    ap.add_argument("--articles", type=int, default=600, help="the corpus's first N lines (0: all)")
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--only", default="kill,disk,corrupt")
    ap.add_argument("--corruption", action="append", help="run only this corruption (repeatable)")
    args = ap.parse_args()
    if not os.path.exists(args.corpus):
        print(f"skipped: {args.corpus} missing (the real data is not here)")
        return 0
    work = tempfile.mkdtemp(prefix="bayegan-faults-")
    try:
        corpus = os.path.join(work, "corpus.jsonl")  # a scratch copy outside the project, deleted at the end
        with open(args.corpus, encoding="utf-8") as src, open(corpus, "w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if args.articles and i >= args.articles:
                    break
                dst.write(line)
        reference = os.path.join(work, "reference-ix")
        seconds, expected = reference_build(corpus, reference)
        index_bytes = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(reference) for f in fs)
        print(f"corpus: {args.articles or 'all'} lines of {args.corpus}: {expected} articles, a full build "
              f"{seconds:.1f} s, index {index_bytes // 1024} kB; load average {os.getloadavg()[0]:.2f}")
        failures = 0
        parts = args.only.split(",")
        if "kill" in parts:
            lengths = {"fresh": seconds, "complete": run_length(corpus, reference)}
            failures += kill_case(corpus, work, expected, lengths, args.kills, args.seed)
        if "disk" in parts:
            failures += disk_case(corpus, work, expected, index_bytes)
        if "corrupt" in parts:
            failures += corrupt_case(corpus, work, reference, expected, args.corruption)
        print(f"\n{'PASS' if not failures else 'FAIL'}: {failures} failing case(s); load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return 1 if failures else 0
    finally:
        subprocess.run(["chmod", "-R", "u+rwX", work])
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
