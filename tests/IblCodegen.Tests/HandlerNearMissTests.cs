using System.Text.RegularExpressions;
using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace IblCodegen.Tests;

/// <summary>
/// A handler that is almost right: the wrong signature, no <c>partial</c>, written for an operation that was renamed.
/// Each is one IBL diagnostic at the service's own method, saying what to write; the compiler's own errors (judged by
/// the compiler, not by the generator) are at most the one at that method.
/// </summary>
public sealed class HandlerNearMissTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using IblDataManager;
        using Microsoft.AspNetCore.Http.HttpResults;

        namespace Service;

        """;

    [Fact]
    public void A_handler_with_the_wrong_signature_is_one_error_at_it_with_both_signatures()
    {
        // The body before the platform key: the order of an older spec.
        var run = GeneratorHarness.RunWeb(TestAdditionalText.FromFile(RepoPaths.ProjectSpec), Usings + """
            /// <summary>The handlers.</summary>
            [IblCodegen.OpenApiHandlers(Operations = ["catalog_suggestions_course_manage_group_destroy"])]
            public partial class Handlers
            {
                /// <summary>A handler.</summary>
                public partial Task<Results<Ok, ProblemHttpResult>> DeleteSuggestionsCourseManageGroupAsync(int suggestionId, string platformKey, bool? departmentMode, CancellationToken cancellationToken) =>
                    throw new NotImplementedException();
            }
            """);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0107", diagnostic.Id);
        Assert.Equal("DeleteSuggestionsCourseManageGroupAsync", Marked(diagnostic));
        var message = diagnostic.GetMessage();
        Assert.Contains("expected 'public partial async Task<Results<Ok, ProblemHttpResult>> DeleteSuggestionsCourseManageGroupAsync(string platformKey, int suggestionId, bool? departmentMode, CancellationToken cancellationToken)'", message);
        Assert.Contains("found 'Task<Results<Ok, ProblemHttpResult>> DeleteSuggestionsCourseManageGroupAsync(int suggestionId, string platformKey, bool? departmentMode, CancellationToken cancellationToken)'", message);
        Assert.DoesNotContain("global::", message);

        // The operation answers 501 meanwhile: the compiler's only complaint is at the same method, not in generated code.
        var compiler = Assert.Single(run.CompileProblems());
        Assert.Equal("CS0759", compiler.Id);
        Assert.Equal(diagnostic.Location, compiler.Location);
    }

    [Fact]
    public void Nullability_alone_is_not_a_wrong_signature()
    {
        // string? written as string: the compiler only warns (CS8826/CS8611 family), so the generator says nothing.
        var run = GeneratorHarness.RunWeb(TestAdditionalText.FromFile(RepoPaths.ProjectSpec), Usings + """
            #nullable disable
            /// <summary>The handlers.</summary>
            [IblCodegen.OpenApiHandlers(Operations = ["catalog_suggestions_course_user_retrieve"])]
            public partial class Handlers
            {
                /// <summary>A handler.</summary>
                public partial Task<Results<Ok<Page<CourseSuggestionDetail>>, ProblemHttpResult>> GetSuggestionsCourseUserAsync(string user, int? page, int? pageSize, string platformKey, string platformOrg, string sort, CancellationToken cancellationToken) =>
                    throw new NotImplementedException();
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void A_handler_that_drops_a_question_mark_is_still_warned_about_in_the_services_build()
    {
        // The generated declaration (nullable warnings off there) says string? platformOrg; the service's method, where
        // they are on, says string: the compiler warns at the service's method, as for any partial method.
        var run = GeneratorHarness.RunWeb(TestAdditionalText.FromFile(RepoPaths.ProjectSpec), Usings + """
            /// <summary>The handlers.</summary>
            [IblCodegen.OpenApiHandlers(Operations = ["catalog_suggestions_course_user_retrieve"])]
            public partial class Handlers
            {
                /// <summary>A handler.</summary>
                public partial Task<Results<Ok<Page<CourseSuggestionDetail>>, ProblemHttpResult>> GetSuggestionsCourseUserAsync(string user, int? page, int? pageSize, string platformKey, string platformOrg, string sort, CancellationToken cancellationToken) =>
                    throw new NotImplementedException();
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        var warnings = run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, warning =>
        {
            Assert.Equal("CS8611", warning.Id);
            Assert.Equal(run.Input.SyntaxTrees.Single(), warning.Location.SourceTree);
        });
        Assert.Contains(warnings, warning => warning.GetMessage().Contains("'platformOrg'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_handler_without_partial_is_one_error_at_it_and_nothing_else()
    {
        var run = GeneratorHarness.RunWeb(TestAdditionalText.FromFile(RepoPaths.ProjectSpec), Usings + """
            /// <summary>The handlers.</summary>
            [IblCodegen.OpenApiHandlers(Operations = ["catalog_suggestions_course_manage_group_destroy"])]
            public partial class Handlers
            {
                /// <summary>A handler.</summary>
                public Task<Results<Ok, ProblemHttpResult>> DeleteSuggestionsCourseManageGroupAsync(string platformKey, int suggestionId, bool? departmentMode, CancellationToken cancellationToken) =>
                    throw new NotImplementedException();
            }
            """);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0108", diagnostic.Id);
        Assert.Equal("DeleteSuggestionsCourseManageGroupAsync", Marked(diagnostic));
        Assert.Contains("is not partial: declare it 'public partial async Task<Results<Ok, ProblemHttpResult>> DeleteSuggestionsCourseManageGroupAsync(", diagnostic.GetMessage());

        // Not declared a second time (no CS0111) and not stubbed: the endpoint calls the method as written.
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void Other_partial_methods_and_helpers_of_the_class_are_left_alone()
    {
        var run = GeneratorHarness.RunWeb(TestAdditionalText.FromFile(RepoPaths.ProjectSpec), Usings + """
            /// <summary>The handlers.</summary>
            [IblCodegen.OpenApiHandlers(Operations = ["catalog_suggestions_course_manage_group_destroy"], StubMissingHandlers = true)]
            public partial class Handlers
            {
                private static int Helper(int value) => value;

                private partial int Twice(int value);

                private partial int Twice(int value) => Helper(value) * 2;
            }
            """);

        var stub = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0105", stub.Id);
        Assert.Empty(run.CompileProblems());
    }

    [PublishedSpecFact]
    public void Every_operation_of_the_published_spec_accepts_its_own_declaration_as_written()
    {
        // The declarations the generator writes for 1176 operations, written back as the service's handlers (fully
        // qualified, as the service would see them only by name): the compiler must accept every one as the
        // implementation (no CS0759, CS8795, CS0757), and the generator must call none of them a near miss.
        var spec = TestAdditionalText.FromFile(RepoPaths.PublishedSpec);
        var stubbed = GeneratorHarness.RunWeb(spec, "namespace Service;\n[IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]\npublic partial class Handlers { }");
        var declarations = Regex.Matches(stubbed.Source("IblDataManager4904AiPlus.Handlers.Service.Handlers.g.cs"), @"^\s*(public partial global::System\.Threading\.Tasks\.Task<.+\));$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value)
            .ToList();
        Assert.Equal(1176, declarations.Count);

        var handlers = "namespace Service;\n/// <summary>The handlers.</summary>\n[IblCodegen.OpenApiHandlers]\npublic partial class Handlers\n{\n"
            + string.Join("\n", declarations.Select(d => "    /// <summary>A handler.</summary>\n    " + d + " => throw new global::System.NotImplementedException();"))
            + "\n}\n";
        var run = GeneratorHarness.RunWeb(spec, handlers);

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id.StartsWith("IBL01", StringComparison.Ordinal));
        var problems = run.CompileProblems();
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems.Take(10)));
        Assert.DoesNotContain("statusCode: 501", run.Source("IblDataManager4904AiPlus.Handlers.Service.Handlers.g.cs"), StringComparison.Ordinal);
    }

    private static string Marked(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
