using System.Net;
using System.Net.Http.Json;
using IblCodegen.Sample.Data;

namespace IblCodegen.Sample.Tests;

/// <summary>The sample as it runs for real: Kestrel on 127.0.0.1, a real socket, its own database file.</summary>
public sealed class LoopbackTests : IAsyncLifetime
{
    private LoopbackSample _sample = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _sample = await LoopbackSample.StartAsync();
        _address = _sample.Address;
    }

    public async Task DisposeAsync() => await _sample.DisposeAsync();

    [Fact]
    public async Task Serves_the_api_its_openapi_document_and_the_reference_page_on_loopback()
    {
        Assert.Equal("127.0.0.1", _address.Host);
        using var client = _sample.Client();

        var page = await (await client.GetAsync("/api/catalog/suggestions/course/manage/group/?platform_key=acme&page_size=2")).JsonAsync();
        Assert.Equal(3, page.GetProperty("count").GetInt32());
        Assert.Equal($"{_address.GetLeftPart(UriPartial.Authority)}/api/catalog/suggestions/course/manage/group/?platform_key=acme&page_size=2&page=2", page.GetProperty("next").GetString());

        var created = await (await client.PostAsJsonAsync("/api/catalog/suggestions/pathway/manage/", new { platform_key = "globex", pathway_id = "pathway-v1:globex+lead+2024", user_id = "grace", accepted = true })).JsonAsync();
        Assert.True(created.GetProperty("accepted").GetBoolean());

        var openApi = await (await client.GetAsync("/openapi/v1-endpoints.json")).JsonAsync();
        var operationIds = openApi.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject())
            .Select(operation => operation.Value.GetProperty("operationId").GetString())
            .Order()
            .ToList();
        Assert.Equal(
            [
                "analytics_time_spent_user_retrieve", "audience_orgs_active_users_over_time_retrieve", "audience_orgs_active_users_per_course_retrieve",
                "catalog_suggestions_course_manage_group_create", "catalog_suggestions_course_manage_group_destroy", "catalog_suggestions_course_manage_group_retrieve",
                "catalog_suggestions_course_user_retrieve", "catalog_suggestions_pathway_manage_create", "catalog_suggestions_pathway_manage_destroy",
                "catalog_suggestions_pathway_manage_retrieve",
            ],
            operationIds);

        // The endpoints are RequestDelegates with their metadata attached as it is: the document still has it. (ASP.NET
        // Core's document drops the trailing slash of the spec's paths.)
        var group = openApi.GetProperty("paths").GetProperty("/api/catalog/suggestions/course/manage/group");
        Assert.Equal(["200", "400", "401", "403", "500", "503"], group.GetProperty("get").GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
        Assert.True(group.GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(group.GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Equal(["catalog"], group.GetProperty("get").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var docs = await client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType?.ToString());

        using var anonymous = _sample.Client(apiKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/analytics/time-spent/user/")).StatusCode);
    }

    /// <summary>Page links come from the Host header, so only the hosts the service is known by are served.</summary>
    [Fact]
    public async Task A_request_naming_another_host_is_refused_so_no_link_points_elsewhere()
    {
        // Refused by the host filter before any endpoint, as a plain-text 400: not an answer of the API, so not held to the spec.
        using var client = new HttpClient { BaseAddress = _address };
        client.DefaultRequestHeaders.Add("Authorization", "Api-Key " + SampleDatabase.DemoAdminKey);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/suggestions/course/manage/group/?platform_key=acme&page_size=1");
        forged.Headers.Host = "evil.test";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(forged)).StatusCode);

        var page = await (await client.GetAsync("/api/catalog/suggestions/course/manage/group/?platform_key=acme&page_size=1")).JsonAsync();
        Assert.StartsWith($"http://127.0.0.1:{_address.Port}/", page.GetProperty("next").GetString());
    }
}
