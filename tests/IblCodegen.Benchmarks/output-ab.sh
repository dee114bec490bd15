#!/usr/bin/env bash
# What a change to the shape of the generated code would do to a consumer's edit build, tried before the generator
# is changed. Each folder holds a version of the generated files (the output of `IblCodegen.Benchmarks.dll measure
# published` with IBLCODEGEN_DUMP=<folder>, then edited by hand or by a script). Each becomes a small web app that
# compiles them as its own sources; the apps are built after an unrelated edit, in turns (rounds alternate the order),
# in one compiler server. Prints each round, then per folder the median wall time and the median CPU time (user +
# system) the compiler server spent on the build, and for every folder after the first the per-round median
# difference to the first. The first two rounds (the server's warm-up) are left out. Files added as sources are not
# embedded in the PDB as generated ones are; that costs about 60 ms for the published spec's output, the same for
# every folder.
# Usage: bash tests/IblCodegen.Benchmarks/output-ab.sh [rounds] <folder> <folder>...
#        REFERENCES=<a.dll>:<b.dll> adds assemblies to every app (e.g. the library of a two-project layout).
#        PROPERTIES='<Name>value</Name>...' adds MSBuild properties to every app, e.g.
#        PROPERTIES='<GenerateDocumentationFile>true</GenerateDocumentationFile><NoWarn>$(NoWarn);CS1591</NoWarn>'.
set -euo pipefail
source "$(dirname "$0")/consumer-app.sh"
rounds=10
if [[ ${1:-} =~ ^[0-9]+$ ]]; then rounds=$1; shift; fi
[ $# -ge 2 ] || { echo "usage: output-ab.sh [rounds] <folder> <folder>..." >&2; exit 2; }
work=$(mktemp -d /tmp/iblcodegen-output-ab.XXXXXX)
trap 'dotnet build-server shutdown >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
references=""
IFS=: read -ra dlls <<< "${REFERENCES:-}"
for dll in "${dlls[@]}"; do
  if [ -n "$dll" ]; then references="$references<Reference Include=\"$(realpath "$dll")\" />"; fi
done

apps=()
for folder in "$@"; do
  app=app${#apps[@]}
  apps+=("$app")
  consumer_app "$work/$app" "  <PropertyGroup>${PROPERTIES:-}</PropertyGroup>
  <ItemGroup>$references</ItemGroup>"
  mkdir -p "$work/$app/Generated"
  cp "$folder"/*.cs "$work/$app/Generated/"
  dotnet restore "$work/$app" -nologo -v:q >/dev/null
done

ticks=$(getconf CLK_TCK)
server_cpu() {
  local pid
  pid=$(pgrep -f 'bincore/VBCSCompiler' | head -1 || true)
  if [ -z "$pid" ]; then echo 0; else awk -v t="$ticks" '{print ($14 + $15) / t}' "/proc/$pid/stat"; fi
}
log=$(mktemp)
for round in $(seq "$rounds"); do
  order=("${apps[@]}")
  if [ $((round % 2)) = 0 ]; then order=($(printf '%s\n' "${apps[@]}" | tac)); fi
  line="round $round"
  for app in "${order[@]}"; do
    edit_service "$work/$app"
    cpu0=$(server_cpu)
    wall=$(build_seconds "$work/$app")
    cpu=$(awk "BEGIN {print $(server_cpu) - $cpu0}")
    line="$line $app $wall $cpu"
  done
  echo "$line" | tee -a "$log"
done
python3 - "$log" "$@" <<'PY'
import statistics, sys
folders = sys.argv[2:]
rows = [line.split() for line in open(sys.argv[1]) if int(line.split()[1]) > 2]
wall, cpu = {}, {}
for row in rows:
    for i in range(2, len(row), 3):
        wall.setdefault(row[i], []).append(float(row[i + 1]))
        cpu.setdefault(row[i], []).append(float(row[i + 2]))
for n, folder in enumerate(folders):
    app = f"app{n}"
    text = f"{folder}: wall {statistics.median(wall[app]):.2f} s, compiler server CPU {statistics.median(cpu[app]):.2f} s"
    if n > 0:
        dw = [b - a for a, b in zip(wall["app0"], wall[app])]
        dc = [b - a for a, b in zip(cpu["app0"], cpu[app])]
        text += (f"; per round against the first: wall {statistics.median(dw):+.2f} s, CPU {statistics.median(dc):+.2f} s, "
                 f"faster in {sum(d < 0 for d in dw)} of {len(dw)}")
    print(text)
PY
rm -f "$log"
