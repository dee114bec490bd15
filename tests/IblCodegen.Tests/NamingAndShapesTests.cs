using System.Reflection;
using System.Text.Json;
using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>
/// Awkward names and schema shapes: everything becomes a C#-safe, unique name, and the result compiles and
/// serializes. One spec holds them all, so the compile check covers their combination too.
/// </summary>
public sealed class NamingAndShapesTests
{
    private const string Spec = """
        openapi: 3.0.3
        info:
          title: shapes.test-api
          version: 2.0.0
        paths: {}
        components:
          schemas:
            class:
              type: object
              properties:
                namespace: { type: string }
                class: { type: string }
                1st: { type: integer }
            1st-thing:
              type: object
              properties:
                value: { type: string }
            my.dotted-name:
              type: object
              properties:
                foo_bar: { type: string }
                fooBar: { type: string }
                FOO-BAR: { type: string }
                '@type': { type: string }
                ToString: { type: string }
                my_dotted_name: { type: string }
            foo_bar:
              type: object
              properties:
                a: { type: string }
            FooBar:
              type: object
              properties:
                b: { type: string }
            Page:
              type: object
              properties:
                number: { type: integer }
            Status:
              type: string
              enum: [active, '', in-review, IN_REVIEW, Value, 3d]
            BlankEnum:
              enum: ['']
            NullEnum:
              enum: [null]
            Widget:
              type: object
              required: [id, status, parts, owner]
              properties:
                id: { type: string, format: uuid }
                status:
                  nullable: true
                  oneOf:
                    - $ref: '#/components/schemas/Status'
                    - $ref: '#/components/schemas/BlankEnum'
                    - $ref: '#/components/schemas/NullEnum'
                owner:
                  nullable: true
                  allOf:
                    - $ref: '#/components/schemas/class'
                parts:
                  type: array
                  items:
                    type: object
                    required: [name]
                    properties:
                      name: { type: string }
                      weight: { type: number, format: float }
                settings:
                  type: object
                  properties:
                    mode: { type: string, enum: [fast, slow] }
                created: { type: string, format: date-time, readOnly: true }
                day: { type: string, format: date }
                big: { type: integer, format: int64 }
                price: { type: string, format: decimal }
                extra: { type: object }
                tags:
                  type: object
                  additionalProperties: { type: string }
                anything: {}
            Node:
              type: object
              properties:
                children:
                  type: array
                  items: { $ref: '#/components/schemas/Node' }
                partner: { $ref: '#/components/schemas/Partner' }
            Partner:
              type: object
              properties:
                node: { $ref: '#/components/schemas/Node' }
            Animal:
              type: object
              required: [name]
              properties:
                name: { type: string }
            Dog:
              allOf:
                - $ref: '#/components/schemas/Animal'
                - type: object
                  properties:
                    name: { type: string }
                    barks: { type: boolean }
            PagedWidgets:
              type: object
              required: [count, results, next, previous, facets]
              properties:
                count: { type: integer }
                next: { type: string, nullable: true }
                previous: { type: string, nullable: true }
                results:
                  type: array
                  items: { $ref: '#/components/schemas/Widget' }
                facets:
                  type: object
                  additionalProperties: { type: integer }
            NumberedWidgets:
              type: object
              properties:
                count: { type: integer }
                next_page: { type: integer, nullable: true }
                previous_page: { type: integer, nullable: true }
                results:
                  type: array
                  items: { $ref: '#/components/schemas/Widget' }
                total_pages: { type: integer }
            SentWidgetPage:
              type: object
              required: [count, next_page, previous_page, results]
              properties:
                next_page: { type: string }
                previous_page: { type: string }
                results:
                  type: array
                  items: { $ref: '#/components/schemas/Widget' }
                  readOnly: true
                count: { type: integer, readOnly: true }
            Catalog:
              type: object
              properties:
                widgets: { $ref: '#/components/schemas/PlainWidgetPage' }
            PlainWidgetPage:
              type: object
              properties:
                count: { type: integer }
                next: { type: string, nullable: true }
                previous: { type: string, nullable: true }
                results:
                  type: array
                  items: { $ref: '#/components/schemas/Widget' }
        """;

    private static readonly Lazy<GeneratorRun> Run = new(() => GeneratorHarness.Run(new TestAdditionalText("/specs/shapes.yaml", Spec)));

    private static readonly Lazy<Assembly> Generated = new(() => GeneratedAssembly.Load(Run.Value));

    [Fact]
    public void Compiles_without_errors_or_warnings_and_reports_nothing()
    {
        var problems = Run.Value.CompileProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(Run.Value.GeneratorDiagnostics);
    }

    [Theory]
    [InlineData("Class")]
    [InlineData("_1stThing")]
    [InlineData("MyDottedName")]
    [InlineData("FooBar")]
    [InlineData("FooBar2")]
    [InlineData("Page2")]
    [InlineData("WidgetPartsItem")]
    [InlineData("WidgetSettings")]
    [InlineData("WidgetSettingsMode")]
    public void Every_name_becomes_a_unique_csharp_name(string typeName)
    {
        Assert.NotNull(Generated.Value.GetType("Shapes.TestApi." + typeName));
    }

    [Fact]
    public void Properties_get_safe_unique_names()
    {
        var dotted = Type("MyDottedName");
        Assert.Equal(
            ["FooBar", "FooBar2", "FooBar3", "Type", "ToStringValue", "MyDottedNameValue"],
            dotted.GetProperties().Select(p => p.Name));
        Assert.Equal(["Namespace", "ClassValue", "_1st"], Type("Class").GetProperties().Select(p => p.Name));
    }

    [Fact]
    public void Nullability_follows_required_and_nullable()
    {
        var widget = Type("Widget");
        var context = new NullabilityInfoContext();
        Assert.Equal(NullabilityState.Nullable, context.Create(widget.GetProperty("Owner")!).ReadState);
        Assert.Equal(typeof(Guid), widget.GetProperty("Id")!.PropertyType);
        Assert.Equal(typeof(DateTimeOffset?), widget.GetProperty("Created")!.PropertyType);
        Assert.Equal(typeof(DateOnly?), widget.GetProperty("Day")!.PropertyType);
        Assert.Equal(typeof(long?), widget.GetProperty("Big")!.PropertyType);
        Assert.Equal(typeof(JsonElement?), widget.GetProperty("Extra")!.PropertyType);
        Assert.Equal(typeof(IReadOnlyDictionary<string, string>), widget.GetProperty("Tags")!.PropertyType);
        Assert.Equal(typeof(Nullable<>).MakeGenericType(Type("Status")), widget.GetProperty("Status")!.PropertyType);
        Assert.NotNull(widget.GetProperty("Parts")!.GetCustomAttributes().SingleOrDefault(a => a.GetType().Name == "RequiredMemberAttribute"));
        Assert.Null(widget.GetProperty("Created")!.GetCustomAttributes().SingleOrDefault(a => a.GetType().Name == "RequiredMemberAttribute"));
    }

    [Fact]
    public void Enum_values_get_names_and_unknown_values_survive()
    {
        var status = Type("Status");
        Assert.Equal(
            ["Active", "Empty", "InReview", "InReview2", "Value2", "_3d"],
            status.GetProperties(BindingFlags.Public | BindingFlags.Static).Select(p => p.Name));

        var widgetJson = """{ "id": "6f9619ff-8b86-d011-b42d-00cf4fc964ff", "status": "archived", "owner": null, "parts": [] }""";
        var widget = SerializationRoundTripTests.RoundTrip(Type("Widget"), widgetJson, JsonOptions.Value);
        var value = widget.Get("Status")!;
        Assert.Equal("archived", value.ToString());
        Assert.False((bool)value.Get("IsKnown")!);
    }

    [Fact]
    public void Recursive_and_mutually_recursive_schemas_refer_to_each_other()
    {
        Assert.Equal(typeof(IReadOnlyList<>).MakeGenericType(Type("Node")), Type("Node").GetProperty("Children")!.PropertyType);
        Assert.Equal(Type("Node"), Type("Partner").GetProperty("Node")!.PropertyType);
    }

    [Fact]
    public void AllOf_with_a_reference_inherits_without_repeating_members()
    {
        var dog = Type("Dog");
        Assert.Equal(Type("Animal"), dog.BaseType);
        Assert.Equal(["Barks"], dog.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(p => p.Name));
    }

    [Fact]
    public void Paginated_schemas_use_the_envelope_and_extras_extend_it()
    {
        var page = Generated.Value.GetRequiredType("Shapes.TestApi.Page`1");
        Assert.Null(Generated.Value.GetType("Shapes.TestApi.PlainWidgetPage"));
        Assert.Equal(page.MakeGenericType(Type("Widget")), Type("Catalog").GetProperty("Widgets")!.PropertyType);
        Assert.Equal(page.MakeGenericType(Type("Widget")), Type("PagedWidgets").BaseType);
        Assert.Equal(["Facets"], Type("PagedWidgets").GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(p => p.Name));

        var numbered = SerializationRoundTripTests.RoundTrip(
            Type("NumberedWidgets"), """{ "count": 30, "next_page": 3, "previous_page": 1, "results": [], "total_pages": 3 }""", JsonOptions.Value);
        Assert.Equal("3", numbered.Get("Next"));
        var fresh = Activator.CreateInstance(Type("NumberedWidgets"));
        Assert.Equal("NextPagePreviousPageNumbers", fresh!.Get("LinkStyle")!.ToString());

        // count and results read-only (as the published spec's PaginatedSkill, a request body too): a class whose
        // read-only members are optional, so a request without them reads.
        Assert.Equal(typeof(object), Type("SentWidgetPage").BaseType);
        var sent = SerializationRoundTripTests.RoundTrip(Type("SentWidgetPage"), """{ "next_page": "b", "previous_page": "a" }""", JsonOptions.Value);
        Assert.Null(sent.Get("Count"));
        Assert.Null(sent.Get("Results"));
    }

    [Fact]
    public void Spec_title_and_version_are_constants()
    {
        var info = Generated.Value.GetRequiredType("Shapes.TestApi.ShapesTestApiSpec");
        Assert.Equal("shapes.test-api", info.GetField("Title")!.GetValue(null));
        Assert.Equal("2.0.0", info.GetField("Version")!.GetValue(null));
    }

    [Fact]
    public void The_namespace_can_be_set_per_spec()
    {
        var run = GeneratorHarness.Run([new TestAdditionalText("/specs/shapes.yaml", Spec)], new Dictionary<string, string> { ["IblCodegenNamespace"] = "Contoso.Shapes" });
        Assert.Contains("namespace Contoso.Shapes;", run.Source("Shapes.Models.W.g.cs"));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        // Another folder, so that the spec is parsed again rather than found among the parsed ones (SpecResultCache).
        var again = GeneratorHarness.Run(new TestAdditionalText("/specs/again/shapes.yaml", Spec));
        Assert.Equal(
            Run.Value.Sources.Select(s => (s.HintName, s.SourceText.ToString())),
            again.Sources.Select(s => (s.HintName, s.SourceText.ToString())));
        Assert.All(again.Sources, s => Assert.DoesNotContain("\r", s.SourceText.ToString()));
    }

    private static readonly Lazy<System.Text.Json.JsonSerializerOptions> JsonOptions =
        new(() => Generated.Value.GeneratedJsonOptions("Shapes.TestApi.ShapesTestApiJsonContext"));

    private static Type Type(string name) => Generated.Value.GetRequiredType("Shapes.TestApi." + name);
}
