using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IblCodegen.Benchmarks;

/// <summary>
/// What the generated code costs the build: a consumer compilation against the .NET reference set, generated into
/// and then compiled to IL (Roslyn's Emit), each step timed in this process. The second round is warm.
/// </summary>
internal static class CompileTiming
{
    public static void Run(string spec)
    {
        var benchmark = new GenerationBenchmarks { Spec = spec };
        benchmark.SetupFullRun();
        var references = Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Where(IsManaged)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        for (var round = 1; round <= 2; round++)
        {
            var compilation = CSharpCompilation.Create(
                "Consumer",
                [CSharpSyntaxTree.ParseText("namespace Consumer; public class Service { }")],
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

            var stopwatch = Stopwatch.StartNew();
            benchmark.CreateDriverForCompile().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
            var generate = stopwatch.Elapsed;

            stopwatch.Restart();
            using var stream = new MemoryStream();
            var result = output.Emit(stream);
            var emit = stopwatch.Elapsed;

            var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            Console.WriteLine($"{spec} round {round}: generate {generate.TotalMilliseconds:F0} ms, compile to IL {emit.TotalMilliseconds:F0} ms "
                + $"({stream.Length / 1024} KB assembly, {errors} errors)");
            if (round == 2)
            {
                // What each part costs: the same compilation without the tag clients, then without any client.
                var generated = output.SyntaxTrees.Where(t => t.FilePath.Length > 0).ToList();
                Part(output, "without the tag clients", generated.Where(t => IsTagClient(t.FilePath)));
                Part(output, "without any client", generated.Where(t => Path.GetFileName(t.FilePath).Contains(".Client", StringComparison.Ordinal)));
            }
        }
    }

    private static void Part(Compilation output, string name, IEnumerable<SyntaxTree> removed)
    {
        var trees = removed.ToList();
        var lines = trees.Sum(t => t.GetText().Lines.Count);
        var smaller = output.RemoveSyntaxTrees(trees);
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var stream = new MemoryStream();
            var result = smaller.Emit(stream);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
            if (i == 0 && !result.Success)
            {
                Console.WriteLine($"  {name}: does not compile ({result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error)})");
                return;
            }
        }

        times.Sort();
        Console.WriteLine($"  {name} ({trees.Count} files, {lines} lines left out): compile to IL {times[1]:F0} ms (median of 3)");
    }

    private static bool IsTagClient(string path)
    {
        var name = Path.GetFileName(path);
        return name.Contains(".Client.", StringComparison.Ordinal) && name.EndsWith("Client.g.cs", StringComparison.Ordinal);
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
