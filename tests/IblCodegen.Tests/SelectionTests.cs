using System.Text.RegularExpressions;
using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace IblCodegen.Tests;

/// <summary>
/// A project that names the tags, operationIds or path prefixes it uses gets only those operations and the schemas
/// they reach; the names stay those of the whole spec; an entry that matches nothing is an error.
/// </summary>
public sealed class SelectionTests(ITestOutputHelper output)
{
    private static TestAdditionalText ProjectSpec => TestAdditionalText.FromFile(RepoPaths.ProjectSpec);

    [PublishedSpecFact]
    public void One_tag_of_the_published_spec_generates_its_operations_and_what_they_reach_and_compiles()
    {
        var spec = TestAdditionalText.FromFile(RepoPaths.PublishedSpec);
        var catalog = GeneratorHarness.Run([spec], new Dictionary<string, string> { [OpenApiGenerator.TagsMetadata] = "catalog" });
        var everything = GeneratorHarness.Run(spec);
        catalog.AssertNoCrash();

        Assert.DoesNotContain(catalog.GeneratorDiagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
        var problems = catalog.CompileProblems();
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems.Take(20)));

        // Every catalog operation the document declares (read by an independent YAML reader) has its client method.
        var client = catalog.Source("IblDataManager4904AiPlus.Client.CatalogClient.g.cs");
        var ids = PublishedOperations().Where(o => o.Tags.FirstOrDefault() == "catalog").Select(o => o.Id).ToList();
        Assert.True(ids.Count > 100, $"Only {ids.Count} catalog operations were found.");
        Assert.All(ids, id => Assert.Contains($"\"{id}\"", client, StringComparison.Ordinal));
        Assert.Equal(["IblDataManager4904AiPlus.Client.CatalogClient.g.cs"], catalog.Sources.Select(s => s.HintName).Where(h => h.Contains(".Client.", StringComparison.Ordinal) && h.EndsWith("Client.g.cs", StringComparison.Ordinal) && !h.EndsWith(".Client.g.cs", StringComparison.Ordinal)));

        // Names are the whole spec's: the tag client is the same text either way.
        Assert.Equal(everything.Source("IblDataManager4904AiPlus.Client.CatalogClient.g.cs"), client);

        output.WriteLine($"catalog: {catalog.Sources.Length} files, {catalog.LineCount()} lines; everything: {everything.Sources.Length} files, {everything.LineCount()} lines");
        Assert.True(catalog.LineCount() * 3 < everything.LineCount(), "One tag of 25 should generate far less than the whole spec.");
    }

    /// <summary>
    /// The published spec tags its analytics operations <c>[ai-analytics, analytics]</c>: asking for the second tag
    /// gets them (they stay in the client of the first), and nothing else.
    /// </summary>
    [PublishedSpecFact]
    public void A_tag_an_operation_names_after_its_first_selects_it_in_the_published_spec()
    {
        var spec = TestAdditionalText.FromFile(RepoPaths.PublishedSpec);
        var run = GeneratorHarness.Run([spec], new Dictionary<string, string> { [OpenApiGenerator.TagsMetadata] = "analytics" });
        run.AssertNoCrash();
        Assert.Empty(run.GeneratorDiagnostics);
        var problems = run.CompileProblems();
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems.Take(20)));

        var tagged = PublishedOperations().Where(o => o.Tags.Contains("analytics")).ToList();
        Assert.True(tagged.Count > 10, $"Only {tagged.Count} operations tagged analytics were found.");
        Assert.All(tagged, o => Assert.NotEqual("analytics", o.Tags[0]));
        var wanted = tagged.Select(o => o.Id!).ToList();

        var client = run.Source("IblDataManager4904AiPlus.Client.AiAnalyticsClient.g.cs");
        var documented = Regex.Matches(client, "operation <c>(?<id>[^<]+)</c>").Select(m => m.Groups["id"].Value).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(wanted.Order(StringComparer.Ordinal), documented);
        Assert.Equal(
            ["IblDataManager4904AiPlus.Client.AiAnalyticsClient.g.cs"],
            run.Sources.Select(s => s.HintName).Where(h => h.Contains(".Client.", StringComparison.Ordinal) && !h.EndsWith(".Client.g.cs", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Each tag the published spec's operations name (read by YamlDotNet), selected alone by a service whose handlers
    /// are all stubs: no diagnostic but the stubs' IBL0105, output that compiles, and an endpoint for exactly the
    /// operations that name the tag.
    /// </summary>
    [PublishedSpecFact]
    public void Every_tag_of_the_published_spec_alone_makes_a_service_that_compiles_and_maps_exactly_its_operations()
    {
        const string Handlers = """
            namespace Service;

            /// <summary>Every selected operation, stubbed.</summary>
            [IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]
            public sealed partial class Handlers { }
            """;
        var spec = TestAdditionalText.FromFile(RepoPaths.PublishedSpec);
        var operations = PublishedOperations();
        var tags = operations.SelectMany(o => o.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.True(tags.Count > 20, $"Only {tags.Count} tags were found.");

        var failures = new List<string>();
        foreach (var tag in tags)
        {
            var run = GeneratorHarness.Run([spec], new Dictionary<string, string> { [OpenApiGenerator.TagsMetadata] = tag }, web: true, Handlers);
            run.AssertNoCrash();
            var wrong = run.GeneratorDiagnostics.Where(d => d.Id != "IBL0105").Concat(run.CompileProblems()).Take(3).Select(d => d.ToString()).ToList();
            var mapped = Regex.Matches(run.Source("IblDataManager4904AiPlus.Handlers.Service.Handlers.g.cs"), @"^\s*name: ""(?<id>[^""]+)""", RegexOptions.Multiline)
                .Select(m => m.Groups["id"].Value).Order(StringComparer.Ordinal).ToList();
            var wanted = operations.Where(o => o.Tags.Contains(tag)).Select(o => o.Id!).Order(StringComparer.Ordinal).ToList();
            output.WriteLine($"{tag}: {wanted.Count} operations, {run.Sources.Length} files, {run.LineCount()} lines");
            if (wrong.Count > 0 || !mapped.SequenceEqual(wanted))
            {
                failures.Add($"{tag}: {wanted.Count} operations, {mapped.Count} mapped; {string.Join("; ", wrong)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void A_tag_of_the_project_spec_keeps_the_types_it_reaches_and_drops_the_others()
    {
        var run = GeneratorHarness.Run([ProjectSpec], new Dictionary<string, string> { [OpenApiGenerator.TagsMetadata] = "audience" });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileProblems());
        var models = string.Concat(run.Sources.Where(s => s.HintName.Contains(".Models.", StringComparison.Ordinal)).Select(s => s.SourceText.ToString()));
        Assert.Contains("public partial class ActiveUsersPerCourse", models);
        Assert.Contains("public partial class OvertimeWithChangeInfo", models);
        Assert.DoesNotContain("CourseGroupSuggestionDetail", models);
        Assert.DoesNotContain("TimeSpentPerUserResponse", models);
        Assert.Contains(run.Sources, s => s.HintName == "IblDataManager.Client.AudienceClient.g.cs");
        Assert.DoesNotContain(run.Sources, s => s.HintName == "IblDataManager.Client.CatalogClient.g.cs");
    }

    [Fact]
    public void Operations_and_path_prefixes_select_as_tags_do()
    {
        var run = GeneratorHarness.Run([ProjectSpec], new Dictionary<string, string>
        {
            [OpenApiGenerator.OperationsMetadata] = "catalog_suggestions_course_manage_group_destroy",
            [OpenApiGenerator.PathPrefixesMetadata] = "/api/analytics/",
        });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileProblems());
        var catalog = run.Source("IblDataManager.Client.CatalogClient.g.cs");
        Assert.Contains("DeleteSuggestionsCourseManageGroupAsync", catalog);
        Assert.DoesNotContain("GetSuggestionsCourseManageGroupAsync", catalog);
        Assert.Contains(run.Sources, s => s.HintName == "IblDataManager.Client.AiAnalyticsClient.g.cs");
        Assert.DoesNotContain(run.Sources, s => s.HintName == "IblDataManager.Client.AudienceClient.g.cs");
    }

    [Fact]
    public void An_entry_that_matches_nothing_is_IBL0011_at_the_spec_naming_the_closest()
    {
        var run = GeneratorHarness.Run([ProjectSpec], new Dictionary<string, string>
        {
            [OpenApiGenerator.TagsMetadata] = "catalogue; audience",
            [OpenApiGenerator.OperationsMetadata] = "catalog_suggestions_course_manage_group_delete",
        });
        var errors = run.GeneratorDiagnostics.Where(d => d.Id == "IBL0011").ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(DiagnosticSeverity.Error, e.DefaultSeverity));
        Assert.All(errors, e => Assert.Equal(RepoPaths.ProjectSpec, e.Location.GetLineSpan().Path));
        Assert.Contains(errors, e => e.GetMessage().Contains("Tags entry 'catalogue'", StringComparison.Ordinal) && e.GetMessage().Contains("closest: 'catalog'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.GetMessage().Contains("'catalog_suggestions_course_manage_group_destroy'", StringComparison.Ordinal));

        // What does match is still generated.
        Assert.Contains(run.Sources, s => s.HintName == "IblDataManager.Client.AudienceClient.g.cs");
    }

    /// <summary>The published spec's operations, read with YamlDotNet (not the generator's reader).</summary>
    private static List<YamlDotNetSpec.Operation> PublishedOperations() =>
        YamlDotNetSpec.Operations(YamlDotNetSpec.Read(File.ReadAllText(RepoPaths.PublishedSpec)));
}
