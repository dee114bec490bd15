using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>
/// The layout for big specs: a class library generates the spec's models, JSON context and client; a service
/// references it and, with <c>Generate="Server"</c> on its spec item, generates its endpoints alone, against the
/// library's types. Judged by the compiler on two real compilations, the library emitted and referenced as an assembly.
/// </summary>
public sealed class TwoProjectLayoutTests
{
    internal static readonly Dictionary<string, string> ServerOnly = new() { ["IblCodegenGenerate"] = "Server" };

    /// <summary>The project spec's handlers as written by hand, all of them, as the server tests compile them.</summary>
    private static readonly string HandWritten = ServerGenerationTests.HandWrittenHandlers("[IblCodegen.OpenApiHandlers]", _ => true);

    private static readonly Lazy<MetadataReference> ProjectLibrary = new(() => Library(RepoPaths.ProjectSpec, null));

    [Fact]
    public void A_service_generates_its_endpoints_alone_against_the_library_types()
    {
        var service = Service(TestAdditionalText.FromFile(RepoPaths.ProjectSpec), ServerOnly, ProjectLibrary.Value, HandWritten);
        service.AssertNoCrash();
        Assert.Empty(service.GeneratorDiagnostics);
        Assert.Empty(service.CompileProblems());

        // Nothing of the library's is declared again: the handler file and what every web project gets.
        var names = service.Sources.Select(s => s.HintName).ToList();
        Assert.Contains("IblDataManager.Handlers.Service.Handlers.g.cs", names);
        Assert.DoesNotContain(names, name => name.StartsWith("IblDataManager.", StringComparison.Ordinal) && !name.StartsWith("IblDataManager.Handlers.", StringComparison.Ordinal));
        service.AssertRerunIsCached();
    }

    [Fact]
    public void Without_the_library_the_spec_item_says_what_is_missing()
    {
        var service = Service(TestAdditionalText.FromFile(RepoPaths.ProjectSpec), ServerOnly, null, HandWritten);
        var error = Assert.Single(service.GeneratorDiagnostics, d => d.Id == "IBL0013");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("no referenced assembly declares IblDataManager.IblDataManagerJsonContext", error.GetMessage());
        Assert.EndsWith("ibl-data-manager.yaml", error.Location.GetLineSpan().Path);
    }

    [Fact]
    public void A_library_of_another_version_is_a_warning()
    {
        var text = File.ReadAllText(RepoPaths.ProjectSpec);
        var version = YamlVersion(text);
        var older = Library(RepoPaths.ProjectSpec, text.Replace($"version: {version}", "version: 0.0.1-old", StringComparison.Ordinal));
        var service = Service(TestAdditionalText.FromFile(RepoPaths.ProjectSpec), ServerOnly, older, HandWritten);
        var warning = Assert.Single(service.GeneratorDiagnostics);
        Assert.Equal("IBL0014", warning.Id);
        Assert.Contains("was generated from version 0.0.1-old", warning.GetMessage());
    }

    [Fact]
    public void An_unknown_Generate_value_is_a_warning_and_everything_is_generated()
    {
        var run = GeneratorHarness.Run([TestAdditionalText.FromFile(RepoPaths.ProjectSpec)], new Dictionary<string, string> { ["IblCodegenGenerate"] = "Sever" });
        var warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0015", warning.Id);
        Assert.Contains(run.Sources, s => s.HintName == "IblDataManager.JsonContext.g.cs");
    }

    [Fact]
    public void A_handler_taking_a_library_enum_or_union_that_may_be_null_is_no_near_miss()
    {
        // The library's value types exist when the service's handlers are read (they do not, when one project
        // generates both): their '?' must not make a handler's signature look wrong.
        const string Spec = """
            openapi: 3.0.3
            info: { title: shop, version: '1' }
            paths:
              /items:
                get:
                  operationId: list_items
                  parameters:
                    - { name: color, in: query, schema: { $ref: '#/components/schemas/Color' } }
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Item' } } } }
            components:
              schemas:
                Color: { type: string, enum: [red, blue] }
                Item:
                  type: object
                  properties:
                    id: { oneOf: [{ type: string }, { type: integer }] }
                    color: { $ref: '#/components/schemas/Color' }
            """;
        var library = LibraryFrom(new TestAdditionalText("/specs/shop.yaml", Spec));
        const string Handlers = """
            namespace Service;
            using Shop;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Http.HttpResults;

            /// <summary>The handlers.</summary>
            [IblCodegen.OpenApiHandlers]
            public sealed partial class Handlers
            {
                /// <summary>Lists the items.</summary>
                public partial System.Threading.Tasks.Task<Results<Ok<Item>, ProblemHttpResult>> ListItemsAsync(Color? color, System.Threading.CancellationToken cancellationToken) =>
                    System.Threading.Tasks.Task.FromResult<Results<Ok<Item>, ProblemHttpResult>>(TypedResults.Ok(new Item { Id = 7, Color = color }));
            }
            """;
        var service = Service(new TestAdditionalText("/specs/shop.yaml", Spec), ServerOnly, library, Handlers);
        Assert.Empty(service.GeneratorDiagnostics);
        Assert.Empty(service.CompileProblems());
    }

    [PublishedSpecFact]
    public void A_catalog_service_compiles_against_an_endpoint_library_of_the_whole_published_spec()
    {
        var library = EndpointLibraryImage(TestAdditionalText.FromFile(RepoPaths.PublishedSpec));
        var service = Service(
            TestAdditionalText.FromFile(RepoPaths.PublishedSpec),
            new Dictionary<string, string> { ["IblCodegenGenerate"] = "Server", ["IblCodegenTags"] = "catalog" },
            MetadataReference.CreateFromImage(library),
            "namespace Service;\n/// <summary>The handlers.</summary>\n[IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]\npublic partial class Handlers { }");
        service.AssertNoCrash();
        Assert.DoesNotContain(service.GeneratorDiagnostics, d => d.Id != "IBL0105");
        var problems = service.CompileProblems().Where(d => d.Id != "IBL0105").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        var handlers = Assert.Single(service.Sources, s => s.HintName.Contains(".Handlers.", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Equal(165, handlers.Split("global::IblDataManager.IblDataManagerEndpoints.Map").Length - 1);
        Assert.DoesNotContain("RequestReader", handlers, StringComparison.Ordinal);
    }

    [PublishedSpecFact]
    public void A_catalog_service_compiles_against_a_library_of_the_whole_published_spec()
    {
        var library = Library(RepoPaths.PublishedSpec, null);
        var service = Service(
            TestAdditionalText.FromFile(RepoPaths.PublishedSpec),
            new Dictionary<string, string> { ["IblCodegenGenerate"] = "Server", ["IblCodegenTags"] = "catalog" },
            library,
            "namespace Service;\n/// <summary>The handlers.</summary>\n[IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]\npublic partial class Handlers { }");
        service.AssertNoCrash();
        Assert.DoesNotContain(service.GeneratorDiagnostics, d => d.Id != "IBL0105");
        var problems = service.CompileProblems().Where(d => d.Id != "IBL0105").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        Assert.DoesNotContain(service.Sources, s => s.HintName.Contains(".Models.", StringComparison.Ordinal) || s.HintName.EndsWith(".JsonContext.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_service_against_an_endpoint_library_maps_the_library_endpoints_and_compiles_none_of_its_own()
    {
        var library = EndpointLibraryFrom(TestAdditionalText.FromFile(RepoPaths.ProjectSpec), out var libraryRun);
        var service = Service(TestAdditionalText.FromFile(RepoPaths.ProjectSpec), ServerOnly, library, HandWritten);
        service.AssertNoCrash();
        Assert.Empty(service.GeneratorDiagnostics);
        Assert.Empty(service.CompileProblems());

        // The library holds the request reading and the runtime, public; the service, its handlers and one call each.
        var names = service.Sources.Select(s => s.HintName).ToList();
        Assert.DoesNotContain("IblCodegen.Server.Runtime.g.cs", names);
        var handlers = service.Source("IblDataManager.Handlers.Service.Handlers.g.cs");
        Assert.DoesNotContain("RequestReader", handlers, StringComparison.Ordinal);
        Assert.Contains("global::IblDataManager.IblDataManagerEndpoints.MapGetSuggestionsCourseManageGroup(group, handlersFor);", handlers, StringComparison.Ordinal);
        Assert.Contains("public static class Endpoints", libraryRun.Source("IblCodegen.Server.Runtime.g.cs"), StringComparison.Ordinal);
        Snapshot.MatchFolder("ProjectSpecEndpointLibrary", libraryRun.Sources
            .Where(s => s.HintName.Contains(".Endpoints", StringComparison.Ordinal))
            .Concat(service.Sources.Where(s => s.HintName.Contains(".Handlers.", StringComparison.Ordinal)))
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString()));
        service.AssertRerunIsCached();
        libraryRun.AssertRerunIsCached();
    }

    [Fact]
    public void Operations_the_endpoint_library_does_not_hold_are_one_error_at_the_handler_class_and_are_not_mapped()
    {
        // The library holds the catalog tag alone; the service selects every operation of the spec.
        var libraryRun = GeneratorHarness.Run([TestAdditionalText.FromFile(RepoPaths.ProjectSpec)], new Dictionary<string, string> { ["IblCodegenGenerate"] = "Library", ["IblCodegenTags"] = "catalog" }, web: true);
        var library = MetadataReference.CreateFromImage(CheckedImage(libraryRun));
        var held = libraryRun.Sources.Where(s => s.HintName.Contains(".Endpoints.", StringComparison.Ordinal))
            .Sum(s => s.SourceText.ToString().Split("public static global::Microsoft.AspNetCore.Builder.IEndpointConventionBuilder Map").Length - 1);
        Assert.Equal(7, held);

        // Handlers written for every operation: the error at the class; the compiler's own errors, about the handlers
        // of those operations (their types are not in the library either), at the service's code, none in generated
        // code.
        var written = Service(TestAdditionalText.FromFile(RepoPaths.ProjectSpec), ServerOnly, library, HandWritten);
        written.AssertNoCrash();
        var error = Assert.Single(written.GeneratorDiagnostics);
        Assert.Equal("IBL0110", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("Handlers", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Contains("'analytics_time_spent_user_retrieve'", error.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("IblDataManager.IblDataManagerEndpoints", error.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("catalog_", error.GetMessage(), StringComparison.Ordinal);
        Assert.NotEmpty(written.CompileProblems());
        Assert.All(written.CompileProblems(), problem => Assert.Equal(written.Input.SyntaxTrees.Single(), problem.Location.SourceTree));
        var handlers = written.Source("IblDataManager.Handlers.Service.Handlers.g.cs");
        Assert.Equal(held, handlers.Split("global::IblDataManager.IblDataManagerEndpoints.Map").Length - 1);
        Assert.DoesNotContain("TimeSpent", handlers, StringComparison.Ordinal);
        written.AssertRerunIsCached();

        // Nothing written yet, stubs asked for: the error, and a 501 warning for the catalog operations alone.
        var stubbed = Service(TestAdditionalText.FromFile(RepoPaths.ProjectSpec), ServerOnly, library,
            "namespace Service;\n/// <summary>The handlers.</summary>\n[IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]\npublic partial class Handlers { }");
        Assert.Single(stubbed.GeneratorDiagnostics, d => d.Id == "IBL0110");
        var stubs = stubbed.GeneratorDiagnostics.Where(d => d.Id == "IBL0105").ToList();
        Assert.Equal(held, stubs.Count);
        Assert.All(stubs, stub => Assert.StartsWith("Operation 'catalog_", stub.GetMessage(), StringComparison.Ordinal));
        Assert.DoesNotContain(stubbed.CompileProblems(), d => d.Id != "IBL0105");
    }

    [Fact]
    public void An_endpoint_library_without_aspnetcore_says_so_and_generates_the_rest()
    {
        var run = GeneratorHarness.Run([TestAdditionalText.FromFile(RepoPaths.ProjectSpec)], EndpointLibrary);
        var warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0016", warning.Id);
        Assert.Contains("Microsoft.AspNetCore.App", warning.GetMessage());
        Assert.Contains(run.Sources, s => s.HintName == "IblDataManager.JsonContext.g.cs");
        Assert.DoesNotContain(run.Sources, s => s.HintName.Contains(".Endpoints", StringComparison.Ordinal) || s.HintName == "IblCodegen.Server.Runtime.g.cs");
        Assert.Empty(run.CompileProblems());
    }

    /// <summary>
    /// The endpoints of an endpoint library, mapped by a service that references it as an assembly, answering real
    /// HTTP requests on 127.0.0.1: statuses and JSON as a client sees them, for handlers written here, a stub, bad
    /// requests and callers without credentials or permission.
    /// </summary>
    [Fact]
    public async Task A_service_mapping_an_endpoint_library_answers_over_http()
    {
        const string Spec = """
            openapi: 3.0.3
            info: { title: shop, version: '1' }
            security: [ { key: [] } ]
            paths:
              /items/{id}:
                get:
                  operationId: get_item
                  tags: [items]
                  x-ibl-permissions: [IsClerk]
                  parameters:
                    - { name: id, in: path, required: true, schema: { type: integer } }
                    - { name: color, in: query, schema: { $ref: '#/components/schemas/Color' } }
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Item' } } } }
              /items:
                post:
                  operationId: create_item
                  tags: [items]
                  x-ibl-permissions: [IsClerk]
                  requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/Item' } } } }
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Item' } } } }
              /stock:
                get:
                  operationId: get_stock
                  tags: [stock]
                  x-ibl-permissions: [IsClerk]
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { type: integer } } } }
            components:
              securitySchemes:
                key: { type: apiKey, in: header, name: Authorization }
              schemas:
                Color: { type: string, enum: [red, blue] }
                Item:
                  type: object
                  required: [name]
                  properties:
                    id: { type: integer }
                    name: { type: string }
                    color: { $ref: '#/components/schemas/Color' }
            """;
        var spec = new TestAdditionalText("/specs/shop.yaml", Spec);
        var libraryImage = EndpointLibraryImage(spec);
        const string Handlers = """
            namespace Service;
            using System.Threading;
            using System.Threading.Tasks;
            using Shop;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Http.HttpResults;

            /// <summary>The handlers: two written, the stock left to its stub.</summary>
            [IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]
            public sealed partial class Handlers
            {
                public partial Task<Results<Ok<Item>, ProblemHttpResult>> GetItemAsync(int id, Color? color, CancellationToken cancellationToken) =>
                    Task.FromResult<Results<Ok<Item>, ProblemHttpResult>>(TypedResults.Ok(new Item { Id = id, Name = "item " + id, Color = color }));

                public partial Task<Results<Ok<Item>, ProblemHttpResult>> CreateItemAsync(Item body, CancellationToken cancellationToken) =>
                    Task.FromResult<Results<Ok<Item>, ProblemHttpResult>>(TypedResults.Ok(new Item { Id = 1, Name = body.Name + " (" + HttpContext.Request.Method + ")" }));
            }
            """;
        const string Host = """
            namespace Service;
            using System.Net.Http;
            using System.Threading.Tasks;
            using IblCodegen.Server;
            using Microsoft.Extensions.DependencyInjection;

            /// <summary>The service, with two keys: a clerk's and a visitor's.</summary>
            public static class Host
            {
                /// <summary>Status and body of each request.</summary>
                public static async Task<string[]> RunAsync(HttpRequestMessage[] requests)
                {
                    var builder = Loopback.Server.CreateBuilder("clerk", "visitor");
                    builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, Shop.ShopJsonContext.Default));
                    builder.Services.AddIblPermissions(permissions => permissions.Define("IsClerk", (user, _) => user.Identity?.Name == "clerk"));
                    await using var app = Loopback.Server.Build(builder);
                    Handlers.MapEndpoints(app);
                    return await Loopback.Server.AnswerAsync(app, requests);
                }
            }
            """;
        var service = Service(spec, ServerOnly, MetadataReference.CreateFromImage(libraryImage), Handlers, Host, LoopbackSource.Code);
        Assert.DoesNotContain(service.GeneratorDiagnostics, d => d.Id != "IBL0105");
        var problems = service.CompileProblems().Where(d => d.Id != "IBL0105").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        Assert.DoesNotContain(service.Sources, s => s.HintName == "IblCodegen.Server.Runtime.g.cs");

        using var image = new MemoryStream();
        Assert.True(service.Output.Emit(image).Success);
        var context = new System.Runtime.Loader.AssemblyLoadContext("EndpointLibraryService", isCollectible: true);
        try
        {
            var libraryAssembly = context.LoadFromStream(new MemoryStream(libraryImage));
            context.Resolving += (_, name) => name.Name == libraryAssembly.GetName().Name ? libraryAssembly : null;
            image.Position = 0;
            var run = context.LoadFromStream(image).GetType("Service.Host")!.GetMethod("RunAsync")!;
            HttpRequestMessage[] requests =
            [
                LoopbackSource.Request("GET", "/items/7?color=red", key: "clerk"),
                LoopbackSource.Request("GET", "/items/seven?color=green", key: "clerk"),
                LoopbackSource.Request("GET", "/items/7"),
                LoopbackSource.Request("GET", "/items/7", key: "visitor"),
                LoopbackSource.Request("POST", "/items", key: "clerk", json: """{"name":"pen"}"""),
                LoopbackSource.Request("POST", "/items", key: "clerk", json: """{"color":"red"}"""),
                LoopbackSource.Request("GET", "/stock", key: "clerk"),
            ];
            var answers = await (Task<string[]>)run.Invoke(null, [requests])!;

            Assert.Equal("""200 {"id":7,"name":"item 7","color":"red"}""", answers[0]);
            var badRequest = System.Text.Json.JsonDocument.Parse(answers[1][4..]).RootElement;
            Assert.StartsWith("400 ", answers[1], StringComparison.Ordinal);
            Assert.Equal(["color", "id"], badRequest.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.StartsWith("401 ", answers[2], StringComparison.Ordinal);
            Assert.StartsWith("403 ", answers[3], StringComparison.Ordinal);
            Assert.Equal("""200 {"id":1,"name":"pen (POST)"}""", answers[4]);
            Assert.StartsWith("400 ", answers[5], StringComparison.Ordinal);
            Assert.StartsWith("501 ", answers[6], StringComparison.Ordinal);
            Assert.Contains("GetStockAsync", answers[6], StringComparison.Ordinal);
        }
        finally
        {
            context.Unload();
        }
    }

    private static readonly Dictionary<string, string> EndpointLibrary = new() { ["IblCodegenGenerate"] = "Library" };

    /// <summary>An endpoint library (<c>Generate="Library"</c>, ASP.NET Core referenced), emitted as an assembly.</summary>
    private static MetadataReference EndpointLibraryFrom(TestAdditionalText spec, out GeneratorRun run)
    {
        run = RunEndpointLibrary(spec);
        return MetadataReference.CreateFromImage(CheckedImage(run));
    }

    internal static byte[] EndpointLibraryImage(TestAdditionalText spec, bool warningsAllowed = false) =>
        CheckedImage(RunEndpointLibrary(spec), warningsAllowed);

    private static GeneratorRun RunEndpointLibrary(TestAdditionalText spec) => GeneratorHarness.Run([spec], EndpointLibrary, web: true);

    /// <summary>The library's assembly, once neither the generator nor the compiler has found anything wrong with it.</summary>
    private static byte[] CheckedImage(GeneratorRun run, bool warningsAllowed = false)
    {
        run.AssertNoCrash();
        Assert.Empty(run.GeneratorDiagnostics.Where(d => !warningsAllowed || d.DefaultSeverity == DiagnosticSeverity.Error));
        var problems = run.CompileProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        return Image(run);
    }

    /// <summary>A class library generating a spec's models, JSON context and client, emitted as an assembly.</summary>
    private static MetadataReference Library(string path, string? text) =>
        LibraryFrom(text is null ? TestAdditionalText.FromFile(path) : new TestAdditionalText(path, text));

    private static MetadataReference LibraryFrom(TestAdditionalText spec) => MetadataReference.CreateFromImage(Image(GeneratorHarness.Run(spec)));

    /// <summary>A generated library emitted as the assembly "SpecLibrary".</summary>
    private static byte[] Image(GeneratorRun run)
    {
        run.AssertNoCrash();
        using var stream = new MemoryStream();
        var result = run.Output.WithAssemblyName("SpecLibrary").Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Take(20)));
        return stream.ToArray();
    }

    /// <summary>A web project referencing <paramref name="library"/> (when given), with the spec item's metadata.</summary>
    internal static GeneratorRun Service(TestAdditionalText spec, IReadOnlyDictionary<string, string> metadata, MetadataReference? library, params string[] sources)
    {
        var compilation = GeneratorHarness.CreateCompilation(web: true, sources);
        if (library is not null)
        {
            compilation = compilation.AddReferences(library);
        }

        var driver = GeneratorHarness.CreateDriver([spec], metadata).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        return new GeneratorRun(driver, driver.GetRunResult(), compilation, output, driverDiagnostics);
    }

    private static string YamlVersion(string yaml) =>
        yaml.Split('\n').Select(line => line.Trim()).First(line => line.StartsWith("version:", StringComparison.Ordinal))["version:".Length..].Trim();
}
