#!/usr/bin/env bash
# Load test: `bayegan serve` on loopback, measured with wrk.
#
# Default mode: the demo index, wrk for 30 s at 20 connections over a mix of page, article and API URLs
# (bench/load.lua). Prints requests/s, latency percentiles and errors. Target: zero errors, p99 < 500 ms.
#
#   bench/load.sh [INDEX_DIR]      (default: bench/.cache/demo-index, built from examples/demo when missing)
#   DURATION=30s CONNECTIONS=20 THREADS=2 PORT=5099 bench/load.sh
#
# Hostile mode: a real-data index (Hamshahri + Fars News + Varzesh3 from ../shared/data, built once into
# bench/.cache/real-index; REBUILD=1 builds it again). First the cheap mix alone (wrk, 60 s at 50 connections,
# bench/load_mix.py's cheap.txt), then the same cheap mix while 4 connections send the heaviest requests the
# limits allow (heavy.txt) and 150 idle sockets are held open (bench/idle_sockets.py). Targets for the cheap
# requests beside the hostile ones: 0 errors (non-2xx and socket errors), p99 <= 500 ms, throughput >= 70% of alone.
#
#   bench/load.sh hostile [INDEX_DIR]
#   DURATION=60s CONNECTIONS=50 HEAVY_CONNECTIONS=4 IDLE=150 bench/load.sh hostile
#
# BIN (default .venv/bin) is where `bayegan` and `python` are; the checkout's code is imported (PYTHONPATH).
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=plain
if [ "${1:-}" = hostile ]; then MODE=hostile; shift; fi
DATA=${DATA:-../shared/data}
if [ "$MODE" = hostile ]; then
  INDEX=${1:-bench/.cache/real-index}
  DURATION=${DURATION:-60s}
  CONNECTIONS=${CONNECTIONS:-50}
else
  INDEX=${1:-bench/.cache/demo-index}
  DURATION=${DURATION:-30s}
  CONNECTIONS=${CONNECTIONS:-20}
fi
THREADS=${THREADS:-2}
HEAVY_CONNECTIONS=${HEAVY_CONNECTIONS:-4}
IDLE=${IDLE:-150}
PORT=${PORT:-5099}
BIN=${BIN:-.venv/bin}
export HF_HUB_OFFLINE=1 PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null || true
  fi
  command -v wrk >/dev/null || { echo "skipped: wrk missing (apt-get install wrk)"; exit 0; }
fi
[ -x "$BIN/bayegan" ] || { echo "skipped: $BIN/bayegan missing (run make install)"; exit 0; }

if [ "$INDEX" = bench/.cache/demo-index ]; then
  # Rebuilt every run (a few seconds): a cached index from older analyzer or schema code would mislead.
  echo "building the demo index in $INDEX"
  "$BIN/bayegan" index examples/demo --index "$INDEX" --rebuild >/dev/null
elif [ "$INDEX" = bench/.cache/real-index ]; then
  ARCHIVES=("$DATA/hamshahri2.jsonl" "$DATA/fars_news.jsonl" "$DATA/varzesh3.jsonl")
  for a in "${ARCHIVES[@]}"; do [ -f "$a" ] || { echo "skipped: $a missing (the real data is not here)"; exit 0; }; done
  if [ ! -f "$INDEX/manifest.json" ] || [ -n "${REBUILD:-}" ]; then
    echo "building the benchmark index in $INDEX from ${ARCHIVES[*]} (about a minute)"
    "$BIN/bayegan" index "${ARCHIVES[@]}" --index "$INDEX" --rebuild >/dev/null 2>&1
  fi
elif [ ! -d "$INDEX" ]; then
  echo "skipped: index $INDEX missing"; exit 0
fi

LOG=$(mktemp)
WORK=$(mktemp -d)
PIDS=()
"$BIN/bayegan" serve --index "$INDEX" --host 127.0.0.1 --port "$PORT" >"$LOG" 2>&1 &
SERVER=$!
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null
  rm -rf "$LOG" "$WORK"
}
trap cleanup EXIT

for _ in $(seq 1 120); do   # up to 60 s for the server to load the analyzers and the index
  if curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/search?per_page=1"; then break; fi
  kill -0 "$SERVER" 2>/dev/null || { echo "bayegan serve exited:"; cat "$LOG"; exit 1; }
  sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$PORT/" || { echo "the server did not come up:"; cat "$LOG"; exit 1; }
URL="http://127.0.0.1:$PORT"

if [ "$MODE" = plain ]; then
  echo "wrk: $DURATION, $CONNECTIONS connections, $THREADS threads, index $INDEX ($(nproc) cores, shared)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 5s -s bench/load.lua "$URL" | sed -n '/^requests:/,$p'
  exit 0
fi

"$BIN/python" bench/load_mix.py "$URL" "$WORK"
# Every path answers alone (a broken URL is no load): the cheap ones, and the last variant of each heavy one
# (the run does not reach it, so the heavy requests it sends are all new to the response cache).
for p in $(cat "$WORK/cheap.txt"; tail -n 9 "$WORK/heavy.txt"); do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$URL$p")
  case $code in 2*) ;; *) echo "warning: $p answers $code alone";; esac
done
seconds=${DURATION%s}
echo "index $INDEX: $(curl -s "$URL/api/status")"
echo "$(nproc) cores (shared), load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "1. cheap mix alone: wrk $DURATION, $CONNECTIONS connections"
PATHS="$WORK/cheap.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 5s -s bench/load_paths.lua "$URL" \
  | grep '^result:' | tee "$WORK/alone"
sleep 2

echo "2. cheap mix beside $HEAVY_CONNECTIONS heavy connections and $IDLE idle sockets (load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$BIN/python" bench/idle_sockets.py 127.0.0.1 "$PORT" "$IDLE" $((seconds + 15)) >"$WORK/idle" &
PIDS+=($!)
PATHS="$WORK/heavy.txt" wrk -t1 -c"$HEAVY_CONNECTIONS" -d$((seconds + 10))s --timeout 30s -s bench/load_paths.lua \
  "$URL" >"$WORK/heavy" &
PIDS+=($!)
sleep 5   # the idle sockets are open and the heavy requests running before the cheap mix starts
PATHS="$WORK/cheap.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 5s -s bench/load_paths.lua "$URL" \
  | grep '^result:' | tee "$WORK/beside"
wait "${PIDS[@]}" 2>/dev/null || true
PIDS=()
grep '^result:' "$WORK/heavy" | sed 's/^result:/heavy:/'
cat "$WORK/idle"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

"$BIN/python" - "$WORK/alone" "$WORK/beside" "$WORK/heavy" <<'PY'
import sys
def read(path):
    line = next(l for l in open(path) if l.startswith("result:"))
    return dict(kv.split("=", 1) for kv in line.split()[1:])
alone, beside, heavy = (read(p) for p in sys.argv[1:])
errors = sum(int(beside[k]) for k in ("non2xx", "connect", "read", "write", "timeout"))
ratio = float(beside["rps"]) / float(alone["rps"])
p99 = float(beside["p99"])
print(f"cheap alone:  {alone['rps']} requests/s, p99 {alone['p99']} ms")
print(f"cheap beside: {beside['rps']} requests/s ({ratio:.0%} of alone), p99 {p99} ms, {errors} errors "
      f"(non-2xx {beside['non2xx']}, connect {beside['connect']}, read {beside['read']}, timeout {beside['timeout']})")
print(f"heavy: {heavy['requests']} requests, status codes {heavy['statuses']}, p50 {heavy['p50']} ms, "
      f"socket errors connect {heavy['connect']} read {heavy['read']} timeout {heavy['timeout']}")
ok = errors == 0 and p99 <= 500 and ratio >= 0.7
print(("PASS" if ok else "FAIL") + f": cheap 0 errors ({errors}), p99 <= 500 ms ({p99}), throughput >= 70% ({ratio:.0%})")
PY
