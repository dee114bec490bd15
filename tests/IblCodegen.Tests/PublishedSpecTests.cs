using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace IblCodegen.Tests;

/// <summary>The full published ibl spec (../shared): 893 schemas must generate and compile cleanly.</summary>
public sealed class PublishedSpecTests(ITestOutputHelper output)
{
    private static readonly Lazy<GeneratorRun> Run = new(() => GeneratorHarness.Run(TestAdditionalText.FromFile(RepoPaths.PublishedSpec)));

    [PublishedSpecFact]
    public void Generates_without_errors_or_warnings()
    {
        // The harness treats warnings as errors, as a strict consumer does: the default severity is what was reported.
        // Its two string-or-integer unions (DataSet's and PatchedDataSet's platform values) were warnings while they
        // became JsonElement; they are StringOrInteger now.
        var diagnostics = Run.Value.GeneratorDiagnostics;
        var errors = diagnostics.Where(d => d.DefaultSeverity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        var warnings = diagnostics.Where(d => d.DefaultSeverity == DiagnosticSeverity.Warning).Select(d => d.Id + " " + d.GetMessage()).ToList();
        Assert.Empty(warnings);
        var dataSets = Run.Value.Sources.Single(source => source.HintName.EndsWith(".Models.D.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("IReadOnlyDictionary<string, global::IblDataManager.StringOrInteger>? Platform", dataSets);
        foreach (var diagnostic in diagnostics)
        {
            Assert.Equal(LocationKind.ExternalFile, diagnostic.Location.Kind);
            output.WriteLine(diagnostic.ToString());
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
