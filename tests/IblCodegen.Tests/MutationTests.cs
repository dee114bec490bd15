using System.Text.Json.Nodes;
using IblCodegen.Parsing;
using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace IblCodegen.Tests;

/// <summary>
/// Hostile input: a few hundred variants of the corpus documents and the project spec, each with one mutation
/// (a deleted key, a value of the wrong type, a broken $ref). The generator must never throw, and each variant ends
/// in generated code that compiles or in error diagnostics that say why not.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output)
{
    private const int VariantsPerDocument = 8;

    [CorpusFact]
    public void Mutated_documents_never_crash_the_generator()
    {
        var documents = Directory.GetFiles(RepoPaths.Corpus, "*.yaml").Order(StringComparer.Ordinal).Append(RepoPaths.ProjectSpec).ToList();
        var random = new Random(20261123);
        int variants = 0, compiled = 0, diagnosed = 0;
        foreach (var document in documents)
        {
            // The generator's own tree is read-only; System.Text.Json's is the one to damage.
            var original = JsonNode.Parse(YamlTreeReader.Read(File.ReadAllText(document), CancellationToken.None)!.ToJsonString())!;
            for (var i = 0; i < VariantsPerDocument; i++)
            {
                var mutated = original.DeepClone();
                var description = Mutate(mutated, random);
                var name = $"/mutations/{Path.GetFileNameWithoutExtension(document)}-{i}.json";
                var run = GeneratorHarness.Run(new TestAdditionalText(name, mutated.ToJsonString()));
                variants++;

                var context = $"{Path.GetFileName(document)} variant {i} ({description})";
                Assert.True(run.Result.Results.Single().Exception is null, $"{context}: {run.Result.Results.Single().Exception}");
                Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "IBL0999");
                Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id == "CS8785");

                if (run.GeneratorDiagnostics.Any(d => d.DefaultSeverity == DiagnosticSeverity.Error))
                {
                    diagnosed++;
                }
                else
                {
                    var errors = run.Output.GetDiagnostics().Where(d => d.DefaultSeverity == DiagnosticSeverity.Error).ToList();
                    Assert.True(errors.Count == 0, $"{context}: no generator error, yet the output does not compile:\n{string.Join("\n", errors.Take(5))}");
                    compiled++;
                }
            }
        }

        output.WriteLine($"{variants} variants: {compiled} generated code that compiles, {diagnosed} reported errors.");
        Assert.True(variants >= 300, $"Only {variants} variants.");
    }

    /// <summary>
    /// Every schema <c>$ref</c> of every corpus document and the project spec, wrapped four ways. An <c>allOf</c>,
    /// <c>oneOf</c> or <c>anyOf</c> of the one reference generates exactly what the bare reference does; a
    /// <c>nullable</c> wrapper compiles and never crashes the generator.
    /// </summary>
    [CorpusFact]
    public void Wrapped_references_generate_what_bare_ones_do()
    {
        var documents = Directory.GetFiles(RepoPaths.Corpus, "*.yaml").Order(StringComparer.Ordinal).Append(RepoPaths.ProjectSpec).ToList();
        var wrappers = new (string Name, Func<JsonObject, JsonNode> Wrap)[]
        {
            ("allOf", reference => new JsonObject { ["allOf"] = new JsonArray(reference) }),
            ("oneOf", reference => new JsonObject { ["oneOf"] = new JsonArray(reference) }),
            ("anyOf", reference => new JsonObject { ["anyOf"] = new JsonArray(reference) }),
            ("nullable", reference => new JsonObject { ["nullable"] = true, ["allOf"] = new JsonArray(reference) }),
        };

        var differences = new List<string>();
        var runs = 0;
        foreach (var document in documents)
        {
            var text = File.ReadAllText(document);
            var name = Path.GetFileNameWithoutExtension(document);
            var bare = GeneratorHarness.RunWeb(new TestAdditionalText($"/wrapped/{name}.json", SpecTransforms.ToJson(text).ToJsonString()));
            foreach (var (wrapperName, wrap) in wrappers)
            {
                var wrapped = GeneratorHarness.RunWeb(new TestAdditionalText($"/wrapped/{name}.json", SpecTransforms.WrapReferences(SpecTransforms.ToJson(text), wrap).ToJsonString()));
                runs++;
                var context = $"{Path.GetFileName(document)} wrapped in {wrapperName}";
                Assert.True(wrapped.Result.Results.Single().Exception is null, $"{context}: {wrapped.Result.Results.Single().Exception}");
                Assert.DoesNotContain(wrapped.GeneratorDiagnostics, d => d.Id == "IBL0999");
                if (!wrapped.GeneratorDiagnostics.Any(d => d.DefaultSeverity == DiagnosticSeverity.Error))
                {
                    var errors = wrapped.Output.GetDiagnostics().Where(d => d.DefaultSeverity == DiagnosticSeverity.Error).ToList();
                    Assert.True(errors.Count == 0, $"{context}: no generator error, yet the output does not compile:\n{string.Join("\n", errors.Take(5))}");
                }

                if (wrapperName == "nullable")
                {
                    continue;
                }

                foreach (var source in bare.Sources)
                {
                    var other = wrapped.Sources.FirstOrDefault(s => s.HintName == source.HintName);
                    var expected = source.SourceText.ToString().Split('\n');
                    var actual = other.SourceText?.ToString().Split('\n') ?? [];
                    var line = Enumerable.Range(0, Math.Max(expected.Length, actual.Length))
                        .FirstOrDefault(i => i >= expected.Length || i >= actual.Length || expected[i] != actual[i], -1);
                    if (line >= 0)
                    {
                        differences.Add($"{context}: {source.HintName} line {line + 1}: '{expected.ElementAtOrDefault(line)?.Trim()}' became '{actual.ElementAtOrDefault(line)?.Trim()}'");
                    }
                }
            }
        }

        output.WriteLine($"{runs} wrapped documents.");
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(40)));
    }

    /// <summary>Applies one mutation to a node picked at random; returns what it did.</summary>
    private static string Mutate(JsonNode root, Random random)
    {
        var containers = new List<(JsonNode Node, string Path)>();
        Collect(root, "#", containers);
        var (target, path) = containers[random.Next(containers.Count)];
        switch (target)
        {
            case JsonObject obj when obj.Count > 0:
            {
                var key = obj.ElementAt(random.Next(obj.Count)).Key;
                switch (random.Next(3))
                {
                    case 0:
                        obj.Remove(key);
                        return $"deleted {path}/{key}";
                    case 1:
                        obj[key] = WrongValue(random);
                        return $"replaced {path}/{key} with {obj[key]?.ToJsonString() ?? "null"}";
                    default:
                        obj[key] = new JsonObject { ["$ref"] = $"#/components/schemas/Missing{random.Next(100)}" };
                        return $"broke {path}/{key} into a dangling $ref";
                }
            }

            case JsonArray array when array.Count > 0:
            {
                var index = random.Next(array.Count);
                array[index] = WrongValue(random);
                return $"replaced {path}/{index}";
            }

            default:
                return "no change";
        }
    }

    private static JsonNode? WrongValue(Random random) => random.Next(5) switch
    {
        0 => JsonValue.Create(42),
        1 => JsonValue.Create("not what you expected"),
        2 => new JsonArray(JsonValue.Create(true), JsonValue.Create("x")),
        3 => new JsonObject { ["unexpected"] = JsonValue.Create(1) },
        _ => null,
    };

    private static void Collect(JsonNode? node, string path, List<(JsonNode, string)> containers)
    {
        switch (node)
        {
            case JsonObject obj:
                containers.Add((obj, path));
                foreach (var (key, child) in obj)
                {
                    Collect(child, path + "/" + key, containers);
                }

                break;
            case JsonArray array:
                containers.Add((array, path));
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], path + "/" + i, containers);
                }

                break;
        }
    }
}
