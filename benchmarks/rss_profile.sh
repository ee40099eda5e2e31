#!/usr/bin/env bash
# Sample the resident memory of `toolkit analyze` and its workers every 5 s (not a test).
# Usage: bash benchmarks/rss_profile.sh INPUT.csv OUT_DIR [toolkit analyze options...]
# Prints: epoch seconds, main process RSS (MB), worker RSS (MB), temporary spill files.
set -u
input=$1; out=$2; shift 2
toolkit analyze "$input" --out "$out" --quiet "$@" &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
  kids=$(pgrep -P "$pid" | xargs -r -I{} grep VmRSS /proc/{}/status 2>/dev/null | awk '{s=s" "int($2/1024)} END{print s}')
  main=$(grep VmRSS /proc/"$pid"/status 2>/dev/null | awk '{print int($2/1024)}')
  spill=$(ls "$out"/.toolkit-*/ 2>/dev/null | grep -c pkl)
  echo "$(date +%s) main=${main}MB workers=[${kids}] spill_files=${spill}"
  sleep 5
done
