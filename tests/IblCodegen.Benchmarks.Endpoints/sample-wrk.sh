#!/usr/bin/env bash
# Throughput and latency of the sample service itself (Release build, its SQLite store, a fresh seeded copy in a
# temporary folder) on GET of the group-suggestion list, measured with wrk (Debian package "wrk") with the settings of
# wrk.sh: one thread, 16 connections. Prints requests per second and the 50th/99th latency percentiles per round.
# Usage: bash tests/IblCodegen.Benchmarks.Endpoints/sample-wrk.sh [rounds] [seconds] [key] [page_size]
# (The seeded platform has 4 group suggestions: page_size 10, the default, is one page that needs no count; 2 is a
# full page, whose total is counted by a second query.)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-10}
key=${3:-demo-acme-admin-key}
page_size=${4:-10}
url=http://127.0.0.1:5091
path="/api/catalog/suggestions/course/manage/group/?platform_key=acme&page_size=$page_size"
work=$(mktemp -d)
dotnet build -c Release samples/IblCodegen.Sample >/dev/null
(cd "$work" && exec dotnet "$OLDPWD/samples/IblCodegen.Sample/bin/Release/net10.0/IblCodegen.Sample.dll" --urls "$url" \
  --Logging:LogLevel:Default=Warning >"$work/server.log" 2>&1) &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf -o /dev/null -H "Authorization: Api-Key $key" "$url$path" && break; sleep 0.2; done
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Api-Key $key" "$url$path")
[ "$status" = 200 ] || { echo "the sample answered $status, not 200"; cat "$work/server.log"; exit 1; }
# Warm up (JIT, tiered compilation, connection pool).
wrk -t1 -c16 -d10s -H "Authorization: Api-Key $key" "$url$path" >/dev/null
for round in $(seq "$rounds"); do
  out=$(wrk -t1 -c16 -d"${seconds}s" --latency -H "Authorization: Api-Key $key" "$url$path")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
  echo "round $round: $rps req/s, p50 $p50, p99 $p99 ${errors:+($errors)}"
done
