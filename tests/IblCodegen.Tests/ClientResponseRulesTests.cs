using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>
/// How the generated client reads successes: 204, 205 and 304 never have a body, whatever the spec declares for them;
/// a body that may be absent is null when absent, for value types (<c>JsonElement</c>, numbers) as for classes.
/// Compiled with a stub handler and run.
/// </summary>
public sealed class ClientResponseRulesTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: rules, version: '1' }
        paths:
          /groups/{id}:
            delete:
              operationId: delete_group
              parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
              responses:
                '204':
                  description: deleted; the spec (wrongly) declares a body
                  content: { application/json: { schema: { type: object, additionalProperties: { type: string } } } }
          /free:
            get:
              operationId: free_form
              responses:
                '200': { description: anything, content: { application/json: { schema: { type: object } } } }
                '204': { description: nothing }
          /count:
            get:
              operationId: get_count
              responses:
                '200': { description: a number, content: { application/json: { schema: { type: integer } } } }
                '205': { description: reset, content: { application/json: { schema: { type: integer } } } }
        """;

    private const string Calls = """
        namespace Probe;
        using Rules;

        internal sealed class Answering : System.Net.Http.HttpMessageHandler
        {
            public System.Net.HttpStatusCode Status { get; set; }

            public string? Body { get; set; }

            protected override System.Threading.Tasks.Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, System.Threading.CancellationToken cancellationToken) =>
                System.Threading.Tasks.Task.FromResult(new System.Net.Http.HttpResponseMessage(Status)
                {
                    Content = Body is null ? new System.Net.Http.ByteArrayContent([]) : new System.Net.Http.StringContent(Body, System.Text.Encoding.UTF8, "application/json"),
                });
        }

        internal static class Calls
        {
            public static async System.Threading.Tasks.Task<string[]> RunAsync()
            {
                var answering = new Answering();
                var client = new RulesClient(new System.Net.Http.HttpClient(answering) { BaseAddress = new System.Uri("https://rules.test/") });
                var seen = new System.Collections.Generic.List<string>();

                answering.Status = System.Net.HttpStatusCode.NoContent;
                System.Threading.Tasks.Task deleted = client.Default.DeleteGroupAsync(7);
                await deleted;
                seen.Add("delete: done");

                System.Text.Json.JsonElement? nothing = await client.Default.FreeFormAsync();
                seen.Add($"free-form 204: {(nothing is null ? "null" : nothing.Value.GetRawText())}");

                answering.Status = System.Net.HttpStatusCode.OK;
                answering.Body = "{\"a\":1}";
                System.Text.Json.JsonElement? something = await client.Default.FreeFormAsync();
                seen.Add($"free-form 200: {something!.Value.GetRawText()}");

                answering.Body = "0";
                int? zero = await client.Default.GetCountAsync();
                seen.Add($"count 200: {(zero is null ? "null" : zero.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}");

                answering.Status = System.Net.HttpStatusCode.ResetContent;
                answering.Body = null;
                int? reset = await client.Default.GetCountAsync();
                seen.Add($"count 205: {(reset is null ? "null" : "a value")}");
                return seen.ToArray();
            }
        }
        """;

    [Fact]
    public async Task Statuses_without_a_body_and_absent_bodies_read_as_nothing()
    {
        var run = GeneratorHarness.Run(new TestAdditionalText("/specs/rules.yaml", Spec), Calls);
        run.AssertNoCrash();
        var assembly = GeneratedAssembly.Load(run);
        var result = (Task<string[]>)assembly.GetRequiredType("Probe.Calls").GetMethod("RunAsync")!.Invoke(null, null)!;
        Assert.Equal(
            ["delete: done", "free-form 204: null", "free-form 200: {\"a\":1}", "count 200: 0", "count 205: null"],
            await result);
    }
}
