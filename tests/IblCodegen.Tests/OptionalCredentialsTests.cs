using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IblCodegen.Tests.Infrastructure;
using YamlDotNet.Serialization;

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

    /// <summary>Starts the service on 127.0.0.1 with one valid key, "clerk", and makes the requests.</summary>
    private const string Host = """
        namespace Service;
        using System.Linq;
        using System.Net.Http;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using IblCodegen.Server;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Hosting.Server.Features;
        using Microsoft.Extensions.DependencyInjection;

        /// <summary>The service.</summary>
        public static class Host
        {
            /// <summary>Status and body of each request (path, key).</summary>
            public static async Task<string[]> RunAsync((string Path, string? Key)[] requests)
            {
                var builder = WebApplication.CreateSlimBuilder();
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Services.AddProblemDetails();
                builder.Services.AddAuthentication("key").AddApiKey("key", options => options.ValidateKey = (key, _) =>
                    ValueTask.FromResult(key == "clerk" ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, key)], "ApiKey")) : null));
                builder.Services.AddAuthorization();
                await using var app = builder.Build();
                app.UseAuthentication();
                app.UseAuthorization();
                Handlers.MapEndpoints(app);
                await app.StartAsync();
                var address = ((IApplicationBuilder)app).ServerFeatures.Get<IServerAddressesFeature>()!.Addresses.Single();
                using var http = new HttpClient { BaseAddress = new System.Uri(address) };
                var answers = new string[requests.Length];
                for (var i = 0; i < requests.Length; i++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, requests[i].Path);
                    if (requests[i].Key is { } key)
                    {
                        request.Headers.TryAddWithoutValidation("Authorization", "Api-Key " + key);
                    }

                    using var response = await http.SendAsync(request);
                    answers[i] = (int)response.StatusCode + (response.IsSuccessStatusCode ? " " + await response.Content.ReadAsStringAsync() : string.Empty);
                }

                await app.StopAsync();
                return answers;
            }
        }
        """;

    [Fact]
    public async Task Optional_credentials_let_anonymous_callers_in_and_turn_a_wrong_key_away_over_http()
    {
        var run = GeneratorHarness.RunWeb(new TestAdditionalText("/specs/desk.yaml", Spec), Handlers, Host);
        Assert.Empty(run.GeneratorDiagnostics);
        var assembly = GeneratedAssembly.Load(run);
        (string, string?)[] requests =
        [
            ("/open", null),
            ("/optional", null),
            ("/optional", "clerk"),
            ("/optional", "stranger"),
            ("/closed", null),
            ("/closed", "clerk"),
            ("/closed", "stranger"),
        ];

        var answers = await (Task<string[]>)assembly.GetRequiredType("Service.Host").GetMethod("RunAsync")!.Invoke(null, [requests])!;

        Assert.Equal(
            ["200 \"anonymous\"", "200 \"anonymous\"", "200 \"clerk\"", "401", "401", "200 \"clerk\"", "401"],
            answers);
        Assert.Contains("Credentials are optional", run.Source("Desk.Handlers.Service.Handlers.g.cs"), StringComparison.Ordinal);
    }

    /// <summary>
    /// In the published spec, the operations whose security holds an empty requirement (read by YamlDotNet) are
    /// exactly those whose endpoints take optional credentials.
    /// </summary>
    [PublishedSpecFact]
    public void The_published_spec_s_operations_with_an_empty_requirement_are_exactly_those_with_optional_credentials()
    {
        var yaml = File.ReadAllText(RepoPaths.PublishedSpec);
        var document = JsonNode.Parse(new SerializerBuilder().JsonCompatible().Build().Serialize(new DeserializerBuilder().Build().Deserialize<object>(yaml)))!;
        string[] methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
        var wanted = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(pair => methods.Contains(pair.Key)).Select(pair => pair.Value!))
            .Where(operation => operation["x-ibl-permissions"] is null
                && (operation["security"] ?? document["security"])?.AsArray().Any(requirement => requirement is JsonObject { Count: 0 }) == true)
            .Select(operation => operation["operationId"]!.GetValue<string>())
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
