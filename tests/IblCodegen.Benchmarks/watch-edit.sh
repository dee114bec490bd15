#!/usr/bin/env bash
# The edit loop under `dotnet watch`: how long it takes to apply an unrelated edit to the running app by hot reload,
# as dotnet watch reports it ("changes applied in N ms"). Packs IblCodegen, then runs web apps that reference it with
# the full published spec (everything; the "catalog" tag alone) and the same app without it (plain), one after the
# other, each on 127.0.0.1 under `dotnet watch`; edits the app's Service.cs once untimed, then [edits] times, waiting
# for each to be applied and checking the app answers with the new text. Prints each time and the median per app.
# Needs ../shared/specs/ibl-data-manager-4.90.4-ai-plus.yaml (see the README, "Test material").
# Usage: bash tests/IblCodegen.Benchmarks/watch-edit.sh [edits]   (APPS="plain everything catalog")
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/IblCodegen.Benchmarks/consumer-app.sh
edits=${1:-6}
apps=${APPS:-"plain everything catalog"}
spec=$(realpath ../shared/specs/ibl-data-manager-4.90.4-ai-plus.yaml)
work=$(mktemp -d /tmp/iblcodegen-watch-edit.XXXXXX)
watch_pid=""
# dotnet watch runs in a process group of its own (setsid), which stop_watch ends whole: the muxer, dotnet-watch, the
# app. dotnet-watch stops on Ctrl+C (SIGINT) and outlives a SIGTERM; whatever is left after two seconds is killed.
stop_watch() {
  if [ -n "$watch_pid" ]; then
    kill -INT -- -"$watch_pid" >/dev/null 2>&1 || true
    sleep 2
    kill -KILL -- -"$watch_pid" >/dev/null 2>&1 || true
    wait "$watch_pid" 2>/dev/null || true
  fi
  watch_pid=""
}
trap 'stop_watch; dotnet build-server shutdown >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
pack_generator "$work"
port=5187

# wait_for <seconds> <command...>: runs the command every 0.2 s until it succeeds; fails after the seconds.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    if [ $SECONDS -ge $deadline ]; then return 1; fi
    sleep 0.2
  done
}
applied() { [ "$(grep -c 'changes applied' "$1")" -ge "$2" ]; }
answers() { [ "$(curl -s "http://127.0.0.1:$port/")" = "$1" ]; }

for app in $apps; do
  lines=$(spec_app_lines "$app" "$spec")   # an assignment, so that an unknown app stops the script
  consumer_app "$work/$app" "$lines
  <PropertyGroup><RestorePackagesPath>$work/packages</RestorePackagesPath></PropertyGroup>"
  log="$work/$app.log"
  (cd "$work/$app" && ASPNETCORE_URLS="http://127.0.0.1:$port" DOTNET_WATCH_SUPPRESS_LAUNCH_BROWSER=1 \
    Logging__LogLevel__Default=Warning exec setsid dotnet watch --non-interactive > "$log" 2>&1) &
  watch_pid=$!
  wait_for 600 answers service || { echo "$app: the app did not start under dotnet watch:" >&2; tail -20 "$log" >&2; exit 1; }
  times=()
  for edit in $(seq 0 "$edits"); do
    echo "namespace Consumer; public class Service { public string Describe() => \"service $edit\"; }" > "$work/$app/Service.cs"
    wait_for 120 applied "$log" $((edit + 1)) || { echo "$app: edit $edit was not hot reloaded:" >&2; tail -20 "$log" >&2; exit 1; }
    wait_for 30 answers "service $edit" || { echo "$app: the app does not answer with edit $edit" >&2; exit 1; }
    if [ "$edit" -gt 0 ]; then
      times+=("$(grep -o 'changes applied in [0-9]*ms' "$log" | tail -1 | grep -o '[0-9]*')")
    fi
  done
  stop_watch
  echo "$app: ${times[*]} ms; median $(printf '%s\n' "${times[@]}" | median) ms"
done
