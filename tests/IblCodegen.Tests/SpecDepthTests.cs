using System.Text;
using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace IblCodegen.Tests;

/// <summary>
/// Specs that are small on disk but deep when followed: chains of 10,000 schemas, each leading to the next. The
/// generator must answer each with code or a located diagnostic, in time and output linear in the spec, and
/// never overflow the stack: a stack overflow cannot be caught and takes the consumer's compiler down with it.
/// </summary>
public sealed class SpecDepthTests(ITestOutputHelper output)
{
    private const int Links = 10_000;

    [Fact]
    public void A_chain_of_ref_aliases_resolves_to_its_end()
    {
        var run = Generate(ChainSpec(i => $"{{\"$ref\":\"#/components/schemas/S{i + 1}\"}}", Terminal), operationUses: "S0");
        run.AssertNoCrash();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileProblems());

        // Every alias is the end of the chain: the operation's body is the terminal class.
        Assert.Contains($"global::Deep.S{Links}? body", run.Source("Deep.Client.DefaultClient.g.cs"));
    }

    [Fact]
    public void A_chain_of_wrapped_refs_resolves_to_its_end()
    {
        // allOf of one $ref, oneOf of one $ref, nullable beside a $ref: each a wrapper around the next link.
        string Wrap(int i) => (i % 3) switch
        {
            0 => $"{{\"allOf\":[{{\"$ref\":\"#/components/schemas/S{i + 1}\"}}]}}",
            1 => $"{{\"oneOf\":[{{\"$ref\":\"#/components/schemas/S{i + 1}\"}}]}}",
            _ => $"{{\"nullable\":true,\"allOf\":[{{\"$ref\":\"#/components/schemas/S{i + 1}\"}}]}}",
        };

        var run = Generate(ChainSpec(Wrap, Terminal), operationUses: "S0");
        run.AssertNoCrash();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileProblems());
        Assert.Contains($"global::Deep.S{Links}? body", run.Source("Deep.Client.DefaultClient.g.cs"));
    }

    [Fact]
    public void A_chain_of_allOf_inheritance_is_cut_at_the_depth_limit_with_a_located_diagnostic()
    {
        var run = Generate(ChainSpec(
            i => $"{{\"allOf\":[{{\"$ref\":\"#/components/schemas/S{i + 1}\"}},{{\"type\":\"object\",\"properties\":{{\"p{i}\":{{\"type\":\"string\"}}}}}}]}}",
            Terminal));
        run.AssertNoCrash();
        var tooDeep = run.GeneratorDiagnostics.Where(d => d.Id == "IBL0009").ToList();
        Assert.NotEmpty(tooDeep);
        Assert.All(tooDeep, d => Assert.Equal("/specs/deep.json", d.Location.GetLineSpan().Path));
        Assert.DoesNotContain(run.CompileProblems(), d => !d.Id.StartsWith("IBL", StringComparison.Ordinal));
        AssertOutputLinear(run);
    }

    [Theory]
    [InlineData("items", "array")]
    [InlineData("additionalProperties", "object")]
    public void A_chain_of_nested_collections_is_cut_at_the_depth_limit_with_a_located_diagnostic(string keyword, string type)
    {
        var run = Generate(ChainSpec(i => $"{{\"type\":\"{type}\",\"{keyword}\":{{\"$ref\":\"#/components/schemas/S{i + 1}\"}}}}", Terminal), operationUses: "S0");
        run.AssertNoCrash();
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "IBL0009" && d.Location.GetLineSpan().Path == "/specs/deep.json");
        Assert.DoesNotContain(run.CompileProblems(), d => !d.Id.StartsWith("IBL", StringComparison.Ordinal));
        AssertOutputLinear(run);
    }

    [Theory]
    [InlineData("{\"type\":\"object\",\"properties\":{\"child\":", "}}")]
    [InlineData("{\"type\":\"array\",\"items\":", "}")]
    public void Inline_nesting_of_ten_thousand_levels_is_IBL0001_at_the_depth_the_reader_stops(string open, string close)
    {
        var schema = new StringBuilder();
        for (var i = 0; i < Links; i++)
        {
            schema.Append(open);
        }

        schema.Append("{\"type\":\"string\"}");
        for (var i = 0; i < Links; i++)
        {
            schema.Append(close);
        }

        var run = Run(Document($"\"Nested\":{schema}", operationUses: null));
        run.AssertNoCrash();
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0001", diagnostic.Id);
        Assert.Contains("128", diagnostic.GetMessage());
        Assert.Equal("/specs/deep.json", diagnostic.Location.GetLineSpan().Path);
    }

    private const string Terminal = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}";

    /// <summary>Components S0 … S<see cref="Links"/>: each of the first ones made by <paramref name="link"/> from its index, the last <paramref name="last"/>.</summary>
    private static string ChainSpec(Func<int, string> link, string last)
    {
        var schemas = new StringBuilder();
        for (var i = 0; i < Links; i++)
        {
            schemas.Append($"\"S{i}\":").Append(link(i)).Append(',');
        }

        schemas.Append($"\"S{Links}\":").Append(last);
        return schemas.ToString();
    }

    private GeneratorRun Generate(string schemas, string? operationUses = null) => Run(Document(schemas, operationUses));

    private GeneratorRun Run(string document)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var run = GeneratorHarness.Run(new TestAdditionalText("/specs/deep.json", document));
        output.WriteLine($"{document.Length:N0} characters of spec: generated {run.Sources.Sum(s => s.SourceText.Length):N0} characters in {stopwatch.ElapsedMilliseconds:N0} ms.");
        return run;
    }

    private static string Document(string schemas, string? operationUses)
    {
        var paths = operationUses is null
            ? "{}"
            : $"{{\"/things\":{{\"post\":{{\"operationId\":\"create_thing\",\"requestBody\":{{\"content\":{{\"application/json\":{{\"schema\":{{\"$ref\":\"#/components/schemas/{operationUses}\"}}}}}}}},\"responses\":{{\"204\":{{\"description\":\"done\"}}}}}}}}}}";
        return $"{{\"openapi\":\"3.0.3\",\"info\":{{\"title\":\"deep\",\"version\":\"1\"}},\"paths\":{paths},\"components\":{{\"schemas\":{{{schemas}}}}}}}";
    }

    /// <summary>The output stays within a constant factor of the input: no type name or member list grows with the chain's length.</summary>
    private static void AssertOutputLinear(GeneratorRun run)
    {
        var generated = run.Sources.Sum(s => (long)s.SourceText.Length);
        Assert.True(generated < 2_000L * Links, $"{generated:N0} characters generated for {Links:N0} links.");
    }
}
