using System.Reflection;
using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>
/// Requests the generated client builds, seen by a stub handler compiled with the generated code: operations of the
/// full published spec, and a small spec with the parameter styles, headers, cookies and form bodies it lacks.
/// </summary>
public sealed class ClientRequestConstructionTests
{
    /// <summary>The stub: records each request as one line and answers 500, which the client turns into its exception.</summary>
    private const string Stub = """
        namespace Probe;

        internal sealed class Recorder : System.Net.Http.HttpMessageHandler
        {
            public System.Collections.Generic.List<string> Seen { get; } = new();

            protected override async System.Threading.Tasks.Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
            {
                var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
                var headers = string.Join(";", System.Linq.Enumerable.Select(
                    System.Linq.Enumerable.OrderBy(request.Headers, h => h.Key, System.StringComparer.Ordinal),
                    h => h.Key + "=" + string.Join(",", h.Value)));
                Seen.Add($"{request.Method} {request.RequestUri!.AbsoluteUri} | {headers} | {request.Content?.Headers.ContentType?.MediaType} | {body}");
                return new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError) { Content = new System.Net.Http.StringContent("boom") };
            }
        }
        """;

    [PublishedSpecFact]
    public async Task Published_spec_operations_put_the_right_url_headers_and_body_on_the_wire()
    {
        const string calls = """
            namespace Probe;
            using IblDataManager;

            internal static class Calls
            {
                public static async System.Threading.Tasks.Task<string[]> RunAsync()
                {
                    var recorder = new Recorder();
                    var http = new System.Net.Http.HttpClient(recorder);
                    new IblDataManagerClientOptions { BaseAddress = new System.Uri("https://base.test/dm"), ApiKey = "k1" }.ConfigureHttpClient(http);
                    var client = new IblDataManagerClient(http);
                    var statuses = new System.Collections.Generic.List<string>();
                    async System.Threading.Tasks.Task Call(System.Func<System.Threading.Tasks.Task> call)
                    {
                        try { await call(); statuses.Add("no exception"); }
                        catch (IblDataManagerApiException e) { statuses.Add($"{(int)e.StatusCode} {e.OperationId} {e.Content}"); }
                    }

                    await Call(() => client.Search.GetAiSearchAsync(tags: ["a b", "c&d"], llm: ["gpt-4"], limit: 5, uniqueId: System.Guid.Parse("12345678-1234-5678-1234-567812345678")));
                    await Call(() => client.AiAnalytics.GetOrgsUsersChatHistoryFilterAsync("acme org", "user/1", endDate: new System.DateOnly(2026, 1, 31), monthlyRange: true));
                    await Call(() => client.AiAccount.CreateOrgsCredentialAsync("acme", new LLMCredentialRequest
                    {
                        Name = "openai",
                        Platform = "acme",
                        Value = System.Text.Json.JsonDocument.Parse("{\"key\":\"x\"}").RootElement,
                    }));
                    return [.. recorder.Seen, .. statuses];
                }
            }
            """;
        var lines = await RunProbe(TestAdditionalText.FromFile(RepoPaths.PublishedSpec), calls);
        Assert.Equal(
            [
                "GET https://base.test/dm/api/search/ai-search/?limit=5&llm=gpt-4&tags=a%20b&tags=c%26d&unique_id=12345678-1234-5678-1234-567812345678 | Authorization=Api-Key k1 |  | ",
                "GET https://base.test/dm/api/ai-analytics/orgs/acme%20org/users/user%2F1/chat-history-filter/?end_date=2026-01-31&monthly_range=true | Authorization=Api-Key k1 |  | ",
                """POST https://base.test/dm/api/ai-account/orgs/acme/credential/ | Authorization=Api-Key k1 | application/json | {"name":"openai","value":{"key":"x"},"platform":"acme"}""",
                "500 search_ai_search_retrieve boom",
                "500 ai_analytics_orgs_users_chat_history_filter_retrieve boom",
                "500 ai_account_orgs_credential_create boom",
            ],
            lines);
    }

    [Fact]
    public async Task Array_styles_headers_cookies_and_form_bodies_follow_the_spec()
    {
        const string spec = """
            openapi: 3.0.3
            info: { title: wire, version: '1' }
            paths:
              /items/{ids}:
                get:
                  operationId: items_list
                  tags: [items]
                  parameters:
                    - { name: ids, in: path, required: true, schema: { type: array, items: { type: integer } } }
                    - { name: tag, in: query, schema: { type: array, items: { type: string } } }
                    - { name: csv, in: query, explode: false, schema: { type: array, items: { type: string } } }
                    - { name: spaced, in: query, style: spaceDelimited, explode: false, schema: { type: array, items: { type: integer } } }
                    - { name: piped, in: query, style: pipeDelimited, explode: false, schema: { type: array, items: { type: string, enum: [x, y] } } }
                    - { name: when, in: query, schema: { type: string, format: date-time } }
                    - { name: X-Trace, in: header, schema: { type: string } }
                    - { name: session, in: cookie, schema: { type: string } }
                  responses:
                    '204': { description: none }
              /forms:
                post:
                  operationId: forms_create
                  tags: [items]
                  requestBody:
                    required: true
                    content:
                      application/x-www-form-urlencoded:
                        schema:
                          type: object
                          required: [name]
                          properties:
                            name: { type: string }
                            count: { type: integer }
                            flags: { type: array, items: { type: boolean } }
                  responses:
                    '204': { description: none }
              /uploads:
                post:
                  operationId: uploads_create
                  tags: [items]
                  requestBody:
                    content:
                      multipart/form-data:
                        schema:
                          type: object
                          properties:
                            title: { type: string }
                            file: { type: string, format: binary }
                  responses:
                    '204': { description: none }
              /documents:
                post:
                  operationId: documents_create
                  tags: [items]
                  requestBody:
                    required: true
                    content:
                      application/json: { schema: { $ref: '#/components/schemas/Document' } }
                      multipart/form-data: { schema: { $ref: '#/components/schemas/Document' } }
                  responses:
                    '204': { description: none }
              /notes:
                post:
                  operationId: notes_create
                  tags: [items]
                  requestBody:
                    required: true
                    content:
                      multipart/form-data: { schema: { $ref: '#/components/schemas/Note' } }
                      application/json: { schema: { $ref: '#/components/schemas/Note' } }
                  responses:
                    '204': { description: none }
            components:
              schemas:
                Document:
                  allOf:
                    - $ref: '#/components/schemas/Note'
                    - type: object
                      properties:
                        pages: { type: array, items: { type: string, format: binary } }
                Note:
                  type: object
                  properties:
                    title: { type: string }
            """;
        const string calls = """
            namespace Probe;
            using Wire;

            internal static class Calls
            {
                public static async System.Threading.Tasks.Task<string[]> RunAsync()
                {
                    var recorder = new Recorder();
                    var client = new WireClient(new System.Net.Http.HttpClient(recorder) { BaseAddress = new System.Uri("http://w.test/") });
                    async System.Threading.Tasks.Task Call(System.Func<System.Threading.Tasks.Task> call)
                    {
                        try { await call(); } catch (WireApiException) { }
                    }

                    await Call(() => client.Items.ListItemsAsync([1, 2], tag: ["a", "b"], csv: ["c", "d"], spaced: [3, 4], piped: [ListItemsPiped.X, ListItemsPiped.Y],
                        when: new System.DateTimeOffset(2026, 6, 15, 8, 30, 0, System.TimeSpan.FromHours(2)), xTrace: "t-1", session: "s 1"));
                    await Call(() => client.Items.ListItemsAsync([5]));
                    await Call(() => client.Items.CreateFormsAsync(new CreateFormsRequest { Name = "n&m", Count = 3, Flags = [true, false] }));
                    await Call(() => client.Items.CreateUploadsAsync(new CreateUploadsRequest { Title = "t", File = [1, 2, 3] }));
                    await Call(() => client.Items.CreateDocumentsAsync(new Document { Title = "d", Pages = [[4, 5]] }));
                    await Call(() => client.Items.CreateNotesAsync(new Note { Title = "n" }));
                    return [.. recorder.Seen];
                }
            }
            """;
        var lines = await RunProbe(new TestAdditionalText("/specs/wire.yaml", spec), calls);

        // Query parameters in the method's order (path, required, optional, each by name), not the spec's listing order.
        Assert.Equal(
            "GET http://w.test/items/1%2C2?csv=c%2Cd&piped=x%7Cy&spaced=3%204&tag=a&tag=b&when=2026-06-15T08%3A30%3A00.0000000%2B02%3A00 | Cookie=session=s%201;X-Trace=t-1 |  | ",
            lines[0]);
        Assert.Equal("GET http://w.test/items/5 |  |  | ", lines[1]);
        Assert.Equal("POST http://w.test/forms |  | application/x-www-form-urlencoded | name=n%26m&count=3&flags=true&flags=false", lines[2]);
        Assert.StartsWith("POST http://w.test/uploads |  | multipart/form-data | ", lines[3]);
        Assert.Contains("name=title", lines[3]);
        Assert.Contains("name=file; filename=file", lines[3]);
        Assert.Contains("\u0001\u0002\u0003", lines[3]);

        // A body offered as JSON and multipart goes as JSON, unless it has file members (here through allOf), which
        // JSON cannot carry: then as multipart, whatever order the spec lists them in.
        Assert.StartsWith("POST http://w.test/documents |  | multipart/form-data | ", lines[4]);
        Assert.Contains("name=title", lines[4]);
        Assert.Contains("name=pages; filename=pages", lines[4]);
        Assert.Contains("\u0004\u0005", lines[4]);
        Assert.Equal("POST http://w.test/notes |  | application/json | {\"title\":\"n\"}", lines[5]);
    }

    private static async Task<string[]> RunProbe(TestAdditionalText spec, string calls)
    {
        var assembly = GeneratedAssembly.Load(GeneratorHarness.Run(spec, Stub, calls));
        var run = assembly.GetRequiredType("Probe.Calls").GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Static)!;
        return await (Task<string[]>)run.Invoke(null, null)!;
    }
}
