#!/usr/bin/env bash
# What the generator itself takes inside a consumer's build, as the compiler reports it (-p:ReportAnalyzer=true), in
# the SDK's own compiler, whose Roslyn is precompiled (ReadyToRun) while the generator is compiled by the JIT as it
# runs. Packs IblCodegen, then builds web apps that reference it with the full published spec (everything; the
# "catalog" tag alone) and the same app without it:
# - cold: each build in a compiler started for it (UseSharedCompilation=false, --no-incremental), so the generator is
#   loaded and JIT-compiled anew, as in the first build after the compiler server starts (or in an IDE's first load);
# - warm: builds after an unrelated edit, in one compiler server that has built the app twice before (untimed).
# For each build it prints the generator's time and the total of every generator the build ran (the SDK adds its
# own to a web app: the plain app's total is theirs alone), then the medians.
# Needs ../shared/specs/ibl-data-manager-4.90.4-ai-plus.yaml (see the README, "Test material").
# Usage: bash tests/IblCodegen.Benchmarks/generator-time.sh [runs]   (APPS="plain everything catalog")
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/IblCodegen.Benchmarks/consumer-app.sh
runs=${1:-5}
apps=${APPS:-"plain everything catalog"}
spec=$(realpath ../shared/specs/ibl-data-manager-4.90.4-ai-plus.yaml)
work=$(mktemp -d /tmp/iblcodegen-generator-time.XXXXXX)
trap 'dotnet build-server shutdown >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
pack_generator "$work"

for app in $apps; do
  lines=$(spec_app_lines "$app" "$spec")   # an assignment, so that an unknown app stops the script
  consumer_app "$work/$app" "$lines"
  dotnet restore "$work/$app" -nologo -v:q --packages "$work/packages" >/dev/null
done

# report <folder> <extra build arguments>: builds the app and prints the generator's seconds (0 when it did not run)
# and the total seconds of all generators, from the compiler's analyzer report.
report() {
  local folder=$1; shift
  dotnet build "$folder" --no-restore -nologo -v:d -p:ReportAnalyzer=true "$@" | awk '
    /Total generator execution time:/ { total = $5 }
    $NF == "IblCodegen.OpenApiGenerator" && $1 ~ /^[0-9.]+$/ { ours = $1 }
    END {
      if (total == "") { print "no analyzer report in the build output: the compiler did not run" > "/dev/stderr"; exit 1 }
      printf "%s %s\n", (ours == "" ? 0 : ours), total
    }'
}

declare -A cold_ours cold_total warm_ours warm_total

# round <cold|warm> <run> <extra build arguments>: builds each app once (a warm build after an edit), prints the
# times and adds them to the kind's lists.
round() {
  local kind=$1 run=$2 line result ours total
  shift 2
  declare -n generator_times=${kind}_ours all_times=${kind}_total
  line="$kind $run:"
  for app in $apps; do
    if [ "$kind" = warm ]; then edit_service "$work/$app"; fi
    result=$(report "$work/$app" "$@")
    read -r ours total <<< "$result"
    generator_times[$app]+="$ours "; all_times[$app]+="$total "
    line="$line $app $ours s of $total s;"
  done
  echo "$line"
}

dotnet build-server shutdown >/dev/null 2>&1 || true
for run in $(seq "$runs"); do
  round cold "$run" --no-incremental -p:UseSharedCompilation=false
done

# Two edit builds of each app in the server, untimed: the first loads and JIT-compiles the generators (with a single
# untimed build, the first timed one still took the generator 0.51 s, the next 0.11 s).
for app in $apps; do
  for _ in 1 2; do
    edit_service "$work/$app"
    report "$work/$app" >/dev/null
  done
done
for run in $(seq "$runs"); do
  round warm "$run"
done

for kind in cold warm; do
  declare -n generator_times=${kind}_ours all_times=${kind}_total
  for app in $apps; do
    echo "$kind, $app: IblCodegen median $(echo ${generator_times[$app]} | tr ' ' '\n' | median) s ($(echo ${generator_times[$app]}) s), all generators median $(echo ${all_times[$app]} | tr ' ' '\n' | median) s"
  done
done
