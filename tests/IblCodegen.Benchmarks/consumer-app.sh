# The small web app whose builds build-cost.sh, build-ab.sh and output-ab.sh time, its edit, and the timed build;
# sourced by all three.

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
