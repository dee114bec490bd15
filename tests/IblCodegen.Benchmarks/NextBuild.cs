using System.Diagnostics;
using IblCodegen.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IblCodegen.Benchmarks;

/// <summary>
/// What the generator costs each build in a process that stays up, as the compiler server does: every build starts
/// a new generator driver over the spec read afresh (an equal text, another string), so the driver's own cache is
/// empty and only <see cref="SpecResultCache"/> can spare the parse. Builds run in pairs, one finding its spec in the
/// cache and one not (which goes first alternates), after warm-up runs of both; then what an entry keeps alive.
/// </summary>
internal static class NextBuild
{
    public static void Run(string spec, int pairs)
    {
        var path = spec == "project" ? RepoPaths.ProjectSpec : RepoPaths.PublishedSpec;
        var compilation = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText("namespace Consumer; public class Service { }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        // A build without the cache's help reads the spec under a path of its own, which no entry has.
        var uncached = 0;
        double Build(bool cached)
        {
            var text = new GenerationBenchmarks.MemoryText(cached ? path : $"{path}.{++uncached}.yaml", File.ReadAllText(path));
            GeneratorDriver driver = CSharpGeneratorDriver.Create([new OpenApiGenerator().AsSourceGenerator()], [text], optionsProvider: new GenerationBenchmarks.SpecOptions());
            var stopwatch = Stopwatch.StartNew();
            driver = driver.RunGenerators(compilation);
            stopwatch.Stop();
            if (driver.GetRunResult().Results.Single().Exception is { } exception)
            {
                throw exception;
            }

            return stopwatch.Elapsed.TotalMilliseconds;
        }

        for (var i = 0; i < 5; i++)
        {
            Build(cached: false);
            Build(cached: true);
        }

        var on = new List<double>();
        var off = new List<double>();
        for (var i = 0; i < pairs; i++)
        {
            if (i % 2 == 0)
            {
                off.Add(Build(cached: false));
                on.Add(Build(cached: true));
            }
            else
            {
                on.Add(Build(cached: true));
                off.Add(Build(cached: false));
            }
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine($"{spec}: a build's generator run, median of {pairs}: {Median(off):F1} ms parsing ({off.Min():F1}–{off.Max():F1}), "
            + $"{Median(on):F1} ms with the spec already parsed ({on.Min():F1}–{on.Max():F1}); {SpecResultCache.Parses} parses in all");

        SpecResultCache.Capacity = 1;
        Build(cached: true);
        var held = GC.GetTotalMemory(forceFullCollection: true);
        SpecResultCache.Capacity = 0;
        var released = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"  the cache's entry keeps {(held - released) / (1024.0 * 1024):F1} MB alive (the text, {new FileInfo(path).Length / (1024.0 * 1024):F1} MB on disk, held as UTF-16, and its model)");
    }
}
