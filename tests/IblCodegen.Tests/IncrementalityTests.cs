using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IblCodegen.Tests;

/// <summary>The pipeline caches: unrelated edits cost nothing, spec edits re-emit only what changed.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] SpecSteps =
        [TrackingNames.SpecFiles, TrackingNames.SpecResults, TrackingNames.Models, TrackingNames.Types];

    [Fact]
    public void An_unrelated_csharp_edit_leaves_every_spec_step_cached()
    {
        var spec = TestAdditionalText.FromFile(RepoPaths.ProjectSpec);
        var compilation = GeneratorHarness.CreateCompilation("namespace Consumer; public class Service { }");
        var driver = GeneratorHarness.CreateDriver([spec]).RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            "namespace Consumer; public class Service { public int Count { get; set; } }")));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in SpecSteps)
        {
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        }

        // The project settings read the compilation (is IHttpClientFactory referenced? ASP.NET Core?): re-run, equal,
        // so the JSON context, client and server outputs below them stay cached.
        Assert.All(
            result.TrackedSteps[TrackingNames.ProjectSettings].SelectMany(s => s.Outputs),
            output => Assert.Contains(output.Reason, new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached }));
        Assert.All(
            result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        Assert.Contains(result.GeneratedSources, s => s.HintName == "IblDataManager.Client.CatalogClient.g.cs");
    }

    [Fact]
    public void A_formatting_only_spec_edit_reparses_but_changes_no_model()
    {
        var text = File.ReadAllText(RepoPaths.ProjectSpec);
        var (first, second) = RunTwice(text, text + "\n\n# a comment at the end\n");

        Assert.Equal(IncrementalStepRunReason.Modified, Reason(second, TrackingNames.SpecFiles));
        Assert.Equal(IncrementalStepRunReason.Unchanged, Reason(second, TrackingNames.SpecResults));
        Assert.Contains(Reason(second, TrackingNames.Models), new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached });
        Assert.All(second.TrackedSteps[TrackingNames.Types].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(first.GeneratedSources.Length, second.GeneratedSources.Length);
    }

    [Fact]
    public void A_schema_edit_re_emits_only_the_file_of_the_type_it_changes()
    {
        var text = File.ReadAllText(RepoPaths.ProjectSpec);
        var editedText = text.Replace("description: The total, in seconds.", "description: The total time, in seconds.");
        Assert.NotEqual(text, editedText);
        var (_, second) = RunTwice(text, editedText);

        var groups = second.TrackedSteps[TrackingNames.Types].SelectMany(s => s.Outputs).ToList();
        Assert.True(groups.Count > 1);
        var modified = groups.Where(o => o.Reason == IncrementalStepRunReason.Modified).ToList();
        var single = (Model.TypeGroupOutput)Assert.Single(modified).Value;
        Assert.Equal("T", single.Key);
        Assert.Contains(single.Types, t => t.Type.Name == "TimeSpentPerUserResponse");
        Assert.All(groups.Except(modified), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached }));
    }

    private static (GeneratorRunResult First, GeneratorRunResult Second) RunTwice(string before, string after)
    {
        var compilation = GeneratorHarness.CreateCompilation("namespace Consumer; public class Service { }");
        var original = new TestAdditionalText(RepoPaths.ProjectSpec, before);
        var driver = GeneratorHarness.CreateDriver([original]).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        driver = driver.ReplaceAdditionalText(original, new TestAdditionalText(RepoPaths.ProjectSpec, after)).RunGenerators(compilation);
        return (first, driver.GetRunResult().Results.Single());
    }

    private static IncrementalStepRunReason Reason(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Single().Reason;
}
