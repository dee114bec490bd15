using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IblCodegen.Benchmarks;

/// <summary>
/// `edits published`: what an edit to the spec costs the next generator run, as an IDE or a watch build sees it. After a
/// cold run and a few warm-up edits, each edit is made and undone 5 times over; reported are the median run time, the
/// files whose text changed and their size, and (from a second, tracked driver) how many output steps ran again.
/// </summary>
internal static class SpecEdits
{
    private static readonly (string Name, string Before, string After)[] Edits =
    [
        ("schema property description", "description: AWS Marketplace Customer Id and Product Code Identifier", "description: AWS Marketplace customer id and product code identifier"),
        ("operation summary", "summary: Get accessible mentors by email", "summary: Get the mentors an email can reach"),
        ("info.version", "version: 4.90.4-ai-plus", "version: 4.90.5-ai-plus"),
    ];

    public static void Run(string path)
    {
        var text = File.ReadAllText(path);
        var compilation = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText("namespace Consumer; public class Service { }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var original = new GenerationBenchmarks.MemoryText(path, text);
        UnrelatedEdit(compilation, original);
        foreach (var (name, before, after) in Edits)
        {
            if (text.Split(before).Length != 2)
            {
                throw new InvalidOperationException($"'{before}' is not in the spec exactly once.");
            }

            var edited = new GenerationBenchmarks.MemoryText(path, text.Replace(before, after, StringComparison.Ordinal));
            var times = new List<double>();
            GeneratorDriver driver = CreateDriver(original, track: false).RunGenerators(compilation);
            AdditionalText current = original;
            for (var i = 0; i < 12; i++)
            {
                var next = current == original ? (AdditionalText)edited : original;
                driver = driver.ReplaceAdditionalText(current, next);
                var stopwatch = Stopwatch.StartNew();
                driver = driver.RunGenerators(compilation);
                stopwatch.Stop();
                current = next;
                if (i >= 2)
                {
                    times.Add(stopwatch.Elapsed.TotalMilliseconds);
                }
            }

            var tracked = CreateDriver(original, track: true).RunGenerators(compilation);
            var first = tracked.GetRunResult().Results.Single();
            var second = tracked.ReplaceAdditionalText(original, edited).RunGenerators(compilation).GetRunResult().Results.Single();
            var beforeTexts = first.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
            var changed = second.GeneratedSources.Where(s => !beforeTexts.TryGetValue(s.HintName, out var old) || old != s.SourceText.ToString()).ToList();
            var reran = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Count(o => o.Reason != IncrementalStepRunReason.Cached);
            times.Sort();
            Console.WriteLine($"{name}: median {times[times.Count / 2]:F0} ms (min {times[0]:F0}, max {times[^1]:F0}); "
                + $"{changed.Count} of {second.GeneratedSources.Length} files changed ({changed.Sum(s => (long)s.SourceText.Length) / 1024} KB: {string.Join(", ", changed.Select(s => s.HintName).Take(4))}); "
                + $"{reran} output step outputs not cached");
        }
    }

    /// <summary>An edit to a C# file of the project, made and undone 2,000 times after 200 to warm up: every spec step should stay cached.</summary>
    private static void UnrelatedEdit(CSharpCompilation compilation, AdditionalText spec)
    {
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees[0], CSharpSyntaxTree.ParseText("namespace Consumer; public class Service { public int Edited; }"));
        var driver = CreateDriver(spec, track: false).RunGenerators(compilation);
        var times = new List<double>();
        for (var i = 0; i < 2200; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            driver = driver.RunGenerators(i % 2 == 0 ? edited : compilation);
            stopwatch.Stop();
            if (i >= 200)
            {
                times.Add(stopwatch.Elapsed.TotalMicroseconds);
            }
        }

        times.Sort();
        Console.WriteLine($"unrelated C# edit: median {times[times.Count / 2]:F0} µs (10th percentile {times[times.Count / 10]:F0}, 90th {times[times.Count * 9 / 10]:F0})");
    }

    private static GeneratorDriver CreateDriver(AdditionalText spec, bool track) =>
        CSharpGeneratorDriver.Create(
            [new OpenApiGenerator().AsSourceGenerator()],
            [spec],
            optionsProvider: new GenerationBenchmarks.SpecOptions(),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));
}
