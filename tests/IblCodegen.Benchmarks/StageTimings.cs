using System.Diagnostics;
using IblCodegen.Emitting;
using IblCodegen.Model;
using IblCodegen.Parsing;
using IblCodegen.Parsing.Tree;

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

        var allocated = (GC.GetAllocatedBytesForCurrentThread(), GC.GetTotalPauseDuration());
        var stage = Stopwatch.StartNew();
        var tree = (SpecObject)YamlTreeReader.Read(text, CancellationToken.None, out var offsetsText)!;
        var yaml = stage.Elapsed;
        var yamlBytes = Usage(ref allocated);

        stage.Restart();
        var document = new SpecDocument(tree);
        var problems = DocumentChecks.Run(document, isOpenApi30: true, CancellationToken.None);
        problems.AddRange(InvisibleCharacterCheck.Run(document.Root, text));
        var checks = stage.Elapsed;
        var checksBytes = Usage(ref allocated);

        stage.Restart();
        var info = (SpecObject)tree["info"]!;
        var identity = new SpecIdentity("Spec", "Spec", "Spec", info["title"]?.ToString() ?? "spec", path);
        var locator = new JsonPointerLocator(path, text);
        if (offsetsText is not null)
        {
            locator.UseTree(tree, offsetsText);
        }

        var (model, _) = ModelBuilder.Build(document, locator, identity, info["version"]?.ToString() ?? string.Empty, CancellationToken.None);
        var build = stage.Elapsed;
        var buildBytes = Usage(ref allocated);

        stage.Restart();
        var sources = new List<Microsoft.CodeAnalysis.Text.SourceText>();
        foreach (var group in TypeOutput.Groups(model))
        {
            sources.Add(ModelFileEmitter.Emit(group));
        }

        var outputs = SpecOutputs.From(model);
        sources.AddRange([PageEmitter.Emit(identity), SpecInfoEmitter.Emit(outputs.SpecInfo), JsonContextEmitter.Emit(outputs.Json), ClientEmitter.Emit(outputs.RootClient)]);
        sources.AddRange(outputs.TagClients.Select(TagClientEmitter.Emit));
        var characters = sources.Sum(s => (long)s.Length);
        var emit = stage.Elapsed;
        var emitBytes = Usage(ref allocated);

        Console.WriteLine($"{Path.GetFileName(path)}: YAML → JSON {yaml.TotalMilliseconds:F0} ms ({yamlBytes}), checks {checks.TotalMilliseconds:F0} ms ({checksBytes}) "
            + $"({problems.Count} problems), model {build.TotalMilliseconds:F0} ms ({buildBytes}), emit {emit.TotalMilliseconds:F0} ms ({emitBytes}) "
            + $"({model.Types.Count} types, {characters / 1024} KB); total {total.Elapsed.TotalMilliseconds:F0} ms");
    }

    /// <summary>What this thread allocated since <paramref name="mark"/>, and the time paused for collections; the mark moves on to now.</summary>
    private static string Usage(ref (long Bytes, TimeSpan Paused) mark)
    {
        var now = (GC.GetAllocatedBytesForCurrentThread(), GC.GetTotalPauseDuration());
        var usage = $"{(now.Item1 - mark.Bytes) / (1024 * 1024)} MB, {(now.Item2 - mark.Paused).TotalMilliseconds:F0} ms in GC";
        mark = now;
        return usage;
    }
}
