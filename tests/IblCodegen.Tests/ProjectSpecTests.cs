using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>The project's own spec (spec/ibl-data-manager.yaml): what it generates, and that it compiles cleanly.</summary>
public sealed class ProjectSpecTests
{
    private static readonly Lazy<GeneratorRun> Run = new(() => GeneratorHarness.Run(TestAdditionalText.FromFile(RepoPaths.ProjectSpec)));

    [Fact]
    public void Reports_no_diagnostics()
    {
        Assert.Empty(Run.Value.GeneratorDiagnostics);
        Assert.Empty(Run.Value.DriverDiagnostics);
    }

    [Fact]
    public void Generated_code_compiles_without_errors_or_warnings()
    {
        var problems = Run.Value.CompileProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
    }

    [Fact]
    public void Generated_code_matches_the_baselines()
    {
        Snapshot.MatchFolder("ProjectSpec", Run.Value.Sources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()));
        Run.Value.AssertRerunIsCached();
    }
}
