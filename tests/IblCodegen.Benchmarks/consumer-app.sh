# The small web app whose builds build-cost.sh, build-ab.sh, output-ab.sh and generator-time.sh time (and whose hot
# reloads watch-edit.sh times), its edit, the timed build, and the packed generator they reference; sourced by all five.

# pack_generator <folder>: packs src/IblCodegen (run from the repository's root) into <folder>/feed, under a version of
# its own that it sets in $version (and the project line that references it in $generator), and writes
# <folder>/nuget.config with that feed as the only source.
pack_generator() {
  version=0.1.0-cost.$(date +%Y%m%d%H%M%S)
  generator="  <ItemGroup><PackageReference Include=\"IblCodegen\" Version=\"$version\" /></ItemGroup>"
  dotnet pack src/IblCodegen/IblCodegen.csproj -c Release -o "$1/feed" -p:Version="$version" -nologo -v:q >/dev/null
  cat > "$1/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="local" value="$1/feed" /></packageSources></configuration>
XML
}

# consumer_app <folder> <extra project lines>: a web app named after its folder; Service.cs is the file an edit touches.
consumer_app() {
  local dir=$1 name
  name=$(basename "$dir")
  mkdir -p "$dir"
  cat > "$dir/$name.csproj" <<XML
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
}

# spec_app_lines <plain|everything|catalog> <spec>: the project lines of the app of that name: no generator (plain),
# the packed generator ($generator, from pack_generator) with the whole spec, or with its "catalog" tag alone.
spec_app_lines() {
  case $1 in
    plain) echo "" ;;
    everything) echo "$generator
  <ItemGroup><IblOpenApiSpec Include=\"$2\" /></ItemGroup>" ;;
    catalog) echo "$generator
  <ItemGroup><IblOpenApiSpec Include=\"$2\" Tags=\"catalog\" /></ItemGroup>" ;;
    *) echo "unknown app: $1" >&2; return 2 ;;
  esac
}

# edit_service <folder>: the unrelated edit, a new text of the app's Service.cs.
edit_service() {
  echo "namespace Consumer; public class Service { public string Describe() => \"service $RANDOM\"; }" > "$1/Service.cs"
}

# build_seconds <folder>: builds the project in <folder> (already restored) and prints the wall time it took, in seconds.
build_seconds() {
  local start
  start=$(date +%s.%N)
  dotnet build "$1" --no-restore -nologo -v:q >/dev/null
  awk "BEGIN {print $(date +%s.%N) - $start}"
}

# median: the median of the numbers on standard input, one a line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
