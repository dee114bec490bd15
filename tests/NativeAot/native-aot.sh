#!/usr/bin/env bash
# The sample service published as a native executable (Native AOT, linux-x64), started, and held to the answers the
# seeds and the spec give: statuses and the shape of the bodies, as the in-process suites check them. Prints the
# executable's size and its time to the first answered request, beside the same service on the JIT, in turns.
# Needs the ILCompiler packages from the registry (they restore here) and gcc; takes a few minutes. Not part of the
# test command. Usage: bash tests/NativeAot/native-aot.sh [startup rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
out=$(mktemp -d)
run=$(mktemp -d)
url=http://127.0.0.1:5097
key='Authorization: Api-Key demo-dm-admin-key'
dotnet publish samples/IblCodegen.Sample -c Release -r linux-x64 -p:IblCodegenNativeAot=true -o "$out/aot" >/dev/null
dotnet build -c Release samples/IblCodegen.Sample >/dev/null
aot="$out/aot/IblCodegen.Sample"
jit="dotnet $PWD/samples/IblCodegen.Sample/bin/Release/net10.0/IblCodegen.Sample.dll"
echo "executable: $(du -h "$aot" | cut -f1) ($(stat -c %s "$aot") bytes), with libe_sqlite3.so beside it"

server=
stop() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=; fi; }
trap 'stop; rm -rf "$out" "$run"' EXIT
# Starts a command in the run folder (where the database is made); sets $elapsed to the milliseconds to the first
# answer. (Not called in $(…): the server must be this shell's child for stop to end it.)
elapsed=
start() {
  if curl -s -o /dev/null "$url/openapi/v1.json"; then echo "something already listens on $url"; exit 1; fi
  local began; began=$(date +%s%N)
  (cd "$run" && exec $1 --urls "$url" >"$run/log.txt" 2>&1) &
  server=$!
  until curl -sf -o /dev/null -H "$key" "$url/api/catalog/suggestions/course/manage/group/?platform_key=acme"; do sleep 0.005; done
  elapsed=$(( ($(date +%s%N) - began) / 1000000 ))
}

failures=0
expect() { # expect <status> <description> <curl arguments...>
  local want=$1 what=$2; shift 2
  local got; got=$(curl -s -o "$run/body" -w '%{http_code}' "$@")
  if [ "$got" = "$want" ]; then echo "ok   $got $what"; else echo "FAIL $got (expected $want) $what: $(head -c 300 "$run/body")"; failures=$((failures + 1)); fi
}
json() { python3 -c "import json,sys; d=json.load(open('$run/body')); assert $1, d" || { echo "FAIL body: $1"; failures=$((failures + 1)); }; }

start "$aot"
echo "first start (creates and seeds the database): $elapsed ms"
expect 401 "no key" "$url/api/catalog/suggestions/course/manage/group/?platform_key=acme"
expect 200 "group suggestions, page 1 of 3" -H "$key" "$url/api/catalog/suggestions/course/manage/group/?platform_key=acme&page_size=1"
json "d['count'] == 3 and len(d['results']) == 1 and d['next'].endswith('page=2')"
expect 400 "page not an integer" -H "$key" "$url/api/catalog/suggestions/course/manage/group/?platform_key=acme&page=x"
json "'page' in d['errors']"
expect 400 "missing platform_key" -H "$key" "$url/api/catalog/suggestions/course/manage/group/"
expect 403 "learner on a manage list" -H 'Authorization: Api-Key demo-acme-learner-key' "$url/api/catalog/suggestions/course/manage/group/?platform_key=acme"
expect 200 "create or update" -H "$key" -H 'Content-Type: application/json' -d '{"platform_key":"acme","course_id":"course-v1:acme+sql+2024","group_id":1,"accepted":true}' "$url/api/catalog/suggestions/course/manage/group/"
json "d['accepted'] is True and d['group_id'] == 1"
expect 400 "null for a required member" -H "$key" -H 'Content-Type: application/json' -d '{"platform_key":null,"course_id":"c","group_id":1}' "$url/api/catalog/suggestions/course/manage/group/"
json "'body.platform_key' in d['errors']"
expect 415 "a body that is not JSON" -H "$key" -H 'Content-Type: text/plain' -d 'x' "$url/api/catalog/suggestions/course/manage/group/"
expect 404 "delete what is not there" -X DELETE -H "$key" "$url/api/catalog/suggestions/course/manage/group/?platform_key=acme&suggestion_id=999999"
expect 200 "learner's own suggestions" -H 'Authorization: Api-Key demo-acme-learner-key' "$url/api/catalog/suggestions/course/user/?user=dave"
expect 200 "active users over time" -H "$key" "$url/api/audience/orgs/acme/active-users/over-time"
json "'meta' in d and 'total' in d['meta']"
expect 400 "dates out of range" -H "$key" "$url/api/audience/orgs/acme/active-users/over-time?start_date=0001-01-01"
expect 200 "time spent" -H "$key" "$url/api/analytics/time-spent/user/"
expect 200 "OpenAPI document" "$url/openapi/v1.json"
json "len(d['paths']) == 6"
stop

for round in $(seq "$rounds"); do
  start "$aot"; stop; native=$elapsed
  start "$jit"; stop
  echo "start to first answer, round $round: native $native ms, JIT $elapsed ms"
done

if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed"; exit 1; fi
echo "every check passed"
