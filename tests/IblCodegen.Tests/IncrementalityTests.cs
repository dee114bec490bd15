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

    [Fact]
    public void A_schema_description_edit_changes_exactly_the_file_holding_it()
    {
        var text = File.ReadAllText(RepoPaths.ProjectSpec);
        var edited = EditOnce(text, "description: How many learners were active in the course during the range.", "description: How many learners were active in the course in the range.");
        var (first, second) = RunTwice(text, edited, web: true);

        Assert.Equal(["IblDataManager.Models.A.g.cs"], ChangedFiles(first, second));
        AssertUnchanged(second, TrackingNames.JsonGraph, TrackingNames.RootClients, TrackingNames.TagClients, TrackingNames.SpecInfo, TrackingNames.Identities);
    }

    [Fact]
    public void An_operation_summary_edit_changes_only_its_tag_client_and_its_handlers()
    {
        var text = File.ReadAllText(RepoPaths.ProjectSpec);
        var edited = EditOnce(text, "summary: Withdraw a pathway suggestion", "summary: Withdraw a suggested pathway");
        var (first, second) = RunTwice(text, edited, web: true);

        Assert.Equal(["IblDataManager.Client.CatalogClient.g.cs", "IblDataManager.Handlers.Service.Handlers.g.cs"], ChangedFiles(first, second));
        AssertUnchanged(second, TrackingNames.JsonGraph, TrackingNames.RootClients, TrackingNames.SpecInfo, TrackingNames.Identities, TrackingNames.Types);
        var clients = second.TrackedSteps[TrackingNames.TagClients].SelectMany(s => s.Outputs).ToList();
        var modified = Assert.Single(clients, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal("catalog", ((Model.TagClientOutput)modified.Value).Client.Tag);
    }

    [Fact]
    public void A_version_bump_changes_only_the_spec_info_file()
    {
        var text = File.ReadAllText(RepoPaths.ProjectSpec);
        var (first, second) = RunTwice(text, EditOnce(text, "version: 3.59.0-ai-plus", "version: 3.60.0-ai-plus"), web: true);

        Assert.Equal(["IblDataManager.Spec.g.cs"], ChangedFiles(first, second));
        AssertUnchanged(second, TrackingNames.JsonGraph, TrackingNames.RootClients, TrackingNames.TagClients, TrackingNames.Identities, TrackingNames.Types);
    }

    [Fact]
    public void The_step_check_catches_a_location_outside_the_handler_sites()
    {
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ForbiddenTypes.AssertNone("Types", new { Where = Location.None }, allowLocation: false));
        ForbiddenTypes.AssertNone("HandlerSites", new { Where = Location.None }, allowLocation: true);
    }

    private static string EditOnce(string text, string before, string after)
    {
        Assert.Equal(1, CountOf(text, before));
        return text.Replace(before, after, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    /// <summary>The generated files whose text differs between two runs (files added or removed count as changed).</summary>
    private static List<string> ChangedFiles(GeneratorRunResult first, GeneratorRunResult second)
    {
        var before = first.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        var after = second.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.True(after.Count > 10, $"Only {after.Count} files were generated.");
        return before.Keys.Union(after.Keys)
            .Where(name => !before.TryGetValue(name, out var a) || !after.TryGetValue(name, out var b) || a != b)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every output of each step compared equal to the last run's (or was not run at all).</summary>
    private static void AssertUnchanged(GeneratorRunResult result, params string[] steps)
    {
        foreach (var step in steps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, $"{step}: {o.Reason}"));
        }
    }

    private static (GeneratorRunResult First, GeneratorRunResult Second) RunTwice(string before, string after, bool web = false)
    {
        var compilation = web
            ? GeneratorHarness.CreateCompilation(web: true, ServerGenerationTests.HandWrittenHandlers("[IblCodegen.OpenApiHandlers]", _ => true))
            : GeneratorHarness.CreateCompilation("namespace Consumer; public class Service { }");
        var original = new TestAdditionalText(RepoPaths.ProjectSpec, before);
        var driver = GeneratorHarness.CreateDriver([original]).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        driver = driver.ReplaceAdditionalText(original, new TestAdditionalText(RepoPaths.ProjectSpec, after)).RunGenerators(compilation);
        return (first, driver.GetRunResult().Results.Single());
    }

    private static IncrementalStepRunReason Reason(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Single().Reason;
}
