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
    private static readonly Dictionary<string, string> ServerOnly = new() { ["IblCodegenGenerate"] = "Server" };

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

    /// <summary>A class library generating a spec's models, JSON context and client, emitted as an assembly.</summary>
    private static MetadataReference Library(string path, string? text) =>
        LibraryFrom(text is null ? TestAdditionalText.FromFile(path) : new TestAdditionalText(path, text));

    private static MetadataReference LibraryFrom(TestAdditionalText spec)
    {
        var run = GeneratorHarness.Run(spec);
        run.AssertNoCrash();
        var library = run.Output.WithAssemblyName("SpecLibrary");
        using var stream = new MemoryStream();
        var result = library.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Take(20)));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    /// <summary>A web project referencing <paramref name="library"/> (when given), with the spec item's metadata.</summary>
    private static GeneratorRun Service(TestAdditionalText spec, IReadOnlyDictionary<string, string> metadata, MetadataReference? library, params string[] sources)
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
