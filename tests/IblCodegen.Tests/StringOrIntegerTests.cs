using System.Text.Json;
using System.Text.Json.Nodes;
using IblCodegen.Tests.Infrastructure;

namespace IblCodegen.Tests;

/// <summary>
/// A value the spec allows as a string or an integer (<c>oneOf: [string, integer]</c>, the seeds' "str/int" ids) is
/// the spec's <c>StringOrInteger</c> struct, which keeps the form it was read in. Judged by System.Text.Json over the
/// generated context alone, by the compiler, and by what the generated client puts on the wire.
/// </summary>
public sealed class StringOrIntegerTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: ids, version: '1' }
        paths:
          /links:
            post:
              operationId: create_link
              parameters:
                - { name: ref, in: query, required: true, schema: { oneOf: [{ type: string }, { type: integer }] } }
              requestBody:
                required: true
                content: { application/json: { schema: { $ref: '#/components/schemas/Link' } } }
              responses:
                '200': { description: the link, content: { application/json: { schema: { $ref: '#/components/schemas/Link' } } } }
          /forms:
            post:
              operationId: send_form
              requestBody:
                required: true
                content: { application/x-www-form-urlencoded: { schema: { $ref: '#/components/schemas/Link' } } }
              responses:
                '204': { description: sent }
        components:
          schemas:
            Link:
              type: object
              required: [target]
              properties:
                target:
                  oneOf: [{ type: string }, { type: integer }]
                fallback:
                  nullable: true
                  anyOf: [{ type: integer }, { type: string }]
                many:
                  type: array
                  items: { oneOf: [{ type: integer }, { type: string, format: uuid }] }
                named:
                  type: object
                  additionalProperties: { oneOf: [{ type: string }, { type: integer }] }
        """;

    private const string Calls = """
        namespace Probe;
        using Ids;

        internal sealed class Recording : System.Net.Http.HttpMessageHandler
        {
            public System.Collections.Generic.List<string> Seen { get; } = new();

            protected override async System.Threading.Tasks.Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
            {
                var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
                Seen.Add(request.RequestUri!.PathAndQuery + " " + body);
                return request.RequestUri.AbsolutePath == "/forms"
                    ? new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.NoContent)
                    : new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new System.Net.Http.StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            }
        }

        internal static class Calls
        {
            public static async System.Threading.Tasks.Task<string[]> RunAsync()
            {
                var recording = new Recording();
                var client = new IdsClient(new System.Net.Http.HttpClient(recording) { BaseAddress = new System.Uri("https://ids.test/") });

                // A query parameter is text: the union is passed as the text it is sent as.
                string reference = "42";
                var echoed = await client.Default.CreateLinkAsync(reference, new Link { Target = 42, Many = [7, "b"], Named = new System.Collections.Generic.Dictionary<string, StringOrInteger> { ["n"] = "x" } });
                var second = await client.Default.CreateLinkAsync("abc", new Link { Target = "42", Fallback = 5 });
                await client.Default.SendFormAsync(new Link { Target = "x y", Fallback = 9 });
                return
                [
                    .. recording.Seen,
                    $"echoed: {echoed.Target.IsInteger} {echoed.Target} {echoed.Many![1].IsString}",
                    $"second: {second.Target.IsString} {second.Fallback}",
                ];
            }
        }
        """;

    private static readonly Lazy<GeneratorRun> Generated = new(() => GeneratorHarness.Run(new TestAdditionalText("/specs/ids.yaml", Spec), Calls));

    [Fact]
    public void The_union_is_the_struct_without_a_warning_and_a_parameter_stays_text()
    {
        var run = Generated.Value;
        run.AssertNoCrash();
        Assert.Empty(run.GeneratorDiagnostics);
        var model = run.Source("Ids.Models.L.g.cs");
        Assert.Contains("public required global::Ids.StringOrInteger Target { get; set; }", model);
        Assert.Contains("public global::Ids.StringOrInteger? Fallback { get; set; }", model);
        Assert.Contains("global::System.Collections.Generic.IReadOnlyList<global::Ids.StringOrInteger>? Many", model);
        Assert.Contains("global::System.Collections.Generic.IReadOnlyDictionary<string, global::Ids.StringOrInteger>? Named", model);
        var client = run.Source("Ids.Client.DefaultClient.g.cs");
        Assert.Contains("CreateLinkAsync(\n        string @ref,\n        global::Ids.Link body,", client);
    }

    [Fact]
    public void A_spec_without_such_a_value_declares_no_struct()
    {
        var run = GeneratorHarness.Run(new TestAdditionalText("/specs/plain.yaml", Spec.Replace("oneOf: [{ type: string }, { type: integer }]", "{ type: string }")
            .Replace("anyOf: [{ type: integer }, { type: string }]", "type: integer").Replace("{ oneOf: [{ type: integer }, { type: string, format: uuid }] }", "{ type: integer }")));
        run.AssertNoCrash();
        Assert.DoesNotContain(run.Sources, source => source.HintName.Contains("StringOrInteger", StringComparison.Ordinal));
        Assert.Contains(Generated.Value.Sources, source => source.HintName == "Ids.StringOrInteger.g.cs");
    }

    [Theory]
    [InlineData("""{"target":42}""")]
    [InlineData("""{"target":"42"}""")]
    [InlineData("""{"target":-9223372036854775808,"many":[1,"a"],"named":{"k":"v","n":0}}""")]
    [InlineData("""{"target":"","fallback":"7"}""")]
    public void Each_form_is_read_and_written_back_as_it_came(string json)
    {
        var (type, options) = Link();
        var value = JsonSerializer.Deserialize(json, type, options)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(JsonSerializer.Serialize(value, type, options))));
    }

    [Fact]
    public void The_struct_tells_the_form_and_parses_either_as_an_integer()
    {
        var (type, options) = Link();
        var number = JsonSerializer.Deserialize("""{"target":42}""", type, options)!.Get("Target")!;
        var text = JsonSerializer.Deserialize("""{"target":"42"}""", type, options)!.Get("Target")!;
        var word = JsonSerializer.Deserialize("""{"target":"forty-two"}""", type, options)!.Get("Target")!;
        Assert.Equal((true, false), (number.Get("IsInteger"), number.Get("IsString")));
        Assert.Equal((false, true), (text.Get("IsInteger"), text.Get("IsString")));
        Assert.NotEqual(number, text);
        Assert.Equal("42", number.ToString());
        Assert.Equal((true, 42L), TryParseInteger(number));
        Assert.Equal((true, 42L), TryParseInteger(text));
        Assert.False(TryParseInteger(word).Parsed);
    }

    [Theory]
    [InlineData("""{"target":4.5}""", "$.target")]
    [InlineData("""{"target":9223372036854775808}""", "$.target")]
    [InlineData("""{"target":true}""", "$.target")]
    [InlineData("""{"target":null}""", "$.target")]
    [InlineData("""{"target":{}}""", "$.target")]
    [InlineData("""{"target":1,"many":[null]}""", "$.many[0]")]
    public void Anything_else_is_refused_naming_the_member(string json, string path)
    {
        var (type, options) = Link();
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, type, options));
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void A_missing_required_union_is_refused()
    {
        var (type, options) = Link();
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"fallback":1}""", type, options));
        Assert.Contains("target", error.Message);
    }

    [Fact]
    public async Task The_client_sends_each_form_as_it_is()
    {
        var assembly = GeneratedAssembly.Load(Generated.Value);
        var result = (Task<string[]>)assembly.GetRequiredType("Probe.Calls").GetMethod("RunAsync")!.Invoke(null, null)!;
        Assert.Equal(
            [
                """/links?ref=42 {"target":42,"many":[7,"b"],"named":{"n":"x"}}""",
                """/links?ref=abc {"target":"42","fallback":5}""",
                "/forms target=x+y&fallback=9",
                "echoed: True 42 True",
                "second: True 5",
            ],
            await result);
    }

    private static (Type Type, JsonSerializerOptions Options) Link()
    {
        var assembly = LoadedOnce.Value;
        return (assembly.GetRequiredType("Ids.Link"), assembly.GeneratedJsonOptions("Ids.IdsJsonContext"));
    }

    private static readonly Lazy<System.Reflection.Assembly> LoadedOnce = new(() => GeneratedAssembly.Load(Generated.Value));

    private static (bool Parsed, long Value) TryParseInteger(object value)
    {
        var arguments = new object?[] { 0L };
        var parsed = (bool)value.GetType().GetMethod("TryParseInteger")!.Invoke(value, arguments)!;
        return (parsed, (long)arguments[0]!);
    }
}
