#!/usr/bin/env bash
# Throughput of the generated endpoint against the hand-written one, on Kestrel over loopback, measured with wrk
# (Debian package "wrk"). Rounds alternate between the two so drift on the machine hits both alike.
# Usage: bash tests/IblCodegen.Benchmarks.Endpoints/wrk.sh [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-10}
url=http://127.0.0.1:5090
query='?platform_key=acme&platform_org=acme&query=Eng&sort=-id&department_mode=false&page=1&page_size=10'
dotnet build -c Release tests/IblCodegen.Benchmarks.Endpoints >/dev/null
dotnet tests/IblCodegen.Benchmarks.Endpoints/bin/Release/net10.0/IblCodegen.Benchmarks.Endpoints.dll serve "$url" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "$url/hand-written/group-suggestions$query" && break; sleep 0.2; done
# Warm up both (JIT, tiered compilation).
wrk -t1 -c16 -d5s "$url/hand-written/group-suggestions$query" >/dev/null
wrk -t1 -c16 -d5s "$url/api/catalog/suggestions/course/manage/group/$query" >/dev/null
for round in $(seq "$rounds"); do
  hand=$(wrk -t1 -c16 -d"${seconds}s" "$url/hand-written/group-suggestions$query" | awk '/Requests\/sec/ {print $2}')
  gen=$(wrk -t1 -c16 -d"${seconds}s" "$url/api/catalog/suggestions/course/manage/group/$query" | awk '/Requests\/sec/ {print $2}')
  echo "round $round: hand-written $hand req/s, generated $gen req/s, ratio $(awk "BEGIN {printf \"%.3f\", $gen / $hand}")"
done
