using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>
/// An empty security requirement (<c>security: [{key: []}, {}]</c>) means a caller may come without credentials. The
/// generated endpoint lets such a caller in, still identifies a caller with a valid key, and turns away a wrong key
/// with 401, while an operation that needs the key keeps needing it.
/// </summary>
public sealed class OptionalCredentialsTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: desk, version: '1' }
        components:
          securitySchemes:
            key: { type: apiKey, in: header, name: Authorization }
        security: [ { key: [] } ]
        paths:
          /open:
            get:
              operationId: open_retrieve
              security: []
              responses: { '200': { description: ok, content: { application/json: { schema: { type: string } } } } }
          /optional:
            get:
              operationId: optional_retrieve
              security: [ { key: [] }, {} ]
              responses: { '200': { description: ok, content: { application/json: { schema: { type: string } } } } }
          /closed:
            get:
              operationId: closed_retrieve
              responses: { '200': { description: ok, content: { application/json: { schema: { type: string } } } } }
        """;

    /// <summary>Each handler answers with the caller's name, or "anonymous".</summary>
    private const string Handlers = """
        namespace Service;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Http.HttpResults;

        /// <summary>The handlers.</summary>
        [IblCodegen.OpenApiHandlers]
        public sealed partial class Handlers
        {
            public partial Task<Results<Ok<string>, ProblemHttpResult>> GetOpenAsync(CancellationToken cancellationToken) => Caller();

            public partial Task<Results<Ok<string>, ProblemHttpResult>> GetOptionalAsync(CancellationToken cancellationToken) => Caller();

            public partial Task<Results<Ok<string>, ProblemHttpResult>> GetClosedAsync(CancellationToken cancellationToken) => Caller();

            private Task<Results<Ok<string>, ProblemHttpResult>> Caller() =>
                Task.FromResult<Results<Ok<string>, ProblemHttpResult>>(TypedResults.Ok(HttpContext.User.Identity?.IsAuthenticated == true ? HttpContext.User.Identity.Name! : "anonymous"));
        }
        """;

    /// <summary>The service, on 127.0.0.1, with one valid key: "clerk".</summary>
    private const string Host = """
        namespace Service;
        using System.Net.Http;
        using System.Threading.Tasks;

        /// <summary>The service.</summary>
        public static class Host
        {
            /// <summary>Status and body of each request.</summary>
            public static async Task<string[]> RunAsync(HttpRequestMessage[] requests)
            {
                await using var app = Loopback.Server.Build(Loopback.Server.CreateBuilder("clerk"));
                Handlers.MapEndpoints(app);
                return await Loopback.Server.AnswerAsync(app, requests);
            }
        }
        """;

    [Fact]
    public async Task Optional_credentials_let_anonymous_callers_in_and_turn_a_wrong_key_away_over_http()
    {
        var run = GeneratorHarness.RunWeb(new TestAdditionalText("/specs/desk.yaml", Spec), Handlers, Host, LoopbackSource.Code);
        Assert.Empty(run.GeneratorDiagnostics);
        var assembly = GeneratedAssembly.Load(run);
        HttpRequestMessage[] requests =
        [
            LoopbackSource.Request("GET", "/open"),
            LoopbackSource.Request("GET", "/optional"),
            LoopbackSource.Request("GET", "/optional", key: "clerk"),
            LoopbackSource.Request("GET", "/optional", key: "stranger"),
            LoopbackSource.Request("GET", "/closed"),
            LoopbackSource.Request("GET", "/closed", key: "clerk"),
            LoopbackSource.Request("GET", "/closed", key: "stranger"),
        ];

        var answers = await (Task<string[]>)assembly.GetRequiredType("Service.Host").GetMethod("RunAsync")!.Invoke(null, [requests])!;

        Assert.Equal(
            ["200 \"anonymous\"", "200 \"anonymous\"", "200 \"clerk\"", "401", "401", "200 \"clerk\"", "401"],
            answers.Select(answer => answer.StartsWith("401 ", StringComparison.Ordinal) ? "401" : answer));
        Assert.Contains("Credentials are optional", run.Source("Desk.Handlers.Service.Handlers.g.cs"), StringComparison.Ordinal);
    }

    /// <summary>
    /// In the published spec, the operations whose security holds an empty requirement (read by YamlDotNet) are
    /// exactly those whose endpoints take optional credentials.
    /// </summary>
    [PublishedSpecFact]
    public void The_published_spec_s_operations_with_an_empty_requirement_are_exactly_those_with_optional_credentials()
    {
        var document = YamlDotNetSpec.Read(File.ReadAllText(RepoPaths.PublishedSpec));
        var wanted = YamlDotNetSpec.Operations(document)
            .Where(operation => operation.Node["x-ibl-permissions"] is null
                && (operation.Node["security"] ?? document["security"])?.AsArray().Any(requirement => requirement is JsonObject { Count: 0 }) == true)
            .Select(operation => operation.Id!)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(wanted.Count > 5, $"Only {wanted.Count} operations with optional credentials were found.");

        var run = GeneratorHarness.Run(
            [TestAdditionalText.FromFile(RepoPaths.PublishedSpec)],
            null,
            web: true,
            "namespace Service;\n/// <summary>Stubs.</summary>\n[IblCodegen.OpenApiHandlers(StubMissingHandlers = true)]\npublic sealed partial class Handlers { }");
        var server = run.Source("IblDataManager4904AiPlus.Handlers.Service.Handlers.g.cs");
        var optional = Regex.Matches(server, @"name: ""(?<id>[^""]+)""[^;]*credentialsOptional: true\);")
            .Select(m => m.Groups["id"].Value)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(wanted, optional);
    }
}
