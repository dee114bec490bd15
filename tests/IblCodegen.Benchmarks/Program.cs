using System.Diagnostics;
using BenchmarkDotNet.Running;
using IblCodegen.Benchmarks;

// `measure <project|published>`: one cold generation in this fresh process, timed, with the size of the output.
if (args is ["measure", var spec])
{
    var benchmark = new GenerationBenchmarks { Spec = spec };
    benchmark.SetupFullRun();
    using var census = Environment.GetEnvironmentVariable("IBLCODEGEN_JIT_CENSUS") == "1" ? RuntimeEventCensus.JitByNamespace() : null;
    using var allocations = Environment.GetEnvironmentVariable("IBLCODEGEN_ALLOCATION_CENSUS") == "1" ? RuntimeEventCensus.AllocationsByType() : null;
    var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
    var methodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
    var allocatedBefore = GC.GetTotalAllocatedBytes();
    var pauseBefore = GC.GetTotalPauseDuration();
    int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    var stopwatch = Stopwatch.StartNew();
    var driver = benchmark.FullRun();
    stopwatch.Stop();
    var result = driver.GetRunResult();
    foreach (var pair in census?.Counts.ToArray().OrderByDescending(p => p.Value).Take(Environment.GetEnvironmentVariable("IBLCODEGEN_JIT_CENSUS_FULL") == "1" ? 5000 : 25) ?? [])
    {
        Console.Error.WriteLine($"  jit {pair.Value,5} {pair.Key}");
    }

    foreach (var pair in allocations?.Counts.ToArray().OrderByDescending(p => p.Value).Take(Environment.GetEnvironmentVariable("IBLCODEGEN_JIT_CENSUS_FULL") == "1" ? 5000 : 25) ?? [])
    {
        Console.Error.WriteLine($"  allocated ~{pair.Value * 100,6} KB {pair.Key}");
    }

    var timing = driver.GetTimingInfo();
    Console.Error.WriteLine($"driver total {timing.ElapsedTime.TotalMilliseconds:F0} ms, generator {timing.GeneratorTimes.Single().ElapsedTime.TotalMilliseconds:F0} ms, jit {(System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds:F0} ms for {System.Runtime.JitInfo.GetCompiledMethodCount() - methodsBefore} methods");
    Console.Error.WriteLine($"allocated {(GC.GetTotalAllocatedBytes() - allocatedBefore) / (1024 * 1024)} MB, {GC.CollectionCount(0) - collectionsBefore[0]}/{GC.CollectionCount(1) - collectionsBefore[1]}/{GC.CollectionCount(2) - collectionsBefore[2]} collections of gen 0/1/2 "
        + $"({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC), paused {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:F0} ms");
    var sources = result.Results.Single().GeneratedSources;
    var errors = result.Diagnostics.Count(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
    Console.WriteLine($"{spec}: cold generation {stopwatch.Elapsed.TotalMilliseconds:F0} ms, {sources.Length} files, "
        + $"{sources.Sum(s => s.SourceText.Lines.Count)} lines, {errors} error diagnostics");
    foreach (var group in sources.GroupBy(s => Kind(s.HintName)).OrderBy(g => g.Key))
    {
        Console.WriteLine($"  {group.Key}: {group.Count()} files, {group.Sum(s => s.SourceText.Lines.Count)} lines");
    }

    foreach (var group in result.Diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        Console.WriteLine($"  {group.Key} ×{group.Count()}, first: {group.First().GetMessage()}");
    }

    if (Environment.GetEnvironmentVariable("IBLCODEGEN_DUMP") is { Length: > 0 } folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var source in sources)
        {
            File.WriteAllText(Path.Combine(folder, source.HintName), source.SourceText.ToString());
        }
    }

    return;
}

// `compile <project|published>`: generation, then compiling the consumer with the generated code, each timed.
if (args is ["compile", var compileSpec])
{
    CompileTiming.Run(compileSpec);
    return;
}

// `edits <path>`: what a spec edit costs the next run (see SpecEdits).
if (args is ["edits", var editsSpec])
{
    SpecEdits.Run(editsSpec);
    return;
}

// `next-build <project|published> [pairs]`: the generator's run in each build of a process that stays up (see NextBuild).
if (args is ["next-build", var nextSpec, ..] && args.Length <= 3)
{
    NextBuild.Run(nextSpec, args.Length == 3 ? int.Parse(args[2]) : 20);
    return;
}

// `stages <project|published>`: the same cold run, split into its stages.
if (args is ["stages", var stagesSpec])
{
    StageTimings.Run(stagesSpec == "project" ? RepoPaths.ProjectSpec : RepoPaths.PublishedSpec);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(GenerationBenchmarks).Assembly).Run(args);

// Which part of the output a file belongs to, by its hint name.
static string Kind(string hintName) =>
    hintName.Contains(".Client.", StringComparison.Ordinal) || hintName.EndsWith(".Client.g.cs", StringComparison.Ordinal) ? "client"
    : hintName.Contains(".Models.", StringComparison.Ordinal) ? "models (with their JSON metadata)"
    : hintName.Contains(".Handlers.", StringComparison.Ordinal) || hintName.Contains(".Server.", StringComparison.Ordinal) ? "server"
    : "shared (spec info, page, JSON context, attribute)";
