using System.Net.Http.Headers;
using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>
/// A body with a file member, offered as JSON and multipart, is read by the generated endpoint as multipart: the
/// handler gets the form with its file, over HTTP on 127.0.0.1 from a plain <see cref="HttpClient"/>.
/// </summary>
public sealed class FileBodyServerTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: files, version: '1' }
        paths:
          /documents:
            post:
              operationId: documents_create
              requestBody:
                required: true
                content:
                  application/json: { schema: { $ref: '#/components/schemas/Document' } }
                  multipart/form-data: { schema: { $ref: '#/components/schemas/Document' } }
              responses:
                '200': { description: ok, content: { application/json: { schema: { type: string } } } }
        components:
          schemas:
            Document:
              type: object
              properties:
                title: { type: string }
                file: { type: string, format: binary }
        """;

    private const string Handlers = """
        namespace Service;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Http.HttpResults;

        /// <summary>Answers with the title and the file's length.</summary>
        [IblCodegen.OpenApiHandlers]
        public sealed partial class Handlers
        {
            public partial Task<Results<Ok<string>, ProblemHttpResult>> CreateDocumentsAsync(IFormCollection body, CancellationToken cancellationToken) =>
                Task.FromResult<Results<Ok<string>, ProblemHttpResult>>(TypedResults.Ok(body["title"] + " " + body.Files["file"]?.Length));
        }
        """;

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
                await using var app = Loopback.Server.Build(Loopback.Server.CreateBuilder());
                Handlers.MapEndpoints(app);
                return await Loopback.Server.AnswerAsync(app, requests);
            }
        }
        """;

    [Fact]
    public async Task A_file_reaches_the_handler_in_the_form_and_a_json_body_is_a_bad_request()
    {
        var run = GeneratorHarness.RunWeb(new TestAdditionalText("/specs/files.yaml", Spec), Handlers, Host, LoopbackSource.Code);
        Assert.Empty(run.GeneratorDiagnostics);
        var assembly = GeneratedAssembly.Load(run);
        var file = new ByteArrayContent([1, 2, 3]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        HttpRequestMessage[] requests =
        [
            new(HttpMethod.Post, "/documents") { Content = new MultipartFormDataContent { { new StringContent("minutes"), "title" }, { file, "file", "minutes.pdf" } } },
            LoopbackSource.Request("POST", "/documents", json: """{"title":"minutes"}"""),
        ];

        var answers = await (Task<string[]>)assembly.GetRequiredType("Service.Host").GetMethod("RunAsync")!.Invoke(null, [requests])!;

        Assert.Equal("200 \"minutes 3\"", answers[0]);
        Assert.StartsWith("400 ", answers[1]);
        Assert.Contains("A form body is required.", answers[1], StringComparison.Ordinal);
    }
}
