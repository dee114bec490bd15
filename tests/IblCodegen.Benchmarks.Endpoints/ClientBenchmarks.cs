using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using IblDataManager;

namespace IblCodegen.Benchmarks.Endpoints;

/// <summary>
/// One generated client call against the same call written by hand (HttpClient and System.Text.Json source
/// generation over hand-written DTOs), both over an in-memory handler answering a canned page, so the figures are
/// the client's own cost: building the request, sending it through HttpClient, reading the JSON.
/// </summary>
[MemoryDiagnoser]
public class ClientBenchmarks
{
    private const string Path = "api/catalog/suggestions/course/manage/group/";
    private HttpClient _http = null!;
    private IblDataManagerClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _http = new HttpClient(new CannedHandler(CannedPage(10))) { BaseAddress = new Uri("http://bench.test/") };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Api-Key bench");
        _client = new IblDataManagerClient(_http);
    }

    [Benchmark(Baseline = true, Description = "GET page of 10, hand-written")]
    public async Task<int> HandWrittenList()
    {
        var url = $"{Path}?platform_key={Uri.EscapeDataString("acme")}&department_mode=true&page_size=10";
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        var page = await JsonSerializer.DeserializeAsync(stream, HandWrittenJson.Default.HandPage);
        return page!.Results.Count;
    }

    [Benchmark(Description = "GET page of 10, hand-written, required members")]
    public async Task<int> HandWrittenStrictList()
    {
        var url = $"{Path}?platform_key={Uri.EscapeDataString("acme")}&department_mode=true&page_size=10";
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        var page = await JsonSerializer.DeserializeAsync(stream, HandWrittenJson.Default.StrictPage);
        return page!.Results.Count;
    }

    [Benchmark(Description = "GET page of 10, generated")]
    public async Task<int> GeneratedList()
    {
        var page = await _client.Catalog.GetSuggestionsCourseManageGroupAsync("acme", departmentMode: true, pageSize: 10);
        return page.Results.Count;
    }

    /// <summary>A page of suggestions as the service writes it.</summary>
    public static byte[] CannedPage(int items)
    {
        var results = string.Join(",", Enumerable.Range(1, items).Select(i => $$"""
            {"id":{{i}},"group_id":7,"group_name":"Engineering Team","platform_key":"acme","accepted":false,"visible":true,
             "created":"2026-06-01T10:00:00+00:00","modified":"2026-06-02T10:00:00+00:00","metadata":{"note":"n{{i}}"},
             "course_id":"course-v1:acme+python+2024","course_name":"Introduction to Programming","user_count":{{i}}}
            """));
        return Encoding.UTF8.GetBytes($$"""{"count":{{items}},"next":null,"previous":null,"results":[{{results}}]}""");
    }

    private sealed class CannedHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}

/// <summary>What a careful person writes by hand for the same call: plain DTOs and a source-generated context.</summary>
public sealed class HandPage
{
    [JsonPropertyName("count")] public int Count { get; set; }
    [JsonPropertyName("next")] public string? Next { get; set; }
    [JsonPropertyName("previous")] public string? Previous { get; set; }
    [JsonPropertyName("results")] public List<HandSuggestion> Results { get; set; } = [];
}

public sealed class HandSuggestion
{
    [JsonPropertyName("id")] public int Id { get; set; }
    [JsonPropertyName("group_id")] public int GroupId { get; set; }
    [JsonPropertyName("group_name")] public string GroupName { get; set; } = "";
    [JsonPropertyName("platform_key")] public string PlatformKey { get; set; } = "";
    [JsonPropertyName("accepted")] public bool? Accepted { get; set; }
    [JsonPropertyName("visible")] public bool Visible { get; set; }
    [JsonPropertyName("created")] public DateTimeOffset Created { get; set; }
    [JsonPropertyName("modified")] public DateTimeOffset Modified { get; set; }
    [JsonPropertyName("metadata")] public Dictionary<string, JsonElement> Metadata { get; set; } = [];
    [JsonPropertyName("course_id")] public string CourseId { get; set; } = "";
    [JsonPropertyName("course_name")] public string CourseName { get; set; } = "";
    [JsonPropertyName("user_count")] public int? UserCount { get; set; }
}

/// <summary>The same DTOs with the spec's required members as C# <c>required</c>, which System.Text.Json then checks.</summary>
public sealed class StrictPage
{
    [JsonPropertyName("count")] public required int Count { get; set; }
    [JsonPropertyName("next")] public string? Next { get; set; }
    [JsonPropertyName("previous")] public string? Previous { get; set; }
    [JsonPropertyName("results")] public required List<StrictSuggestion> Results { get; set; }
}

public sealed class StrictSuggestion
{
    [JsonPropertyName("id")] public required int Id { get; set; }
    [JsonPropertyName("group_id")] public required int GroupId { get; set; }
    [JsonPropertyName("group_name")] public required string GroupName { get; set; }
    [JsonPropertyName("platform_key")] public required string PlatformKey { get; set; }
    [JsonPropertyName("accepted")] public bool? Accepted { get; set; }
    [JsonPropertyName("visible")] public required bool Visible { get; set; }
    [JsonPropertyName("created")] public required DateTimeOffset Created { get; set; }
    [JsonPropertyName("modified")] public required DateTimeOffset Modified { get; set; }
    [JsonPropertyName("metadata")] public required Dictionary<string, JsonElement> Metadata { get; set; }
    [JsonPropertyName("course_id")] public required string CourseId { get; set; }
    [JsonPropertyName("course_name")] public required string CourseName { get; set; }
    [JsonPropertyName("user_count")] public int? UserCount { get; set; }
}

[JsonSerializable(typeof(HandPage))]
[JsonSerializable(typeof(StrictPage))]
public sealed partial class HandWrittenJson : JsonSerializerContext;
