using System.Text.Json.Nodes;
using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IblCodegen.Tests;

/// <summary>
/// <c>ServeDocument="true"</c>: the spec's own document as a constant, for the operations the project selects and the
/// components they reach. (That the sample serves exactly the spec is checked over HTTP in the sample's tests.)
/// </summary>
public sealed class SpecDocumentTests
{
    private static readonly TestAdditionalText ProjectSpec = TestAdditionalText.FromFile(RepoPaths.ProjectSpec);

    [Fact]
    public void Only_a_spec_that_asks_gets_its_document()
    {
        var run = GeneratorHarness.Run([ProjectSpec], null, web: true);
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".OpenApiDocument.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_selection_keeps_its_operations_and_the_components_they_reach()
    {
        var run = GeneratorHarness.Run(
            [ProjectSpec],
            new Dictionary<string, string> { [OpenApiGenerator.ServeDocumentMetadata] = "true", [OpenApiGenerator.TagsMetadata] = "audience" },
            web: true,
            "namespace Consumer; internal static class Use { public static int Length => IblDataManager.IblDataManagerOpenApiDocument.Json.Length; }");
        Assert.Empty(run.CompileProblems());
        var document = Document(run.Source("IblDataManager.OpenApiDocument.g.cs"));

        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Where(m => m.Value?["operationId"] is not null).Select(m => (string?)m.Value!["operationId"])).Order();
        Assert.Equal(["audience_orgs_active_users_over_time_retrieve", "audience_orgs_active_users_per_course_retrieve"], operations);
        var schemas = document["components"]!["schemas"]!.AsObject().Select(s => s.Key).ToList();
        Assert.Contains("OvertimeWithChangeInfo", schemas);
        Assert.Contains("OvertimeMeta", schemas);                 // reached through OvertimeWithChangeInfo
        Assert.DoesNotContain("CourseGroupSuggestionDetail", schemas); // catalog only
        Assert.NotNull(document["components"]!["securitySchemes"]);
        Assert.Equal("ibl-data-manager", (string?)document["info"]!["title"]);
    }

    [Fact]
    public void Without_a_selection_the_document_is_the_whole_spec()
    {
        var run = GeneratorHarness.Run([ProjectSpec], new Dictionary<string, string> { [OpenApiGenerator.ServeDocumentMetadata] = "true" }, web: true);
        var document = Document(run.Source("IblDataManager.OpenApiDocument.g.cs"));
        Assert.Equal(6, document["paths"]!.AsObject().Count);   // the project spec's six paths, ten operations
    }

    /// <summary>The constant's value, read back from the generated syntax: a literal, so spec text stays data.</summary>
    private static JsonObject Document(string source)
    {
        var literal = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<VariableDeclaratorSyntax>()
            .Single(v => v.Identifier.Text == "Json").Initializer!.Value;
        return JsonNode.Parse(((LiteralExpressionSyntax)literal).Token.ValueText)!.AsObject();
    }
}
