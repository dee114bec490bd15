#!/usr/bin/env bash
# Edit builds of two versions of the generator, side by side: each app of one version's folder built after an
# unrelated edit, then the same app of the other's, in one compiler server, rounds alternating which goes first. The
# folders are two runs of build-cost.sh kept with KEEP=1 (it prints its folder), e.g. one from a worktree of the
# commit before a change and one from the change. Prints each round, then per app the medians, the per-pair median
# difference, how often the second folder was faster, and the ratios to the plain app; the first two rounds (the
# server's warm-up, and a first build of any app not built yet) are left out.
# Usage: bash tests/IblCodegen.Benchmarks/build-ab.sh <before-folder> <after-folder> [rounds]   (APPS="catalog tagged")
set -euo pipefail
before=$1; after=$2; rounds=${3:-14}; apps=${APPS:-"catalog tagged"}
source "$(dirname "$0")/consumer-app.sh"
log=$(mktemp)
for round in $(seq "$rounds"); do
  line="round $round"
  for app in plain $apps; do
    order="before after"; [ $((round % 2)) = 0 ] && order="after before"
    for who in $order; do
      folder=${!who}
      edit_service "$folder/$app"
      line="$line $app-$who $(build_seconds "$folder/$app")"
    done
  done
  echo "$line" | tee -a "$log"
done
python3 - "$log" $apps <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if int(line.split()[1]) > 2]
times = {}
for row in rows:
    for key, value in zip(row[2::2], map(float, row[3::2])):
        times.setdefault(key, []).append(value)
plain = statistics.median(times["plain-before"] + times["plain-after"])
for app in ["plain"] + sys.argv[2:]:
    diffs = [b - a for a, b in zip(times[app + "-before"], times[app + "-after"])]
    before, after = statistics.median(times[app + "-before"]), statistics.median(times[app + "-after"])
    print(f"{app}: before {before:.2f} s ({before / plain:.2f}x the plain app), after {after:.2f} s ({after / plain:.2f}x); "
          f"per pair after - before, median {statistics.median(diffs):+.3f} s, after faster in {sum(d < 0 for d in diffs)} of {len(diffs)}")
PY
rm -f "$log"
