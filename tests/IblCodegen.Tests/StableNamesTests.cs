using System.Text.Json.Nodes;
using IblCodegen.Parsing;
using IblCodegen.Parsing.Tree;
using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace IblCodegen.Tests;

/// <summary>
/// What survives an upgrade: type names come from the spec's title, not the file it was saved as, and parameters come
/// in an order of their own, not the spec's listing order.
/// </summary>
public sealed partial class StableNamesTests
{
    [System.Text.RegularExpressions.GeneratedRegex("/parameters/[0-9]+/")]
    private static partial System.Text.RegularExpressions.Regex Pointers();

    private static readonly string ProjectSpecText = File.ReadAllText(RepoPaths.ProjectSpec);

    [Fact]
    public void Types_are_named_after_the_title_and_hint_names_after_the_file()
    {
        var run = GeneratorHarness.Run(new TestAdditionalText("/specs/ibl-data-manager-4.90.4-ai-plus.yaml", ProjectSpecText));

        Assert.Empty(run.CompileProblems());
        Assert.Contains("public partial class IblDataManagerClient", run.Source("IblDataManager4904AiPlus.Client.g.cs"));
        Assert.Contains("public static partial class IblDataManagerSpec", run.Source("IblDataManager4904AiPlus.Spec.g.cs"));
        Assert.Contains("partial class IblDataManagerJsonContext", run.Source("IblDataManager4904AiPlus.JsonContext.g.cs"));
        Assert.DoesNotContain(run.Sources, s => s.SourceText.ToString().Contains("IblDataManager4904AiPlus", StringComparison.Ordinal));
    }

    [Fact]
    public void TypePrefix_names_the_types()
    {
        var run = GeneratorHarness.Run(
            [new TestAdditionalText("/specs/ibl-data-manager.yaml", ProjectSpecText)],
            new Dictionary<string, string> { [OpenApiGenerator.TypePrefixMetadata] = "Dm" },
            "namespace Consumer; internal static class Use { public static System.Type[] Types => [typeof(IblDataManager.DmClient), typeof(IblDataManager.DmSpec), typeof(IblDataManager.DmJsonContext), typeof(IblDataManager.DmApiException)]; }");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void Two_versions_of_one_spec_get_distinct_names_and_a_warning_saying_how_to_choose()
    {
        // Both titled "ibl-data-manager": the first path (in ordinal order) keeps the names, the other is named after its file.
        var newer = ProjectSpecText.Replace("version: 3.59.0-ai-plus", "version: 3.60.0-ai-plus", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(
            [new TestAdditionalText("/specs/ibl-data-manager.yaml", ProjectSpecText), new TestAdditionalText("/specs/ibl-data-manager_next.yaml", newer)],
            null,
            """
            namespace Consumer;
            internal static class Use
            {
                public static string[] Versions => [IblDataManager.IblDataManagerSpec.Version, IblDataManagerNext.IblDataManagerNextSpec.Version];
            }
            """);

        var warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0012", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.DefaultSeverity);
        Assert.Equal("/specs/ibl-data-manager_next.yaml", warning.Location.GetLineSpan().Path);
        var message = warning.GetMessage();
        Assert.Contains("namespace IblDataManagerNext, IblDataManagerNextClient", message);
        Assert.Contains("Set Namespace and TypePrefix on its IblOpenApiSpec item", message, StringComparison.OrdinalIgnoreCase);

        // Warnings are errors in this compilation: only the generator's own warning may stand, nothing of the compiler's.
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void Parameters_come_in_the_same_order_whatever_order_the_spec_lists_them_in() =>
        AssertListingOrderChangesNothing(ProjectSpecText);

    [PublishedSpecFact]
    public void The_published_spec_generates_the_same_code_with_every_parameter_list_reversed() =>
        AssertListingOrderChangesNothing(File.ReadAllText(RepoPaths.PublishedSpec));

    /// <summary>
    /// The spec as JSON, once as written and once with every <c>parameters</c> list (of path items and of operations)
    /// reversed: client, server and models must come out byte for byte the same.
    /// </summary>
    private static void AssertListingOrderChangesNothing(string yaml)
    {
        var written = JsonNode.Parse(SpecTreeJson.Write(YamlTreeReader.Read(yaml, CancellationToken.None)!))!.AsObject();
        var reversed = written.DeepClone().AsObject();
        var lists = 0;
        foreach (var (_, pathItem) in reversed["paths"]!.AsObject())
        {
            foreach (var holder in new[] { pathItem!.AsObject() }.Concat(pathItem.AsObject().Select(p => p.Value).OfType<JsonObject>()))
            {
                if (holder["parameters"] is JsonArray { Count: > 1 } parameters)
                {
                    var items = parameters.Select(p => p!.DeepClone()).Reverse().ToList();
                    parameters.Clear();
                    items.ForEach(parameters.Add);
                    lists++;
                }
            }
        }

        Assert.True(lists > 0);
        const string handlers = "namespace Service;\n[IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]\npublic partial class Handlers { }";
        var before = GeneratorHarness.RunWeb(new TestAdditionalText("/specs/spec.json", written.ToJsonString()), handlers);
        var after = GeneratorHarness.RunWeb(new TestAdditionalText("/specs/spec.json", reversed.ToJsonString()), handlers);

        Assert.Equal(before.Sources.Select(s => s.HintName), after.Sources.Select(s => s.HintName));
        foreach (var (first, second) in before.Sources.Zip(after.Sources))
        {
            // An inline enum's doc comment says where the spec defines it, by JSON pointer: the only text that may move.
            var a = Pointers().Replace(first.SourceText.ToString(), "/parameters/N/").Split('\n');
            var b = Pointers().Replace(second.SourceText.ToString(), "/parameters/N/").Split('\n');
            if (!a.SequenceEqual(b))
            {
                var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i]);
                Assert.Fail($"{first.HintName} changed with the listing order, first at line {line + 1}:\n{a[line]}\n{b[line]}");
            }
        }
    }
}
