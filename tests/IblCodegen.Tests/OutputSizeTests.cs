using System.Text;
using IblCodegen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace IblCodegen.Tests;

/// <summary>
/// The output is bounded by the input: generated characters grow at most linearly with the spec's characters, with
/// the constant the README states. Each shape is a construct repeated n and 2n times, written as tersely as JSON
/// allows (an attacker's choice: the fewest spec characters for the most output); the growth between the two is the
/// characters generated per spec character, which must stay under <see cref="PerSpecCharacter"/>, and the whole output
/// under <see cref="Fixed"/> plus that many per spec character.
/// </summary>
public sealed class OutputSizeTests(ITestOutputHelper output)
{
    /// <summary>Generated characters per spec character, at most (the README's constant). The largest measured is about 50, for bare operations.</summary>
    private const int PerSpecCharacter = 64;

    /// <summary>What any spec generates (the runtime helpers, the client's base, the JSON context's frame), in characters.</summary>
    private const int Fixed = 100_000;

    public static TheoryData<string> Shapes() =>
        ["properties", "enum", "operations", "parameters", "responses", "components", "inline", "refchain", "allOfchain", "itemschain", "anchors"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Output_grows_at_most_linearly_with_the_spec(string shape)
    {
        var small = Size(Spec(shape, 500));
        var large = Size(Spec(shape, 1000));
        var marginal = (double)(large.Out - small.Out) / (large.In - small.In);
        output.WriteLine($"{shape}: {small.In:N0} -> {large.In:N0} spec characters, {small.Out:N0} -> {large.Out:N0} generated: {marginal:F1} per spec character.");
        Assert.True(marginal <= PerSpecCharacter, $"{shape}: {marginal:F1} generated characters per spec character.");
        Assert.True(large.Out <= Fixed + (long)PerSpecCharacter * large.In, $"{shape}: {large.Out:N0} characters generated from {large.In:N0}.");
    }

    [PublishedSpecFact]
    public void The_published_spec_is_within_the_bound()
    {
        var text = File.ReadAllText(RepoPaths.PublishedSpec);
        var (_, generated) = Size(text, "/s/ibl-data-manager.yaml");
        output.WriteLine($"{text.Length:N0} spec characters, {generated:N0} generated: {(double)generated / text.Length:F1} per spec character.");
        Assert.True(generated <= Fixed + (long)PerSpecCharacter * text.Length);
    }

    /// <summary>Spec and generated characters, with a handler class so the server code is generated too.</summary>
    private static (long In, long Out) Size(string spec, string? path = null)
    {
        path ??= spec.StartsWith("openapi", StringComparison.Ordinal) ? "/s/x.yaml" : "/s/x.json";
        var run = GeneratorHarness.RunWeb(new TestAdditionalText(path, spec), "namespace Service; [IblCodegen.OpenApiHandlers(StubMissingHandlers = true)] public partial class Handlers { }");
        return (spec.Length, run.Sources.Sum(s => (long)s.SourceText.Length));
    }

    /// <summary>A document repeating the construct <paramref name="shape"/> <paramref name="n"/> times.</summary>
    private static string Spec(string shape, int n)
    {
        string Repeat(Func<int, string> item) => string.Join(",", Enumerable.Range(0, n).Select(item));
        string Doc(string paths, string schemas) => $"{{\"openapi\":\"3.0.3\",\"info\":{{\"title\":\"t\",\"version\":\"1\"}},\"paths\":{{{paths}}},\"components\":{{\"schemas\":{{{schemas}}}}}}}";
        const string Op = "\"/x\":{\"post\":{\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/S0\"}}}},\"responses\":{\"200\":{\"description\":\"\",\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/S0\"}}}}}}}";
        switch (shape)
        {
            case "properties": return Doc(Op, $"\"S0\":{{\"type\":\"object\",\"properties\":{{{Repeat(i => $"\"p{i}\":{{\"type\":\"string\"}}")}}}}}");
            case "enum": return Doc(Op, $"\"S0\":{{\"type\":\"string\",\"enum\":[{Repeat(i => $"\"v{i}\"")}]}}");
            case "operations": return Doc(Repeat(i => $"\"/p{i}\":{{\"get\":{{\"responses\":{{\"200\":{{\"description\":\"\"}}}}}}}}"), "\"S0\":{}");
            case "parameters": return Doc($"\"/x\":{{\"get\":{{\"parameters\":[{Repeat(i => $"{{\"name\":\"q{i}\",\"in\":\"query\",\"schema\":{{\"type\":\"string\"}}}}")}],\"responses\":{{\"200\":{{\"description\":\"\"}}}}}}}}", "\"S0\":{}");
            case "responses": return Doc(Repeat(i => $"\"/p{i}\":{{\"get\":{{\"responses\":{{\"200\":{{\"description\":\"\",\"content\":{{\"application/json\":{{\"schema\":{{\"type\":\"array\",\"items\":{{\"type\":\"array\",\"items\":{{\"$ref\":\"#/components/schemas/S0\"}}}}}}}}}}}}}}}}}}"), "\"S0\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}");
            case "components": return Doc(Op, Repeat(i => $"\"S{i}\":{{\"type\":\"object\",\"properties\":{{\"a\":{{\"type\":\"string\"}}}}}}"));
            case "inline": return Doc(Op, $"\"S0\":{{\"type\":\"object\",\"properties\":{{{Repeat(i => $"\"p{i}\":{{\"type\":\"object\",\"properties\":{{\"a\":{{\"type\":\"string\"}}}}}}")}}}}}");
            case "refchain": return Doc(Op, Repeat(i => $"\"S{i}\":{{\"$ref\":\"#/components/schemas/S{i + 1}\"}}") + $",\"S{n}\":{{\"type\":\"string\"}}");
            case "allOfchain": return Doc(Op, Repeat(i => $"\"S{i}\":{{\"allOf\":[{{\"$ref\":\"#/components/schemas/S{i + 1}\"}},{{\"properties\":{{\"p{i}\":{{\"type\":\"string\"}}}}}}]}}") + $",\"S{n}\":{{\"type\":\"object\",\"properties\":{{\"a\":{{\"type\":\"string\"}}}}}}");
            case "itemschain": return Doc(Op, Repeat(i => $"\"S{i}\":{{\"type\":\"array\",\"items\":{{\"$ref\":\"#/components/schemas/S{i + 1}\"}}}}") + $",\"S{n}\":{{\"type\":\"string\"}}");
            case "anchors":
            {
                var yaml = new StringBuilder("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    S0:\n      type: object\n      properties:\n");
                yaml.Append("        p0: &big {type: object, properties: {a: {type: string}, b: {type: integer}, c: {type: object, properties: {d: {type: string}}}}}\n");
                for (var i = 1; i < n; i++)
                {
                    yaml.Append($"        p{i}: *big\n");
                }

                return yaml.ToString();
            }

            default: throw new ArgumentException(shape);
        }
    }
}
