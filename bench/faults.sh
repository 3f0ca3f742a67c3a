#!/usr/bin/env bash
# Fault injection (issue 15): kill -9 during indexing at 10 seeded random moments, a full disk (a small tmpfs, then
# a bigger one), and distinct corruptions of a built index. After each, every command either works or says what is
# wrong in one line (never a traceback or an HTTP 500), and the same index command completes to the exact article
# count. Prints a table per part and PASS/FAIL. Needs root for the tmpfs (skipped with a message otherwise) and the
# real data in ../shared/data (skipped with a message when absent).
#
#   bench/faults.sh [--corpus FILE] [--articles 600] [--kills 10] [--seed 15] [--only kill,disk,corrupt]
#
# BIN (default .venv/bin) is where `bayegan` and `python` are; the checkout's code is imported (PYTHONPATH).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
[ -x "$BIN/bayegan" ] || { echo "skipped: $BIN/bayegan missing (run make install)"; exit 0; }
export BIN HF_HUB_OFFLINE=1 PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
exec "$BIN/python" bench/faults.py "$@"
