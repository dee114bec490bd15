#!/usr/bin/env bash
# What the generator costs a consumer's build. Packs IblCodegen into a folder feed, then builds web apps that
# reference it with the full published spec (everything; one tag, "catalog") and the same app without it, in turns,
# with the compiler server on as on a developer's machine: a first build (after restore, nothing built yet) and a
# build after an edit to an unrelated .cs file. Prints each time, the medians and the ratios to the plain app.
# Needs ../shared/specs/ibl-data-manager-4.90.4-ai-plus.yaml (see the README, "Test material").
# Usage: bash tests/IblCodegen.Benchmarks/build-cost.sh [pairs]
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
pairs=${1:-3}
spec=$(realpath ../shared/specs/ibl-data-manager-4.90.4-ai-plus.yaml)
work=$(mktemp -d /tmp/iblcodegen-build-cost.XXXXXX)
trap 'dotnet build-server shutdown >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
version=0.1.0-cost.$(date +%Y%m%d%H%M%S)
dotnet pack src/IblCodegen/IblCodegen.csproj -c Release -o "$work/feed" -p:Version="$version" -nologo -v:q >/dev/null

# app <name> <extra project lines>: a small web app; Service.cs is the file the edit touches.
app() {
  local dir="$work/$1"
  mkdir -p "$dir"
  cat > "$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="local" value="$work/feed" /></packageSources></configuration>
XML
  cat > "$dir/$1.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <UseSharedCompilation>true</UseSharedCompilation>
  </PropertyGroup>
$2
</Project>
XML
  cat > "$dir/Program.cs" <<'CS'
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => new Consumer.Service().Describe());
app.Run();
CS
  echo 'namespace Consumer; public class Service { public string Describe() => "service"; }' > "$dir/Service.cs"
  dotnet restore "$dir" -nologo -v:q --packages "$work/packages" >/dev/null
}

generator="  <ItemGroup><PackageReference Include=\"IblCodegen\" Version=\"$version\" /></ItemGroup>"
app plain ""
app everything "$generator
  <ItemGroup><IblOpenApiSpec Include=\"$spec\" /></ItemGroup>"
app catalog "$generator
  <ItemGroup><IblOpenApiSpec Include=\"$spec\" Tags=\"catalog\" /></ItemGroup>"

seconds() { local start=$(date +%s.%N); dotnet build "$work/$1" --no-restore -nologo -v:q >/dev/null; awk "BEGIN {print $(date +%s.%N) - $start}"; }
edit() { echo "namespace Consumer; public class Service { public string Describe() => \"service $RANDOM\"; }" > "$work/$1/Service.cs"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A first edited
for round in $(seq "$pairs"); do
  for name in plain everything catalog; do
    rm -rf "$work/$name/bin" "$work/$name/obj/Debug"
    first[$name]+="$(seconds $name) "
  done
  for name in plain everything catalog; do
    edit $name
    edited[$name]+="$(seconds $name) "
  done
  last() { echo $1 | awk '{print $NF}'; }
  echo "round $round (plain / everything / catalog): first $(last "${first[plain]}") / $(last "${first[everything]}") / $(last "${first[catalog]}") s; edited $(last "${edited[plain]}") / $(last "${edited[everything]}") / $(last "${edited[catalog]}") s"
done

for kind in first edited; do
  declare -n times=$kind
  base=$(echo ${times[plain]} | tr ' ' '\n' | median)
  for name in plain everything catalog; do
    m=$(echo ${times[$name]} | tr ' ' '\n' | median)
    echo "$kind build, $name: median $(printf %.2f "$m") s ($(echo ${times[$name]}) s), $(awk "BEGIN {printf \"%.1f\", $m / $base}")x the plain app"
  done
done
