using System.Net;
using System.Text;
using IblDataManager;

namespace IblCodegen.Sample.Tests;

/// <summary>
/// What the generated client puts on the wire, seen by a stub handler: URL, query string, headers, body; and how it
/// reads what comes back.
/// </summary>
public sealed class ClientRequestTests
{
    [Fact]
    public async Task A_list_call_writes_the_spec_names_and_leaves_out_null_parameters()
    {
        var (client, stub) = Create();
        await client.Catalog.GetSuggestionsCourseManageGroupAsync("acme", query: "a b&c=d/é", departmentMode: true, page: 2);
        var request = stub.Requests.Single();
        Assert.Equal("GET", request.Method);
        Assert.Equal(
            "http://stub.test/api/catalog/suggestions/course/manage/group/?platform_key=acme&department_mode=true&page=2&query=a%20b%26c%3Dd%2F%C3%A9",
            request.Url);
        Assert.Equal("Api-Key test-key", request.Headers["Authorization"]);
        Assert.Null(request.Body);
    }

    [Fact]
    public async Task Dates_booleans_and_enums_are_written_as_the_spec_expects()
    {
        var (client, stub) = Create();
        await client.AiAnalytics.GetAnalyticsTimeSpentUserAsync(startDate: new DateOnly(2026, 6, 1), includeMainPlatform: false, learnerId: "u 1");
        await client.Audience.GetOrgsActiveUsersOverTimeAsync("a/b c", departmentId: 10, format: Format.Json);
        Assert.Equal(
            [
                "http://stub.test/api/analytics/time-spent/user/?include_main_platform=false&learner_id=u%201&start_date=2026-06-01",
                "http://stub.test/api/audience/orgs/a%2Fb%20c/active-users/over-time?department_id=10&format=json",
            ],
            stub.Requests.Select(r => r.Url));
    }

    [Fact]
    public async Task A_json_body_carries_the_members_set_and_its_content_type()
    {
        var (client, stub) = Create();
        stub.Answer = _ => Answer(HttpStatusCode.Created, """
            {"id":1,"group_id":7,"group_name":"G","platform_key":"acme","accepted":true,"visible":true,"created":"2026-01-01T00:00:00Z",
             "modified":"2026-01-01T00:00:00Z","metadata":{},"course_id":"c1","course_name":"C","user_count":0}
            """);
        await client.Catalog.CreateSuggestionsCourseManageGroupAsync(new CourseGroupSuggestionCreate { PlatformKey = "acme", CourseId = "c1", GroupId = 7, Accepted = true });
        var request = stub.Requests.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("http://stub.test/api/catalog/suggestions/course/manage/group/", request.Url);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("""{"platform_key":"acme","course_id":"c1","group_id":7,"accepted":true}""", request.Body);
    }

    [Fact]
    public async Task A_base_address_with_a_path_keeps_it()
    {
        var (client, stub) = Create(baseAddress: "http://stub.test/data-manager");
        await client.Catalog.DeleteSuggestionsPathwayManageAsync("acme", 5);
        Assert.Equal("DELETE http://stub.test/data-manager/api/catalog/suggestions/pathway/manage/?platform_key=acme&suggestion_id=5", $"{stub.Requests[0].Method} {stub.Requests[0].Url}");
    }

    [Fact]
    public async Task A_problem_answer_becomes_the_exception_with_its_problem_and_a_plain_one_keeps_its_text()
    {
        var (client, stub) = Create();
        stub.Answer = _ => Answer(HttpStatusCode.NotFound, """{"title":"Not Found","status":404,"detail":"There is no group suggestion 9."}""", "application/problem+json");
        var error = await Assert.ThrowsAsync<IblDataManagerApiException>(() => client.Catalog.DeleteSuggestionsCourseManageGroupAsync("acme", 9));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("There is no group suggestion 9.", error.Problem!.Detail);
        Assert.Equal("catalog_suggestions_course_manage_group_destroy failed with 404 NotFound: Not Found: There is no group suggestion 9.", error.Message);

        stub.Answer = _ => Answer(HttpStatusCode.BadGateway, "upstream down", "text/plain");
        var plain = await Assert.ThrowsAsync<IblDataManagerApiException>(() => client.Catalog.GetSuggestionsCourseUserAsync("dave"));
        Assert.Equal(HttpStatusCode.BadGateway, plain.StatusCode);
        Assert.Equal("upstream down", plain.Content);
        Assert.Null(plain.Problem);
    }

    [Fact]
    public async Task Success_without_content_completes_and_a_missing_body_is_reported()
    {
        var (client, stub) = Create();
        stub.Answer = _ => new HttpResponseMessage(HttpStatusCode.NoContent);
        await client.Catalog.DeleteSuggestionsCourseManageGroupAsync("acme", 1);
        var error = await Assert.ThrowsAsync<IblDataManagerApiException>(() => client.Catalog.GetSuggestionsCourseUserAsync("dave"));
        Assert.Contains("no content", error.Message);
    }

    [Fact]
    public async Task Walking_pages_follows_the_next_links_the_service_gives()
    {
        var (client, stub) = Create();
        stub.Answer = request => request.RequestUri!.Query.Contains("page=2")
            ? Answer(HttpStatusCode.OK, """{"count":3,"next_page":null,"previous_page":"http://stub.test/x?page=1","results":[{"id":3,"user_id":1,"username":"u","name":"U","platform_key":"acme","pathway_id":"p3","accepted":false,"visible":true,"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","metadata":{},"pathway_uuid":"12345678-1234-5678-1234-567812345678","pathway_name":"P","pathway_platform_key":"acme"}]}""")
            : Answer(HttpStatusCode.OK, """{"count":3,"next_page":"http://stub.test/api/catalog/suggestions/pathway/manage/?platform_key=acme&page=2","previous_page":null,"results":[{"id":1,"user_id":1,"username":"u","name":"U","platform_key":"acme","pathway_id":"p1","accepted":false,"visible":true,"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","metadata":{},"pathway_uuid":"12345678-1234-5678-1234-567812345678","pathway_name":"P","pathway_platform_key":"acme"},{"id":2,"user_id":1,"username":"u","name":"U","platform_key":"acme","pathway_id":"p2","accepted":false,"visible":true,"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","metadata":{},"pathway_uuid":"12345678-1234-5678-1234-567812345678","pathway_name":"P","pathway_platform_key":"acme"}]}""");
        var ids = new List<int>();
        await foreach (var item in client.Catalog.EnumerateSuggestionsPathwayManageAsync("acme"))
        {
            ids.Add(item.Id);
        }

        Assert.Equal([1, 2, 3], ids);
        Assert.Equal(
            ["http://stub.test/api/catalog/suggestions/pathway/manage/?platform_key=acme", "http://stub.test/api/catalog/suggestions/pathway/manage/?platform_key=acme&page=2"],
            stub.Requests.Select(r => r.Url));
    }

    /// <summary>
    /// The client's credentials sit in its default headers, so a page link may only be followed to the service itself:
    /// a link to another host, port or scheme (or with user information) is refused before anything is sent to it.
    /// </summary>
    [Theory]
    [InlineData("https://stub.test/", "https://evil.test/api/catalog/suggestions/pathway/manage/?page=2")]
    [InlineData("https://stub.test/", "http://stub.test/api/catalog/suggestions/pathway/manage/?page=2")]
    [InlineData("https://stub.test/", "https://stub.test:8443/api/catalog/suggestions/pathway/manage/?page=2")]
    [InlineData("https://stub.test/", "https://user:secret@stub.test/api/catalog/suggestions/pathway/manage/?page=2")]
    [InlineData("https://stub.test/", "https://stub.test@evil.test/api/catalog/suggestions/pathway/manage/?page=2")]
    [InlineData("https://stub.test/", "//evil.test/api/catalog/suggestions/pathway/manage/?page=2")]
    public async Task A_page_link_to_another_origin_is_refused_and_nothing_is_sent_there(string baseAddress, string link)
    {
        var (client, stub) = Create(baseAddress);
        stub.Answer = _ => Answer(HttpStatusCode.OK, PathwayPage(1, next: link));
        var ids = new List<int>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var item in client.Catalog.EnumerateSuggestionsPathwayManageAsync("acme"))
            {
                ids.Add(item.Id);
            }
        });

        Assert.Contains("credentials stay with their origin", error.Message);
        Assert.DoesNotContain("secret", error.Message);
        Assert.Equal([1], ids);
        var request = Assert.Single(stub.Requests);
        Assert.StartsWith(baseAddress, request.Url);
    }

    [Theory]
    [InlineData("https://stub.test/", "/api/catalog/suggestions/pathway/manage/?platform_key=acme&page=2", "https://stub.test/api/catalog/suggestions/pathway/manage/?platform_key=acme&page=2")]
    [InlineData("https://stub.test/", "HTTPS://STUB.TEST:443/api/catalog/suggestions/pathway/manage/?page=2", "https://stub.test/api/catalog/suggestions/pathway/manage/?page=2")]
    [InlineData("https://stub.test/data-manager/", "https://stub.test/data-manager/api/x/?page=2", "https://stub.test/data-manager/api/x/?page=2")]
    public async Task A_page_link_to_the_service_itself_is_followed_with_the_credentials(string baseAddress, string link, string expected)
    {
        var (client, stub) = Create(baseAddress);
        stub.Answer = request => Answer(HttpStatusCode.OK, stub.Requests.Count == 1 ? PathwayPage(1, next: link) : PathwayPage(2, next: null));
        var ids = new List<int>();
        await foreach (var item in client.Catalog.EnumerateSuggestionsPathwayManageAsync("acme"))
        {
            ids.Add(item.Id);
        }

        Assert.Equal([1, 2], ids);
        Assert.Equal(expected, stub.Requests[1].Url);
        Assert.Equal("Api-Key test-key", stub.Requests[1].Headers["Authorization"]);
    }

    private static string PathwayPage(int id, string? next) =>
        $$"""{"count":2,"next_page":{{(next is null ? "null" : System.Text.Json.JsonSerializer.Serialize(next))}},"previous_page":null,"results":[{"id":{{id}},"user_id":1,"username":"u","name":"U","platform_key":"acme","pathway_id":"p{{id}}","accepted":false,"visible":true,"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","metadata":{},"pathway_uuid":"12345678-1234-5678-1234-567812345678","pathway_name":"P","pathway_platform_key":"acme"}]}""";

    private static (IblDataManagerClient Client, StubHandler Stub) Create(string baseAddress = "http://stub.test/")
    {
        var stub = new StubHandler();
        var httpClient = new HttpClient(stub);
        new IblDataManagerClientOptions { BaseAddress = new Uri(baseAddress), ApiKey = "test-key" }.ConfigureHttpClient(httpClient);
        return (new IblDataManagerClient(httpClient), stub);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, string contentType = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };

    private sealed record SeenRequest(string Method, string Url, Dictionary<string, string> Headers, string? ContentType, string? Body);

    private sealed class StubHandler : HttpMessageHandler
    {
        public List<SeenRequest> Requests { get; } = [];

        /// <summary>By default an empty page of group suggestions, which every list operation can read.</summary>
        public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; set; } =
            _ => ClientRequestTests.Answer(HttpStatusCode.OK, """
                {"count":0,"next":null,"previous":null,"results":[],"total_seconds":0,"data":{},
                 "meta":{"total":0,"change_range":0,"change_last_seven_days":0,"change_last_thirty_days":0,
                         "change_last_seven_days_percent":0,"change_last_thirty_days_percent":0,"change_range_percent":0}}
                """);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value));
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new SeenRequest(request.Method.Method, request.RequestUri!.AbsoluteUri, headers, request.Content?.Headers.ContentType?.MediaType, body));
            return Answer(request);
        }
    }
}
