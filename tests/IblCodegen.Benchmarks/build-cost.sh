#!/usr/bin/env bash
# What the generator costs a consumer's build. Packs IblCodegen into a folder feed, then builds web apps that
# reference it with the full published spec (everything; one tag, "catalog"), the two-project layout ("layered": an
# endpoint library, Generate="Library", generating the whole spec's models, client and endpoints, and a service
# mapping only its catalog endpoints from it, Generate="Server", with stubbed catalog handlers; "tagged": the same
# with a library of the catalog tag alone, as the template scaffolds), and the same app without any of it, in turns,
# with the compiler server on as on a developer's machine: a first build (after restore, nothing built yet, the
# library included) and a build after an edit to an unrelated .cs file of the app, after one untimed round of both
# that warms the compiler server up. "plainref", the plain app referencing an empty class library, is the floor of
# any two-project layout. Prints each time, the medians and the ratios to the plain app.
# Needs ../shared/specs/ibl-data-manager-4.90.4-ai-plus.yaml (see the README, "Test material").
# Usage: bash tests/IblCodegen.Benchmarks/build-cost.sh [pairs]
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/IblCodegen.Benchmarks/consumer-app.sh
repo=$PWD
pairs=${1:-3}
spec=$(realpath ../shared/specs/ibl-data-manager-4.90.4-ai-plus.yaml)
work=$(mktemp -d /tmp/iblcodegen-build-cost.XXXXXX)
trap 'dotnet build-server shutdown >/dev/null 2>&1 || true; [ -n "${KEEP:-}" ] && echo "kept: $work" || rm -rf "$work"' EXIT
pack_generator "$work"

# library <folder> <extra project lines>: a class library.
library() {
  mkdir -p "$work/$1"
  cat > "$work/$1/$1.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <UseSharedCompilation>true</UseSharedCompilation>
  </PropertyGroup>
$2
</Project>
XML
}

# The endpoint library of the layered layout holds the whole spec's models, JSON context, client and endpoints;
# "tagged" has one of the catalog tag alone.
aspnetcore="  <ItemGroup><FrameworkReference Include=\"Microsoft.AspNetCore.App\" /></ItemGroup>"
library speclib "$generator
$aspnetcore
  <ItemGroup><IblOpenApiSpec Include=\"$spec\" Generate=\"Library\" /></ItemGroup>"
library taglib "$generator
$aspnetcore
  <ItemGroup><IblOpenApiSpec Include=\"$spec\" Generate=\"Library\" Tags=\"catalog\" /></ItemGroup>"

# app <name> <extra project lines>: the consumer app (consumer-app.sh), restored.
app() {
  consumer_app "$work/$1" "$2"
  dotnet restore "$work/$1" -nologo -v:q --packages "$work/packages" >/dev/null
}

for name in plain everything catalog; do
  app $name "$(spec_app_lines $name "$spec")"
done
cat > "$work/layered-handlers.cs" <<'CS'
namespace Consumer;

[IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]
public sealed partial class CatalogHandlers
{
}
CS
mkdir -p "$work/layered" && cp "$work/layered-handlers.cs" "$work/layered/Handlers.cs"
app layered "$generator
  <ItemGroup><ProjectReference Include=\"../speclib/speclib.csproj\" /></ItemGroup>
  <ItemGroup><IblOpenApiSpec Include=\"$spec\" Generate=\"Server\" Tags=\"catalog\" /></ItemGroup>"
mkdir -p "$work/tagged" && cp "$work/layered-handlers.cs" "$work/tagged/Handlers.cs"
app tagged "$generator
  <ItemGroup><ProjectReference Include=\"../taglib/taglib.csproj\" /></ItemGroup>
  <ItemGroup><IblOpenApiSpec Include=\"$spec\" Generate=\"Server\" Tags=\"catalog\" /></ItemGroup>"

seconds() { build_seconds "$work/$1"; }
edit() { edit_service "$work/$1"; }

# The floor of any two-project layout: the plain app with a ProjectReference to an empty class library. MSBuild
# checks the library (evaluates it, runs its up-to-date targets, copies its output) on every build of the app.
library emptylib ""
echo 'namespace Library; public static class Empty { }' > "$work/emptylib/Empty.cs"
app plainref "  <ItemGroup><ProjectReference Include=\"../emptylib/emptylib.csproj\" /></ItemGroup>"

names=${NAMES:-"plain everything catalog layered tagged plainref"}

# One round untimed first: it starts the compiler server and has it JIT-compile each generator and analyzer, which
# otherwise made the first timed pair the slow outlier of every run (WARMUP=0 leaves it out).
if [ "${WARMUP:-1}" != 0 ]; then
  for name in $names; do
    dotnet build "$work/$name" --no-restore -nologo -v:q >/dev/null
    edit $name
    dotnet build "$work/$name" --no-restore -nologo -v:q >/dev/null
  done
fi

declare -A first edited
for round in $(seq "$pairs"); do
  for name in $names; do
    rm -rf "$work/$name/bin" "$work/$name/obj/Debug"
    [ $name = layered ] && rm -rf "$work/speclib/bin" "$work/speclib/obj/Debug"
    [ $name = tagged ] && rm -rf "$work/taglib/bin" "$work/taglib/obj/Debug"
    [ $name = plainref ] && rm -rf "$work/emptylib/bin" "$work/emptylib/obj/Debug"
    first[$name]+="$(seconds $name) "
  done
  for name in $names; do
    edit $name
    edited[$name]+="$(seconds $name) "
  done
  last() { echo $1 | awk '{print $NF}'; }
  echo "round $round: first$(for name in $names; do printf ' %s %s' $name "$(last "${first[$name]}")"; done) s; edited$(for name in $names; do printf ' %s %s' $name "$(last "${edited[$name]}")"; done) s"
done

for kind in first edited; do
  declare -n times=$kind
  base=$(echo ${times[plain]} | tr ' ' '\n' | median)
  for name in $names; do
    m=$(echo ${times[$name]} | tr ' ' '\n' | median)
    echo "$kind build, $name: median $(printf %.2f "$m") s ($(echo ${times[$name]}) s), $(awk "BEGIN {printf \"%.1f\", $m / $base}")x the plain app"
  done
done
