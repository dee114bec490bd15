using System.Diagnostics;
using System.Text.Json.Nodes;
using IblCodegen.Emitting;
using IblCodegen.Model;
using IblCodegen.Parsing;

namespace IblCodegen.Benchmarks;

/// <summary>
/// A generation split into its stages: YAML to a JSON tree, the document checks, the tree to the model, the model
/// to C#. The first line is the cold run of this fresh process
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

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var stage = Stopwatch.StartNew();
        var tree = YamlToJson.Convert(text, CancellationToken.None, out var positions)!;
        var yaml = stage.Elapsed;
        var yamlBytes = Megabytes(ref allocated);

        stage.Restart();
        var document = new SpecDocument(tree.AsObject());
        var problems = DocumentChecks.Run(document, isOpenApi30: true, CancellationToken.None);
        var checks = stage.Elapsed;
        var checksBytes = Megabytes(ref allocated);

        stage.Restart();
        var info = tree["info"]!.AsObject();
        var identity = new SpecIdentity("Spec", "Spec", info["title"]?.ToString() ?? "spec", info["version"]?.ToString() ?? string.Empty);
        var locator = new JsonPointerLocator(path, text);
        if (positions is not null)
        {
            locator.UseTree(tree, positions);
        }

        var (model, _) = ModelBuilder.Build(document, locator, identity, CancellationToken.None);
        var build = stage.Elapsed;
        var buildBytes = Megabytes(ref allocated);

        stage.Restart();
        var sources = new List<string>();
        foreach (var group in TypeOutput.Groups(model))
        {
            sources.Add(ModelFileEmitter.Emit(group));
        }

        var graph = new JsonTypeGraph(model);
        sources.AddRange([PageEmitter.Emit(identity), SpecInfoEmitter.Emit(model), JsonContextEmitter.Emit(model, graph), ClientEmitter.Emit(model)]);
        sources.AddRange(model.Clients.Select(client => TagClientEmitter.Emit(model, graph, client)));
        var characters = sources.Sum(s => (long)s.Length);
        var emit = stage.Elapsed;
        var emitBytes = Megabytes(ref allocated);


        Console.WriteLine($"{Path.GetFileName(path)}: YAML → JSON {yaml.TotalMilliseconds:F0} ms ({yamlBytes} MB), checks {checks.TotalMilliseconds:F0} ms ({checksBytes} MB) "
            + $"({problems.Count} problems), model {build.TotalMilliseconds:F0} ms ({buildBytes} MB), emit {emit.TotalMilliseconds:F0} ms ({emitBytes} MB) "
            + $"({model.Types.Count} types, {characters / 1024} KB); total {total.Elapsed.TotalMilliseconds:F0} ms");
    }

    /// <summary>Megabytes this thread allocated since <paramref name="mark"/>, which moves on to now.</summary>
    private static long Megabytes(ref long mark)
    {
        var now = GC.GetAllocatedBytesForCurrentThread();
        var megabytes = (now - mark) / (1024 * 1024);
        mark = now;
        return megabytes;
    }
}
