using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace IblCodegen.Tests;

/// <summary>The full published ibl spec (../shared): 893 schemas must generate and compile cleanly.</summary>
public sealed class PublishedSpecTests(ITestOutputHelper output)
{
    private static readonly Lazy<GeneratorRun> Run = new(() => GeneratorHarness.Run(TestAdditionalText.FromFile(RepoPaths.PublishedSpec)));

    [PublishedSpecFact]
    public void Generates_without_errors()
    {
        var errors = Run.Value.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        foreach (var info in Run.Value.GeneratorDiagnostics.Where(d => d.Severity < DiagnosticSeverity.Error))
        {
            output.WriteLine(info.ToString());
        }
    }

    [PublishedSpecFact]
    public void Generated_code_compiles_without_errors_or_warnings()
    {
        var problems = Run.Value.CompileProblems();
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems.Take(30)));
        output.WriteLine($"{Run.Value.Sources.Length} files, {Run.Value.LineCount()} lines generated.");
    }

    [PublishedSpecFact]
    public void The_client_covers_every_operation_in_far_fewer_lines_than_the_usual_generator()
    {
        var clients = Run.Value.Sources.Where(s => s.HintName.Contains(".Client.", StringComparison.Ordinal)).ToList();
        var methods = clients.Sum(c => c.SourceText.ToString().Split('\n').Count(line => line.StartsWith("    public global::System.Threading.Tasks.Task", StringComparison.Ordinal)));
        var lines = clients.Sum(c => c.SourceText.Lines.Count);
        output.WriteLine($"{clients.Count} client files, {methods} operation methods, {lines} lines.");
        Assert.Equal(1176, methods);
        Assert.True(lines <= 60_000, $"The client is {lines} lines.");
    }
}
