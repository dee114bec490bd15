using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace IblCodegen.Tests;

/// <summary>
/// A new version of the spec regenerates on the next run, with no clean; an unchanged spec regenerates nothing; and
/// what changed reaches the service owner as errors naming the handler to add or delete.
/// </summary>
public sealed class SpecVersionTests
{
    private static readonly string V1 = File.ReadAllText(RepoPaths.ProjectSpec);

    /// <summary>v2: a version bump, an added operation, a removed field, a removed operation.</summary>
    private static readonly string V2 = V1
        .Replace("version: 3.59.0-ai-plus", "version: 3.60.0-ai-plus", StringComparison.Ordinal)
        .Replace("""
                    user_count:
                      type: integer
                      description: How many learners the group has.
            """, string.Empty, StringComparison.Ordinal)
        .Replace("""
              /api/catalog/suggestions/course/user/:
            """, """
              /api/catalog/suggestions/summary/:
                get:
                  operationId: catalog_suggestions_summary_retrieve
                  tags: [catalog]
                  responses:
                    '200':
                      description: How many suggestions there are.
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/TimeSpentPerUserResponse'
              /api/catalog/suggestions/course/user/:
            """, StringComparison.Ordinal)
        .Replace("operationId: catalog_suggestions_pathway_manage_destroy", "operationId: catalog_suggestions_pathway_manage_destroy\n      deprecated: true", StringComparison.Ordinal);

    [Fact]
    public void The_v2_text_differs_from_v1_in_the_intended_places()
    {
        Assert.Contains("3.60.0-ai-plus", V2);
        Assert.DoesNotContain("How many learners the group has.", V2);
        Assert.Contains("catalog_suggestions_summary_retrieve", V2);
    }

    [Fact]
    public void A_new_spec_version_regenerates_on_the_next_run()
    {
        var handlers = ServerGenerationTests.HandWrittenHandlers("[IblCodegen.OpenApiHandlers(Tags = [\"catalog\"])]", method => method.Contains("Suggestions", StringComparison.Ordinal));
        var compilation = GeneratorHarness.CreateCompilation(web: true, handlers);
        var v1 = new TestAdditionalText(RepoPaths.ProjectSpec, V1);
        var driver = GeneratorHarness.CreateDriver([v1]).RunGenerators(compilation);
        var first = driver.GetRunResult();
        Assert.Empty(first.Diagnostics);
        Assert.Contains("UserCount", Source(first, "IblDataManager.Models.C.g.cs"));

        driver = driver.ReplaceAdditionalText(v1, new TestAdditionalText(RepoPaths.ProjectSpec, V2)).RunGenerators(compilation);
        var second = driver.GetRunResult();
        Assert.Contains("public const string Version = \"3.60.0-ai-plus\";", Source(second, "IblDataManager.Spec.g.cs"));
        Assert.DoesNotContain("UserCount", Source(second, "IblDataManager.Models.C.g.cs"));

        // The added operation is an error naming the handler to write.
        var missing = Assert.Single(second.Diagnostics, d => d.Id == "IBL0101");
        Assert.Contains("catalog_suggestions_summary_retrieve", missing.GetMessage());
        Assert.Contains("GetSuggestionsSummaryAsync(CancellationToken cancellationToken)", missing.GetMessage());
    }

    [Fact]
    public void A_removed_operation_is_an_error_naming_the_handler_to_delete()
    {
        var handlers = ServerGenerationTests.HandWrittenHandlers("[IblCodegen.OpenApiHandlers(Tags = [\"catalog\"])]", method => method.Contains("Suggestions", StringComparison.Ordinal));
        var withoutDelete = WithoutOperation(V1, "catalog_suggestions_course_manage_group_destroy");
        var run = GeneratorHarness.RunWeb(new TestAdditionalText(RepoPaths.ProjectSpec, withoutDelete), handlers);
        var stale = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0104", stale.Id);
        Assert.Contains("Handlers.DeleteSuggestionsCourseManageGroupAsync", stale.GetMessage());
        Assert.Contains("\"ibl-data-manager\" 3.59.0-ai-plus", stale.GetMessage());
        Assert.Equal("DeleteSuggestionsCourseManageGroupAsync", MarkedText(run, stale));
    }

    [Fact]
    public void A_renamed_operation_is_one_error_at_the_handler_naming_both_names()
    {
        // Same path, verb and parameters, another operationId: the handler's name no longer matches.
        var handlers = ServerGenerationTests.HandWrittenHandlers("[IblCodegen.OpenApiHandlers(Tags = [\"catalog\"])]", method => method.Contains("Suggestions", StringComparison.Ordinal));
        var renamed = V1.Replace("operationId: catalog_suggestions_course_manage_group_destroy", "operationId: catalog_suggestions_course_manage_group_withdraw", StringComparison.Ordinal);
        var run = GeneratorHarness.RunWeb(new TestAdditionalText(RepoPaths.ProjectSpec, renamed), handlers);

        // One diagnostic: not IBL0104 for the old handler and IBL0101 for the new operation besides.
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0109", diagnostic.Id);
        var message = diagnostic.GetMessage();
        Assert.Contains("'catalog_suggestions_course_manage_group_withdraw' (DELETE /api/catalog/suggestions/course/manage/group/)", message);
        Assert.Contains("renamed from DeleteSuggestionsCourseManageGroupAsync to SuggestionsCourseManageGroupWithdrawAsync", message);
        Assert.Equal("DeleteSuggestionsCourseManageGroupAsync", MarkedText(run, diagnostic));

        // The new operation answers 501 meanwhile, so the compiler's one complaint is at the old method (CS0759).
        Assert.Equal(["CS0759"], run.CompileProblems().Select(d => d.Id));
    }

    [Fact]
    public void The_same_spec_text_again_regenerates_nothing()
    {
        var compilation = GeneratorHarness.CreateCompilation("namespace Consumer; public class Service { }");
        var v1 = new TestAdditionalText(RepoPaths.ProjectSpec, V1);
        var driver = GeneratorHarness.CreateDriver([v1]).RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(v1, new TestAdditionalText(RepoPaths.ProjectSpec, new string(V1.AsSpan()))).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        Assert.Contains(
            result.TrackedSteps[TrackingNames.SpecFiles].Single().Outputs.Single().Reason,
            new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached });
        Assert.All(result.TrackedSteps[TrackingNames.Types].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(
            result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void A_scaffolded_class_compiles_and_stubs_every_missing_handler()
    {
        var run = GeneratorHarness.RunWeb(TestAdditionalText.FromFile(RepoPaths.ProjectSpec), """
            namespace Service;
            /// <summary>A new service.</summary>
            [IblCodegen.OpenApiHandlers(Tags = ["audience"], StubMissingHandlers = true)]
            public partial class Handlers
            {
                /// <summary>Written already: no stub for this one.</summary>
                public partial global::System.Threading.Tasks.Task<global::Microsoft.AspNetCore.Http.HttpResults.Results<global::Microsoft.AspNetCore.Http.HttpResults.Ok<global::IblDataManager.ActiveUsersPerCourse>, global::Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>> GetOrgsActiveUsersPerCourseAsync(string org, int? departmentId, bool? departmentMode, string? endDate, global::IblDataManager.Format format, bool includeMainPlatform, string? startDate, global::System.Threading.CancellationToken cancellationToken) =>
                    throw new global::System.NotImplementedException();
            }
            """);
        Assert.Empty(run.CompileProblems());
        var stub = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0105", stub.Id);
        Assert.Equal(DiagnosticSeverity.Warning, stub.DefaultSeverity);
        Assert.Contains("GetOrgsActiveUsersOverTimeAsync", stub.GetMessage());
    }

    /// <summary>The spec text without one operation: its method key and every line indented under it.</summary>
    private static string WithoutOperation(string spec, string operationId)
    {
        var lines = spec.Split('\n').ToList();
        var id = lines.FindIndex(l => l.Trim() == "operationId: " + operationId);
        var start = lines.FindLastIndex(id, l => l.StartsWith("    ", StringComparison.Ordinal) && !l.StartsWith("     ", StringComparison.Ordinal));
        var end = lines.FindIndex(start + 1, l => l.Trim().Length > 0 && !l.StartsWith("     ", StringComparison.Ordinal));
        lines.RemoveRange(start, end - start);
        var text = string.Join('\n', lines);
        Assert.DoesNotContain(operationId, text);
        return text;
    }

    private static string MarkedText(GeneratorRun run, Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);

    private static string Source(GeneratorDriverRunResult result, string hintName) =>
        result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}
