#!/usr/bin/env bash
# Times `drvkit lint` over the whole corpus in release mode (wall clock, best of N runs).
#   Benchmarks/lint-corpus.sh [CORPUS_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
runs=${2:-5}
swift build -c release --product drvkit >/dev/null
files=$(find "$corpus" -type f \( -iname '*.inf' -o -iname '*.inx' -o -iname '*.inf.in' \) | wc -l)
best=""
for mode in basic windows-driver; do
  best=""
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    .build/release/drvkit lint "$corpus" --mode "$mode" --format json >/dev/null || true
    t=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  echo "lint $files files, mode $mode: best of $runs = ${best} ms wall on $(nproc) cores (goal: under 1000 ms)"
done
