#!/usr/bin/env bash
# Load test: `bayegan serve` on the demo index (loopback only), wrk for 30 s at 20 connections over a mix of
# page, article and API URLs (bench/load.lua). Prints requests/s, latency percentiles and errors, then stops the
# server. Target: zero errors and p99 < 500 ms on the demo index.
#
#   bench/load.sh [INDEX_DIR]      (default: bench/.cache/demo-index, built from examples/demo when missing)
#   DURATION=30s CONNECTIONS=20 THREADS=2 PORT=5099 bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

INDEX=${1:-bench/.cache/demo-index}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-20}
THREADS=${THREADS:-2}
PORT=${PORT:-5099}
BIN=.venv/bin
export HF_HUB_OFFLINE=1

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
elif [ ! -d "$INDEX" ]; then
  echo "skipped: index $INDEX missing"; exit 0
fi

LOG=$(mktemp)
"$BIN/bayegan" serve --index "$INDEX" --host 127.0.0.1 --port "$PORT" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -f "$LOG"' EXIT

for _ in $(seq 1 120); do   # up to 60 s for the server to load the analyzers and the index
  if curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/search?per_page=1"; then break; fi
  kill -0 "$SERVER" 2>/dev/null || { echo "bayegan serve exited:"; cat "$LOG"; exit 1; }
  sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$PORT/" || { echo "the server did not come up:"; cat "$LOG"; exit 1; }

echo "wrk: $DURATION, $CONNECTIONS connections, $THREADS threads, index $INDEX ($(nproc) cores, shared)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 5s -s bench/load.lua "http://127.0.0.1:$PORT" \
  | sed -n '/^requests:/,$p'
