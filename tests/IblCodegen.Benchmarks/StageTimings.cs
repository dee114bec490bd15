using System.Diagnostics;
using System.Text.Json.Nodes;
using IblCodegen.Emitting;
using IblCodegen.Model;
using IblCodegen.Parsing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace IblCodegen.Benchmarks;

/// <summary>
/// A generation split into its stages: YAML to a JSON tree, the tree to an OpenAPI document, Microsoft.OpenApi's
/// rule checks, the document to the model, the model to C#. The first line is the cold run of this fresh process
/// (JIT included); three warm runs follow.
/// </summary>
internal static class StageTimings
{
    public static void Run(string path)
    {
        for (var run = 0; run < 4; run++)
        {
            RunOnce(path);
        }
    }

    private static void RunOnce(string path)
    {
        var text = File.ReadAllText(path);
        var total = Stopwatch.StartNew();

        var stage = Stopwatch.StartNew();
        var tree = YamlToJson.Convert(text, CancellationToken.None, out var positions)!;
        var yaml = stage.Elapsed;

        stage.Restart();
        var raw = new RawDocument(tree);
        var result = new OpenApiJsonReader().Read(tree, new Uri("file:///openapi/"), new OpenApiReaderSettings { RuleSet = ValidationRuleSet.GetEmptyRuleSet() });
        var read = stage.Elapsed;

        stage.Restart();
        result.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList();
        var validate = stage.Elapsed;

        stage.Restart();
        var document = result.Document!;
        var identity = new SpecIdentity("Spec", "Spec", document.Info?.Title ?? "spec", document.Info?.Version ?? string.Empty);
        var locator = new JsonPointerLocator(path, text);
        if (positions is not null)
        {
            locator.UseTree(tree, positions);
        }

        var (model, _) = ModelBuilder.Build(document, result.Diagnostic!.SpecificationVersion, raw, locator, identity, CancellationToken.None);
        var build = stage.Elapsed;

        stage.Restart();
        var characters = 0L;
        foreach (var group in TypeOutput.Groups(model))
        {
            characters += ModelFileEmitter.Emit(group).Length;
        }

        var graph = new JsonTypeGraph(model);
        characters += PageEmitter.Emit(identity).Length + SpecInfoEmitter.Emit(model).Length + JsonContextEmitter.Emit(model, graph).Length
            + ClientEmitter.Emit(model).Length + model.Clients.Sum(client => TagClientEmitter.Emit(model, graph, client).Length);
        var emit = stage.Elapsed;

        Console.WriteLine($"{Path.GetFileName(path)}: YAML → JSON {yaml.TotalMilliseconds:F0} ms, OpenAPI read {read.TotalMilliseconds:F0} ms, "
            + $"rule checks {validate.TotalMilliseconds:F0} ms, model {build.TotalMilliseconds:F0} ms, emit {emit.TotalMilliseconds:F0} ms "
            + $"({model.Types.Count} types, {characters / 1024} KB); total {total.Elapsed.TotalMilliseconds:F0} ms");
    }
}
