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
        }
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
