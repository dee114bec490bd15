using System.Text.RegularExpressions;
using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>
/// Inline string enums that several operations' parameters declare alike (same name, same values) are one type,
/// named after the parameter; a parameter declared once keeps the type named after its operation. Judged on the
/// generated declarations and the client's signatures, and by the compiler.
/// </summary>
public sealed class SharedParameterEnumTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: reports, version: '1' }
        paths:
          /a/:
            get:
              operationId: a_list
              tags: [alpha]
              parameters:
                - { name: format, in: query, schema: { type: string, enum: [json] } }
                - { name: order, in: query, schema: { type: string, enum: [asc, desc] } }
              responses: { '204': { description: done } }
          /b/:
            get:
              operationId: b_list
              tags: [beta]
              parameters:
                - { name: format, in: query, schema: { type: string, enum: [json] } }
              responses: { '204': { description: done } }
          /c/:
            get:
              operationId: c_list
              tags: [beta]
              parameters:
                - { name: format, in: query, schema: { type: string, enum: [json] } }
                - name: kinds
                  in: query
                  schema: { type: array, items: { type: string, enum: [x, y] } }
              responses: { '204': { description: done } }
          /d/:
            get:
              operationId: d_list
              tags: [beta]
              parameters:
                - { name: format, in: query, schema: { type: string, enum: [json, xml] } }
                - name: kinds
                  in: query
                  schema: { type: array, items: { type: string, enum: [x, y] } }
              responses: { '204': { description: done } }
          /e/:
            get:
              operationId: e_list
              tags: [beta]
              parameters:
                - { name: format, in: query, schema: { type: string, enum: [json, xml] } }
                - { name: order, in: query, schema: { type: string, enum: [desc, asc] } }
              responses: { '204': { description: done } }
        components:
          schemas:
            Kinds:
              type: object
              properties:
                name: { type: string }
        """;

    [Fact]
    public void Parameters_declared_alike_share_one_type_named_after_the_parameter()
    {
        var run = GeneratorHarness.Run(new TestAdditionalText("/specs/reports.yaml", Spec));
        Assert.Empty(run.CompileProblems());
        var models = Models(run);

        // format: [json] three times is Format. [json, xml] twice is named after its first operation: Format went to
        // the list more operations use. The array items [x, y] are shared too, under their first operation's name,
        // since a component schema is called Kinds. order's two lists hold the same values in another order: two types.
        Assert.Equal(["Format", "ListAOrder", "ListCKinds", "ListDFormat", "ListEOrder"], EnumNames(models).Order(StringComparer.Ordinal));
        Assert.Contains("public partial class Kinds", models, StringComparison.Ordinal);

        var beta = run.Source("Reports.Client.BetaClient.g.cs");
        Assert.Contains("global::Reports.Format? format = null", Signature(beta, "ListBAsync"), StringComparison.Ordinal);
        Assert.Contains("global::Reports.Format? format = null", Signature(beta, "ListCAsync"), StringComparison.Ordinal);
        Assert.Contains("global::Reports.ListDFormat? format = null", Signature(beta, "ListEAsync"), StringComparison.Ordinal);
        Assert.Contains("global::System.Collections.Generic.IReadOnlyList<global::Reports.ListCKinds>? kinds = null", Signature(beta, "ListDAsync"), StringComparison.Ordinal);
        var alpha = run.Source("Reports.Client.AlphaClient.g.cs");
        Assert.Contains("global::Reports.Format? format = null", Signature(alpha, "ListAAsync"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_selection_does_not_rename_a_shared_type()
    {
        // Only beta is generated: b_list is then the first operation declaring format: [json], and the type is still Format.
        var run = GeneratorHarness.Run([new TestAdditionalText("/specs/reports.yaml", Spec)], new Dictionary<string, string> { [OpenApiGenerator.TagsMetadata] = "beta" });
        Assert.Empty(run.CompileProblems());
        Assert.Contains("Format", EnumNames(Models(run)));
        Assert.Contains("global::Reports.Format? format = null", Signature(run.Source("Reports.Client.BetaClient.g.cs"), "ListBAsync"), StringComparison.Ordinal);
    }

    private static string Models(GeneratorRun run) =>
        string.Concat(run.Sources.Where(s => s.HintName.Contains(".Models.", StringComparison.Ordinal)).Select(s => s.SourceText.ToString()));

    private static IEnumerable<string> EnumNames(string models) =>
        Regex.Matches(models, @"public readonly partial struct (\w+) ").Select(m => m.Groups[1].Value);

    /// <summary>The client class's method <paramref name="method"/>, from its name to its opening brace.</summary>
    private static string Signature(string client, string method)
    {
        var start = client.LastIndexOf($" {method}(", StringComparison.Ordinal);
        return client[start..client.IndexOf('{', start)];
    }
}
