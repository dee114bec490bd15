using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Xml.Linq;

namespace IblCodegen.Package.Tests;

/// <summary>The NuGet package as a consumer meets it: its contents, a PackageReference from a folder feed, the template.</summary>
[Collection(PackageFeedCollection.Name)]
public sealed class PackageTests(PackageFeed feed)
{
    [Fact]
    public void The_package_holds_the_generator_its_dependencies_the_msbuild_glue_and_the_default_spec()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath);
        var entries = package.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("package/", StringComparison.Ordinal) && !n.StartsWith("_rels/", StringComparison.Ordinal) && n != "[Content_Types].xml").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "IblCodegen.nuspec", "README.md",
                "analyzers/dotnet/cs/IblCodegen.dll", "analyzers/dotnet/cs/Microsoft.OpenApi.dll", "analyzers/dotnet/cs/YamlDotNet.dll",
                "build/IblCodegen.props", "build/IblCodegen.targets", "buildTransitive/IblCodegen.props", "buildTransitive/IblCodegen.targets",
                "specs/ibl-data-manager.yaml",
            ],
            entries);

        using var nuspecStream = package.GetEntry("IblCodegen.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
        Assert.Equal(feed.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("openapi", Value("tags"));
        Assert.Equal("true", Value("developmentDependency"));
        Assert.NotNull(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository"));
        Assert.Null(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "dependencies"));
    }

    [Fact]
    public void A_project_referencing_the_package_builds_with_the_bundled_spec_and_uses_the_generated_types()
    {
        var folder = feed.NewConsumerFolder("consumer");
        WriteProject(folder, specItem: null);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            using IblDataManager;
            using Microsoft.AspNetCore.Http.HttpResults;

            if (args is ["version"])
            {
                Console.WriteLine(IblDataManagerSpec.Version);
                return;
            }

            var suggestion = new CourseGroupSuggestionDetail
            {
                Id = 1, GroupId = 2, GroupName = "Team", PlatformKey = "acme", Visible = true, Created = DateTimeOffset.UnixEpoch,
                Modified = DateTimeOffset.UnixEpoch, Metadata = new Dictionary<string, System.Text.Json.JsonElement>(), CourseId = "c", CourseName = "C",
            };
            var page = new Page<CourseGroupSuggestionDetail> { Count = 1, Results = [suggestion] };
            var app = WebApplication.CreateBuilder(args).Build();
            Consumer.TimeHandlers.MapEndpoints(app);
            Console.WriteLine(page.Count);

            namespace Consumer
            {
                [IblCodegen.OpenApiHandlers(Operations = ["analytics_time_spent_user_retrieve"])]
                public sealed partial class TimeHandlers
                {
                    public partial Task<Results<Ok<TimeSpentPerUserResponse>, ProblemHttpResult>> GetAnalyticsTimeSpentUserAsync(
                        string? courseId, DateOnly? endDate, bool includeMainPlatform, string? learnerId, string? mentorUuid, string? platform,
                        string? sessionUuid, DateOnly? startDate, string? url, CancellationToken cancellationToken) =>
                        Task.FromResult<Results<Ok<TimeSpentPerUserResponse>, ProblemHttpResult>>(TypedResults.Ok(new TimeSpentPerUserResponse { TotalSeconds = 42 }));
                }
            }
            """);

        AssertBuilds(folder);
        Assert.Equal("3.59.0-ai-plus", RunConsumer(folder, "version"));
    }

    [Fact]
    public void Editing_the_spec_regenerates_on_the_next_build_without_a_clean()
    {
        var folder = feed.NewConsumerFolder("versioned");
        Directory.CreateDirectory(Path.Combine(folder, "specs"));
        var specPath = Path.Combine(folder, "specs", "ibl.yaml");
        File.Copy(Path.Combine(PackageFeed.RepoRoot, "spec", "ibl-data-manager.yaml"), specPath);
        WriteProject(folder, specItem: "specs/ibl.yaml");
        File.WriteAllText(Path.Combine(folder, "Program.cs"), "System.Console.WriteLine(IblDataManager.IblDataManagerSpec.Version);\n");

        AssertBuilds(folder);
        Assert.Equal("3.59.0-ai-plus", RunConsumer(folder));

        File.WriteAllText(specPath, File.ReadAllText(specPath).Replace("version: 3.59.0-ai-plus", "version: 3.60.0-ai-plus", StringComparison.Ordinal));
        AssertBuilds(folder);
        Assert.Equal("3.60.0-ai-plus", RunConsumer(folder));
    }

    [Fact]
    public async Task A_spec_edit_under_dotnet_watch_reaches_the_running_app_s_json_metadata_without_a_restart()
    {
        // A member added to a schema while `dotnet watch` runs the app: hot reload patches the generated model and
        // its metadata, and the generated context must hand out the new metadata, not the one it read before the edit.
        var folder = feed.NewConsumerFolder("watched");
        Directory.CreateDirectory(Path.Combine(folder, "specs"));
        var specPath = Path.Combine(folder, "specs", "ibl.yaml");
        File.Copy(Path.Combine(PackageFeed.RepoRoot, "spec", "ibl-data-manager.yaml"), specPath);
        WriteProject(folder, specItem: "specs/ibl.yaml", properties: $"<RestorePackagesPath>{feed.Packages}</RestorePackagesPath>");
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """"
            using IblDataManager;

            var app = WebApplication.CreateBuilder(args).Build();
            // Read and written with the generated context's metadata: a member it does not know is dropped.
            app.MapGet("/problem", () =>
            {
                var problem = System.Text.Json.JsonSerializer.Deserialize("""{"title":"t","hint":"h"}""", IblDataManagerJsonContext.Default.ProblemDetails)!;
                return Environment.ProcessId + " " + System.Text.Json.JsonSerializer.Serialize(problem, IblDataManagerJsonContext.Default.ProblemDetails);
            });
            app.Run();
            """");
        AssertBuilds(folder);

        var port = FreePort();
        var start = PackageFeed.ConsumerStartInfo("dotnet", folder, "watch", "--non-interactive");
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_WATCH_SUPPRESS_LAUNCH_BROWSER"] = "1";
        // Polling, not inotify: a dotnet watch holds about 50 inotify instances, and Linux allows a user 128 by
        // default, so two more watches running on the machine would fail this one.
        start.Environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var output = new System.Text.StringBuilder();
        using var watch = System.Diagnostics.Process.Start(start)!;
        watch.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        watch.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        watch.BeginOutputReadLine();
        watch.BeginErrorReadLine();
        string Output() { lock (output) { return output.ToString(); } }
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            string? before = null;
            for (var started = DateTime.UtcNow; before is null && !watch.HasExited && DateTime.UtcNow < started.AddMinutes(3);)
            {
                try
                {
                    before = await client.GetStringAsync("/problem");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250);
                }
            }

            Assert.True(before is not null, "the app under dotnet watch did not answer:\n" + Tail(Output()));
            var processId = before.Split(' ')[0];
            Assert.Equal(processId + " {\"title\":\"t\"}", before);

            // ProblemDetails gains a member, `hint`, after `instance`.
            var spec = File.ReadAllText(specPath);
            var instance = """
                        instance:
                          type: string
                          nullable: true
                          description: A URI that identifies this occurrence.

                """.ReplaceLineEndings("\n");
            Assert.Contains(instance, spec, StringComparison.Ordinal);
            File.WriteAllText(specPath, spec.Replace(instance, instance + """
                        hint:
                          type: string
                          nullable: true
                          description: What to try next.

                """.ReplaceLineEndings("\n"), StringComparison.Ordinal));

            var deadline = DateTime.UtcNow.AddMinutes(2);
            var after = before;
            while (after == before && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
                after = await client.GetStringAsync("/problem");
            }

            // dotnet watch reports the update after applying it, so its line can come after the app's first answer.
            for (var observed = DateTime.UtcNow; !Output().Contains("changes applied", StringComparison.Ordinal) && DateTime.UtcNow < observed.AddSeconds(30);)
            {
                await Task.Delay(100);
            }

            Assert.True(Output().Contains("changes applied", StringComparison.Ordinal), "dotnet watch applied no hot reload:\n" + Tail(Output()));
            Assert.Equal(processId + " {\"title\":\"t\",\"hint\":\"h\"}", after);
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            watch.WaitForExit();
        }
    }

    [Fact]
    public void An_upgrade_saved_under_a_versioned_file_name_keeps_every_type_name()
    {
        // As the spec is downloaded: a file per version. Type names come from the title, so the code using them stays.
        var folder = feed.NewConsumerFolder("upgraded");
        Directory.CreateDirectory(Path.Combine(folder, "specs"));
        var v1 = File.ReadAllText(Path.Combine(PackageFeed.RepoRoot, "spec", "ibl-data-manager.yaml"));
        File.WriteAllText(Path.Combine(folder, "specs", "ibl-data-manager-3.59.0-ai-plus.yaml"), v1);
        WriteProject(folder, specItem: "specs/ibl-data-manager-3.59.0-ai-plus.yaml");
        File.WriteAllText(Path.Combine(folder, "Program.cs"), "System.Console.WriteLine(IblDataManager.IblDataManagerSpec.Version + \" \" + typeof(IblDataManager.IblDataManagerClient).Name);\n");
        AssertBuilds(folder);
        Assert.Equal("3.59.0-ai-plus IblDataManagerClient", RunConsumer(folder));

        File.Delete(Path.Combine(folder, "specs", "ibl-data-manager-3.59.0-ai-plus.yaml"));
        File.WriteAllText(Path.Combine(folder, "specs", "ibl-data-manager-3.60.0-ai-plus.yaml"), v1.Replace("version: 3.59.0-ai-plus", "version: 3.60.0-ai-plus", StringComparison.Ordinal));
        WriteProject(folder, specItem: "specs/ibl-data-manager-3.60.0-ai-plus.yaml");
        AssertBuilds(folder);
        Assert.Equal("3.60.0-ai-plus IblDataManagerClient", RunConsumer(folder));

        // TypePrefix on the item, through the package's MSBuild glue, names the types instead.
        WriteProject(folder, specItem: "specs/ibl-data-manager-3.60.0-ai-plus.yaml", itemMetadata: "TypePrefix=\"Dm\"");
        File.WriteAllText(Path.Combine(folder, "Program.cs"), "System.Console.WriteLine(IblDataManager.DmSpec.Version + \" \" + typeof(IblDataManager.DmClient).Name);\n");
        AssertBuilds(folder);
        Assert.Equal("3.60.0-ai-plus DmClient", RunConsumer(folder));
    }

    [PublishedSpecFact]
    public void A_consumer_of_the_full_published_spec_builds_with_every_operation_stubbed()
    {
        var published = RepoPaths.PublishedSpec;
        var folder = feed.NewConsumerFolder("published");
        // Every operation is stubbed (IBL0105, a warning each); a strict consumer keeps them visible but not fatal.
        WriteProject(folder, specItem: published, properties: "<WarningsNotAsErrors>$(WarningsNotAsErrors);IBL0105</WarningsNotAsErrors>");
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            var app = WebApplication.CreateBuilder(args).Build();
            Consumer.AllHandlers.MapEndpoints(app);

            namespace Consumer
            {
                [IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]
                public sealed partial class AllHandlers
                {
                }
            }
            """);
        var (exitCode, output) = feed.Build(folder);
        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{Tail(output)}");
        Assert.Contains("warning IBL0105", output, StringComparison.Ordinal);
        Assert.DoesNotContain("IBL0005", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_generating_only_its_server_builds_against_a_library_of_the_spec_types()
    {
        // The layout for big specs: the library holds the models, JSON context and client; the service, with
        // Generate="Server" on the same spec, compiles its endpoints alone and uses the library's types.
        var root = feed.NewConsumerFolder("two-projects");
        var library = Directory.CreateDirectory(Path.Combine(root, "Library")).FullName;
        var service = Directory.CreateDirectory(Path.Combine(root, "Service")).FullName;
        File.WriteAllText(Path.Combine(library, "Library.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="IblCodegen" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(service, "Service.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <WarningsNotAsErrors>$(WarningsNotAsErrors);IBL0105</WarningsNotAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="IblCodegen" Version="{feed.Version}" />
                <ProjectReference Include="../Library/Library.csproj" />
                <IblOpenApiSpec Include="$(IblCodegenBundledSpec)" Generate="Server" Tags="catalog" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(service, "Program.cs"), """
            var builder = WebApplication.CreateBuilder(args);
            IblCodegen.Server.IblServerServiceCollectionExtensions.AddIblPermissions(builder.Services, _ => { });
            var app = builder.Build();
            Service.CatalogHandlers.MapEndpoints(app);
            Console.WriteLine(typeof(IblDataManager.CourseGroupSuggestionDetail).Assembly.GetName().Name + " " + typeof(IblDataManager.IblDataManagerClient).Assembly.GetName().Name);

            namespace Service
            {
                [IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]
                public sealed partial class CatalogHandlers
                {
                }
            }
            """);
        AssertBuilds(service);

        // Declared again in the service, the types would be its own (and CS0436 a warning, an error here).
        Assert.Equal("Library Library", RunConsumer(service));
    }

    [Fact]
    public async Task The_template_scaffolds_a_service_that_builds_runs_and_answers_501_until_implemented()
    {
        using (var templates = System.IO.Compression.ZipFile.OpenRead(feed.TemplatePackagePath))
        {
            Assert.Contains(templates.Entries, entry => entry.FullName == "README.md");
        }

        var hive = Path.Combine(feed.Root, "template-hive");
        var parent = Path.Combine(feed.Root, "scaffolded");
        Directory.CreateDirectory(parent);
        Check(PackageFeed.Dotnet(parent, "new", "install", feed.TemplatePackagePath, "--debug:custom-hive", hive));
        Check(PackageFeed.Dotnet(parent, "new", "ibl-service", "-n", "Learners", "--specTag", "catalog", "--codegenVersion", feed.Version, "--debug:custom-hive", hive));
        var folder = Path.Combine(parent, "Learners");
        feed.WriteNuGetConfig(folder);
        AssertBuilds(folder);

        // Two projects: the spec's types in Learners.Spec, the service's endpoints in Learners, against them.
        Assert.True(File.Exists(Path.Combine(folder, "Spec", "Learners.Spec.csproj")));
        Assert.True(File.Exists(Path.Combine(folder, "bin", "Debug", "net10.0", "Learners.Spec.dll")), "the service's output holds its spec library");
        var output = Path.Combine(folder, "bin", "Debug", "net10.0");
        Assert.Contains("IblDataManager.Page`1", TypesDefinedIn(Path.Combine(output, "Learners.Spec.dll")));
        Assert.DoesNotContain(TypesDefinedIn(Path.Combine(output, "Learners.dll")), name => name.StartsWith("IblDataManager.", StringComparison.Ordinal) && !name.Contains("OpenApiDocument", StringComparison.Ordinal));

        // An endpoint library: the request reading and the server runtime are compiled there, once, not in the service.
        var libraryTypes = TypesDefinedIn(Path.Combine(output, "Learners.Spec.dll"));
        Assert.Contains("IblDataManager.IblDataManagerEndpoints", libraryTypes);
        Assert.Contains("IblCodegen.Server.RequestReader", libraryTypes);
        Assert.DoesNotContain(TypesDefinedIn(Path.Combine(output, "Learners.dll")), name => name.StartsWith("IblCodegen.Server.", StringComparison.Ordinal));

        // As a new user starts it: `dotnet run`, whose launch profile sets Development (only the port is ours).
        var port = FreePort();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", ["run", "--no-build", "--", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        using var service = System.Diagnostics.Process.Start(start)!;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            client.DefaultRequestHeaders.Add("Authorization", "Api-Key dev-key");
            var response = await WaitForServiceAsync(client, "/api/catalog/suggestions/course/manage/group/?platform_key=acme");
            Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Contains("GetSuggestionsCourseManageGroupAsync", problem.GetProperty("detail").GetString());

            // Checked like any generated endpoint: a bad request never reaches the stub.
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/catalog/suggestions/course/manage/group/")).StatusCode);
            using var anonymous = new HttpClient { BaseAddress = client.BaseAddress };
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/catalog/suggestions/course/manage/group/?platform_key=acme")).StatusCode);

            // The OpenAPI document and the page to try the endpoints, in Development.
            var document = await anonymous.GetAsync("/openapi/v1.json");
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
            // The spec's own document, cut to the service's tag: paths as the spec writes them, its security schemes.
            var text = await document.Content.ReadAsStringAsync();
            Assert.Contains("\"/api/catalog/suggestions/course/manage/group/\"", text, StringComparison.Ordinal);
            Assert.Contains("\"securitySchemes\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"/api/audience/", text, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/docs")).StatusCode);
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            service.WaitForExit();
        }
    }

    /// <summary>The types an assembly defines, namespace and name, read from its metadata.</summary>
    private static List<string> TypesDefinedIn(string assembly)
    {
        using var reader = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly));
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
        return metadata.TypeDefinitions
            .Select(handle => metadata.GetTypeDefinition(handle))
            .Select(type => metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name))
            .ToList();
    }

    [Fact]
    public void The_template_defaults_to_the_version_this_repository_packs()
    {
        var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(PackageFeed.RepoRoot, "src/IblCodegen.Templates/templates/ibl-service/.template.config/template.json")));
        var templateDefault = template.RootElement.GetProperty("symbols").GetProperty("codegenVersion").GetProperty("defaultValue").GetString();
        var props = XDocument.Load(Path.Combine(PackageFeed.RepoRoot, "Directory.Build.props"));
        var version = props.Descendants().Single(e => e.Name.LocalName == "Version").Value;
        Assert.Equal(version, templateDefault);
    }

    private void WriteProject(string folder, string? specItem, string properties = "", string itemMetadata = "")
    {
        var spec = specItem is null ? string.Empty : $"""<ItemGroup><IblOpenApiSpec Include="{specItem}" Namespace="IblDataManager" {itemMetadata} /></ItemGroup>""";
        var assemblyName = Path.GetFileName(folder);
        File.WriteAllText(Path.Combine(folder, assemblyName + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="IblCodegen" Version="{feed.Version}" />
              </ItemGroup>
              {spec}
            </Project>
            """);
    }

    private void AssertBuilds(string folder) => Check(feed.Build(folder));

    private static void Check((int ExitCode, string Output) result) =>
        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}:\n{Tail(result.Output)}");

    private static string RunConsumer(string folder, params string[] arguments)
    {
        var dll = Path.Combine(folder, "bin", "Debug", "net10.0", Path.GetFileName(folder) + ".dll");
        var (exitCode, output) = PackageFeed.Dotnet(folder, [dll, .. arguments]);
        Assert.True(exitCode == 0, output);
        return output.Trim();
    }

    private static async Task<HttpResponseMessage> WaitForServiceAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await client.GetAsync(path);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string output) => output.Length <= 6000 ? output : output[^6000..];
}
