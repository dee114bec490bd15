using System.Text.RegularExpressions;
using IblCodegen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace IblCodegen.Tests;

/// <summary>Server stubs: handler declarations, endpoints, selection, and the errors that name missing handlers.</summary>
public sealed partial class ServerGenerationTests(ITestOutputHelper output)
{
    private static TestAdditionalText ProjectSpec => TestAdditionalText.FromFile(RepoPaths.ProjectSpec);

    [Fact]
    public void A_selected_operation_without_a_handler_is_an_error_naming_the_operation_and_the_method()
    {
        var run = GeneratorHarness.RunWeb(ProjectSpec, """
            namespace Service;
            [IblCodegen.OpenApiHandlers(Operations = ["catalog_suggestions_course_manage_group_destroy"])]
            public partial class Handlers { }
            """);

        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "IBL0101");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        var message = error.GetMessage();
        Assert.Contains("catalog_suggestions_course_manage_group_destroy", message);
        Assert.Contains("DELETE /api/catalog/suggestions/course/manage/group/", message);
        Assert.Contains("'public partial async Task<Results<Ok, ProblemHttpResult>> DeleteSuggestionsCourseManageGroupAsync(string platformKey, int suggestionId, bool? departmentMode, CancellationToken cancellationToken)'", message);
        Assert.Contains("StubMissingHandlers", message);
        Assert.Equal(2, error.Location.GetLineSpan().StartLinePosition.Line);

        // One diagnostic for the one missing handler: the compiler adds none of its own (CS8795, CS0759).
        Assert.DoesNotContain(run.CompileProblems(), d => d.Id is "CS8795" or "CS0759" or "CS0111");
    }

    [Fact]
    public void A_selection_entry_that_matches_nothing_is_IBL0106_at_the_entry_naming_the_closest()
    {
        var run = GeneratorHarness.RunWeb(ProjectSpec, """
            namespace Service;
            [IblCodegen.OpenApiHandlers(Tags = ["catalogue"], Operations = ["catalog_suggestions_course_manage_group_delete"], StubMissingHandlers = true)]
            public partial class Handlers { }
            """);
        var errors = run.GeneratorDiagnostics.Where(d => d.Id == "IBL0106").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal("\"catalogue\"", errors[0].Location.SourceTree!.GetText().ToString(errors[0].Location.SourceSpan));
        Assert.Contains("closest: 'catalog'", errors[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'catalog_suggestions_course_manage_group_destroy'", errors[1].GetMessage(), StringComparison.Ordinal);
        Assert.All(errors, e => Assert.Equal(DiagnosticSeverity.Error, e.DefaultSeverity));
    }

    [Fact]
    public void Handler_diagnostics_stand_at_the_class_name_in_source_and_pragma_suppresses_them()
    {
        const string Class = """
            namespace Service;
            [IblCodegen.OpenApiHandlers(Tags = ["audience"], StubMissingHandlers = true)]
            public partial class Handlers { }
            """;
        var run = GeneratorHarness.RunWeb(ProjectSpec, Class);
        var stubs = run.GeneratorDiagnostics.Where(d => d.Id == "IBL0105").ToList();
        Assert.Equal(2, stubs.Count);
        Assert.All(stubs, d =>
        {
            Assert.Equal(LocationKind.SourceFile, d.Location.Kind);
            Assert.Equal("Handlers", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        });

        var suppressed = GeneratorHarness.RunWeb(ProjectSpec, "#pragma warning disable IBL0105\n" + Class);
        Assert.DoesNotContain(suppressed.GeneratorDiagnostics, d => d.Id == "IBL0105" && !d.IsSuppressed);
    }

    [Fact]
    public void Statuses_an_endpoint_produces_on_its_own_are_declared_where_the_spec_does_not()
    {
        const string Spec = """
            openapi: 3.0.3
            info: { title: statuses, version: '1' }
            components:
              securitySchemes:
                key: { type: apiKey, in: header, name: Authorization }
            security: [ { key: [] } ]
            paths:
              /things/{id}/:
                post:
                  operationId: things_update
                  x-ibl-permissions: [IsAdmin]
                  parameters:
                    - { name: id, in: path, required: true, schema: { type: integer } }
                  requestBody:
                    required: true
                    content: { application/json: { schema: { type: object, properties: { name: { type: string } } } } }
                  responses:
                    '200': { description: Updated. }
                    '403': { description: Not yours. }
              /ping/:
                get:
                  operationId: ping
                  security: []
                  responses:
                    '204': { description: Alive. }
            """;
        var run = GeneratorHarness.RunWeb(
            new TestAdditionalText("/specs/statuses.yaml", Spec),
            "namespace Service; /// <summary>Stubs.</summary>\n[IblCodegen.OpenApiHandlers(StubMissingHandlers = true)] public partial class Handlers { }");
        var server = run.Source("Statuses.Handlers.Service.Handlers.g.cs");
        // The problem statuses each endpoint's mapping declares.
        int[] Problems(string name)
        {
            var mapping = server[server.IndexOf($"name: \"{name}\"", StringComparison.Ordinal)..].Split(';')[0];
            var list = Regex.Match(mapping, @"problems: \[(?<statuses>[^\]]*)\]").Groups["statuses"].Value;
            return list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        }

        var update = Problems("things_update");
        Assert.Single(update, status => status == 403);
        Assert.All(new[] { 400, 401, 415, 501 }, status => Assert.Contains(status, update));
        var ping = Problems("ping");
        Assert.DoesNotContain(400, ping);
        Assert.DoesNotContain(401, ping);
        Assert.Contains(501, ping);
    }

    [Fact]
    public void Unselected_operations_create_no_obligations()
    {
        var run = GeneratorHarness.RunWeb(ProjectSpec, HandWrittenHandlers("[IblCodegen.OpenApiHandlers(Tags = [\"audience\"])]", method => method.Contains("GetOrgsActiveUsers", StringComparison.Ordinal)));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileProblems());
        var handlers = run.Source("IblDataManager.Handlers.Service.Handlers.g.cs");
        Assert.Equal(2, Regex.Matches(handlers, @"Endpoints\.Map\(group, ").Count);
        Assert.DoesNotContain("catalog_", handlers);
    }

    [Fact]
    public void The_project_spec_server_compiles_cleanly_and_matches_the_baseline()
    {
        var run = GeneratorHarness.RunWeb(ProjectSpec, HandWrittenHandlers("[IblCodegen.OpenApiHandlers]", _ => true));
        Assert.Empty(run.GeneratorDiagnostics);
        var problems = run.CompileProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        run.AssertRerunIsCached();
        Snapshot.MatchFolder("ProjectSpecServer", run.Sources
            .Where(s => s.HintName.Contains(".Handlers.", StringComparison.Ordinal) || s.HintName.StartsWith("IblCodegen.Server", StringComparison.Ordinal))
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString()));
    }

    [Fact]
    public void Without_aspnetcore_no_server_code_is_generated()
    {
        var run = GeneratorHarness.Run(ProjectSpec, "namespace Service; /// <summary>Handlers.</summary>\n[IblCodegen.OpenApiHandlers] public partial class Handlers { }");
        Assert.DoesNotContain(run.Sources, s => s.HintName.Contains("Handlers", StringComparison.Ordinal) && !s.HintName.Contains("Attribute", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Sources, s => s.HintName.StartsWith("IblCodegen.Server", StringComparison.Ordinal));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void A_web_project_without_a_handler_class_gets_no_server_runtime_until_it_declares_one()
    {
        var clientOnly = GeneratorHarness.RunWeb(ProjectSpec, "namespace Consumer; /// <summary>Calls the service.</summary>\npublic class Service { }");
        Assert.Contains(clientOnly.Sources, s => s.HintName == "IblDataManager.Client.g.cs");
        Assert.DoesNotContain(clientOnly.Sources, s => s.HintName.StartsWith("IblCodegen.Server", StringComparison.Ordinal));
        Assert.Empty(clientOnly.CompileProblems());

        // Adding the class to the same driver's next run brings the runtime in, as an IDE edit would.
        var withHandlers = clientOnly.Driver.RunGenerators(clientOnly.Input.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(
            "namespace Service; /// <summary>Handlers.</summary>\n[IblCodegen.OpenApiHandlers(StubMissingHandlers = true)] public partial class Handlers { }",
            GeneratorHarness.ParseOptions))).GetRunResult();
        Assert.Contains(withHandlers.Results.Single().GeneratedSources, s => s.HintName == "IblCodegen.Server.Runtime.g.cs");
    }

    [Theory]
    [InlineData("public static partial class Handlers { }")]
    [InlineData("public class Handlers { }")]
    [InlineData("public class Outer { [IblCodegen.OpenApiHandlers] public partial class Handlers { } }")]
    public void A_class_that_cannot_take_handlers_is_IBL0103(string declaration)
    {
        var source = "namespace Service;\n" + (declaration.Contains("Outer", StringComparison.Ordinal) ? declaration : "[IblCodegen.OpenApiHandlers]\n" + declaration);
        var run = GeneratorHarness.RunWeb(ProjectSpec, source);
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "IBL0103");
    }

    [Fact]
    public void Naming_a_spec_the_project_lacks_is_IBL0102()
    {
        var run = GeneratorHarness.RunWeb(ProjectSpec, "namespace Service; [IblCodegen.OpenApiHandlers(\"petstore\")] public partial class Handlers { }");
        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("IBL0102", error.Id);
        Assert.Contains("ibl-data-manager", error.GetMessage());
    }

    [Fact]
    public void Permissions_come_from_the_extension_or_the_description_sentence()
    {
        const string spec = """
            openapi: 3.0.3
            info: { title: perms, version: '1' }
            paths:
              /a:
                get:
                  operationId: a_retrieve
                  x-ibl-permissions: [CanRead, CanAudit]
                  responses: { '200': { description: ok } }
              /b:
                get:
                  operationId: b_retrieve
                  description: |-
                    Lists things.

                    Access Control:
                        - Requires IsDMAdmin, IsPlatformAdmin, or IsDepartmentModeAdminInPlatform permission
                  responses: { '200': { description: ok } }
              /c:
                get:
                  operationId: c_retrieve
                  x-ibl-permissions: 'not a list'
                  responses: { '200': { description: ok } }
            """;
        var run = GeneratorHarness.RunWeb(
            new TestAdditionalText("/specs/perms.yaml", spec),
            "namespace Service; [IblCodegen.OpenApiHandlers(StubMissingHandlers = true)] public partial class Handlers { }");
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "IBL0007" && d.GetMessage().Contains("c_retrieve", StringComparison.Ordinal));
        var info = run.Source("Perms.Spec.g.cs");
        foreach (var permission in new[] { "CanRead", "CanAudit", "IsDMAdmin", "IsPlatformAdmin", "IsDepartmentModeAdminInPlatform" })
        {
            Assert.Contains($"public const string {permission} = \"{permission}\";", info);
        }

        // Which operation requires which permissions, read from the endpoint mappings' syntax.
        var required = PermissionsByOperation(run.Source("Perms.Handlers.Service.Handlers.g.cs"));
        Assert.Equal(["CanRead", "CanAudit"], required["a_retrieve"]);
        Assert.Equal(["IsDMAdmin", "IsPlatformAdmin", "IsDepartmentModeAdminInPlatform"], required["b_retrieve"]);
        Assert.Empty(required["c_retrieve"]);
    }

    /// <summary>
    /// For each mapped endpoint (an <c>Endpoints.Map</c> call, by its <c>name:</c> argument), the permissions its
    /// <c>permissions:</c> argument lists, empty when it is null.
    /// </summary>
    private static Dictionary<string, string[]> PermissionsByOperation(string source)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var root = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source).GetRoot();
        foreach (var call in root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>())
        {
            if (call.Expression is not Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.Text: "Map" })
            {
                continue;
            }

            var arguments = call.ArgumentList.Arguments.Where(a => a.NameColon is not null).ToDictionary(a => a.NameColon!.Name.Identifier.Text, a => a.Expression);
            if (arguments.TryGetValue("name", out var name) && name is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax operationId)
            {
                var permissions = arguments["permissions"] is Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax list
                    ? list.Elements.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionElementSyntax>()
                        .Select(e => ((Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax)e.Expression).Token.ValueText).ToArray()
                    : [];
                result.Add(operationId.Token.ValueText, permissions);
            }
        }

        return result;
    }

    [PublishedSpecFact]
    public void The_published_spec_server_with_every_operation_compiles_cleanly()
    {
        var spec = TestAdditionalText.FromFile(RepoPaths.PublishedSpec);
        // Every operation stubbed by the generator (501): the point here is that everything generated compiles.
        var run = GeneratorHarness.RunWeb(spec, "namespace Service;\n/// <summary>The handlers.</summary>\n[IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]\npublic partial class Handlers { }");
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
        var problems = run.CompileProblems();
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems.Take(20)));
        var server = run.Source("IblDataManager4904AiPlus.Handlers.Service.Handlers.g.cs");
        Assert.Equal(1176, Regex.Matches(server, @"Endpoints\.Map\(group, ").Count);
        output.WriteLine($"Server file: {server.Split('\n').Length} lines for 1176 operations.");
    }

    /// <summary>
    /// The project spec's handlers as written by hand (Inputs/ProjectSpecHandlers.cs.txt), under <paramref name="attribute"/>,
    /// with the methods <paramref name="keep"/> accepts: an expectation the generator's output is checked against,
    /// not one derived from it.
    /// </summary>
    internal static string HandWrittenHandlers(string attribute, Func<string, bool> keep)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "IblCodegen.Tests", "Inputs", "ProjectSpecHandlers.cs.txt")).ReplaceLineEndings("\n");
        var start = text.IndexOf("    public partial async", StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        var methods = text[start..end].TrimEnd().Split("\n\n").Where(keep);
        return text[..start].Replace("[IblCodegen.OpenApiHandlers]", attribute, StringComparison.Ordinal) + string.Join("\n\n", methods) + "\n}\n";
    }
}
