using System.Net;
using IblCodegen.Sample.Data;
using IblDataManager;
using Microsoft.Extensions.DependencyInjection;

namespace IblCodegen.Sample.Tests;

/// <summary>
/// The generated client against the sample service running for real: Kestrel on 127.0.0.1, its own database file,
/// the client registered through <c>AddIblDataManagerClient</c> as a consumer would.
/// </summary>
public sealed class ClientEndToEndTests : IAsyncLifetime
{
    private LoopbackSample _sample = null!;
    private Uri _address = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _sample = await LoopbackSample.StartAsync();
        _address = _sample.Address;
        _services = new ServiceCollection()
            .AddIblDataManagerClient(options =>
            {
                options.BaseAddress = _address;
                options.ApiKey = SampleDatabase.DemoAdminKey;
            })
            .AddHttpMessageHandler(() => new SpecConformanceHandler())
            .Services
            .BuildServiceProvider();

        // Activity on fixed days, so analytics answers do not depend on today's date.
        using var connection = _sample.Database.Open();
        SampleDatabase.Execute(connection, null, """
            INSERT INTO platforms (key, name, org) VALUES ('initech', 'Initech', 'initech');
            INSERT INTO users (id, username, name, email) VALUES (100, 'u100', 'U 100', 'u100@initech.example'), (101, 'u101', 'U 101', 'u101@initech.example');
            INSERT INTO memberships (user_id, platform_key, role, department_id) VALUES (100, 'initech', 'learner', NULL), (101, 'initech', 'learner', NULL);
            INSERT INTO courses (id, name, platform_key) VALUES ('course-v1:initech+a', 'Course A', 'initech'), ('course-v1:initech+b', 'Course B', 'initech');
            INSERT INTO activity (user_id, platform_key, course_id, url, mentor_uuid, session_uuid, day, seconds) VALUES
                (100, 'initech', 'course-v1:initech+a', NULL, NULL, NULL, '2026-06-10', 300),
                (100, 'initech', 'course-v1:initech+b', NULL, NULL, NULL, '2026-06-11', 100),
                (101, 'initech', 'course-v1:initech+b', NULL, NULL, NULL, '2026-06-11', 50);
            """);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _sample.DisposeAsync();
    }

    private IblDataManagerClient Client => _services.GetRequiredService<IblDataManagerClient>();

    private IblDataManagerClient ClientFor(string? apiKey)
    {
        var httpClient = new HttpClient(SpecConformanceHandler.OverSockets());
        new IblDataManagerClientOptions { BaseAddress = _address, ApiKey = apiKey }.ConfigureHttpClient(httpClient);
        return new IblDataManagerClient(httpClient);
    }

    [Fact]
    public async Task Lists_group_suggestions_through_a_tag_client_from_dependency_injection()
    {
        Assert.Equal("127.0.0.1", _address.Host);
        var catalog = _services.GetRequiredService<CatalogClient>();
        var page = await catalog.GetSuggestionsCourseManageGroupAsync("acme");
        Assert.Equal(3, page.Count);
        Assert.Null(page.Next);
        Assert.Equal(PageLinkStyle.NextPrevious, page.LinkStyle);
        var first = page.Results[0];
        Assert.Equal("Engineering Team", first.GroupName);
        Assert.Equal("course-v1:acme+python+2024", first.CourseId);
        Assert.Equal(2, first.UserCount);

        var searched = await catalog.GetSuggestionsCourseManageGroupAsync("acme", query: "Sales", sort: "-id");
        Assert.Equal(["course-v1:acme+sales+2024"], searched.Results.Select(s => s.CourseId));
    }

    [Fact]
    public async Task Creates_updates_and_deletes_a_group_suggestion()
    {
        var catalog = Client.Catalog;
        var created = await catalog.CreateSuggestionsCourseManageGroupAsync(
            new CourseGroupSuggestionCreate { PlatformKey = "acme", CourseId = "course-v1:acme+sales+2024", GroupId = 1 });
        Assert.False(created.Accepted);
        Assert.Equal(4, (await catalog.GetSuggestionsCourseManageGroupAsync("acme")).Count);

        var updated = await catalog.CreateSuggestionsCourseManageGroupAsync(new CourseGroupSuggestionCreate
        {
            PlatformKey = "acme",
            CourseId = "course-v1:acme+sales+2024",
            GroupId = 1,
            Accepted = true,
            Metadata = new Dictionary<string, System.Text.Json.JsonElement> { ["note"] = System.Text.Json.JsonSerializer.SerializeToElement("kick-off", IblDataManagerJsonContext.Default.String) },
        });
        Assert.Equal(created.Id, updated.Id);
        Assert.True(updated.Accepted);
        Assert.Equal("kick-off", updated.Metadata!["note"].GetString());

        await catalog.DeleteSuggestionsCourseManageGroupAsync("acme", created.Id);
        Assert.Equal(3, (await catalog.GetSuggestionsCourseManageGroupAsync("acme")).Count);

        var notFound = await Assert.ThrowsAsync<IblDataManagerApiException>(() => catalog.DeleteSuggestionsCourseManageGroupAsync("acme", created.Id));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("catalog_suggestions_course_manage_group_destroy", notFound.OperationId);
        Assert.Contains($"no group suggestion {created.Id}", notFound.Problem!.Detail);
        Assert.Equal(404, notFound.Problem.Status);
    }

    [Fact]
    public async Task Creates_lists_and_deletes_pathway_suggestions_and_lists_a_learners_suggestions()
    {
        var catalog = Client.Catalog;
        var created = await catalog.CreateSuggestionsPathwayManageAsync(
            new PathwaySuggestionCreate { PlatformKey = "acme", PathwayId = "pathway-v1:acme+data+2024", UserId = "carol" });
        Assert.Equal(4, created.UserId);
        Assert.Equal("Data Science Pathway", created.PathwayName);
        var again = await catalog.CreateSuggestionsPathwayManageAsync(
            new PathwaySuggestionCreate { PlatformKey = "acme", PathwayId = "pathway-v1:acme+data+2024", UserId = "4", Visible = false });
        Assert.Equal(created.Id, again.Id);
        Assert.False(again.Visible);

        var pathways = await catalog.GetSuggestionsPathwayManageAsync("acme");
        Assert.Contains(pathways.Results, p => p.Id == created.Id && p.Username == "carol");
        Assert.Equal(PageLinkStyle.NextPagePreviousPage, pathways.LinkStyle);
        await catalog.DeleteSuggestionsPathwayManageAsync("acme", created.Id);
        Assert.DoesNotContain((await catalog.GetSuggestionsPathwayManageAsync("acme")).Results, p => p.Id == created.Id);

        var learner = await catalog.GetSuggestionsCourseUserAsync("dave");
        Assert.Equal(3, learner.Count);
        Assert.All(learner.Results, s => Assert.Equal("dave", s.Username));
    }

    [Fact]
    public async Task Reads_the_analytics_operations()
    {
        var analytics = Client.AiAnalytics;
        Assert.Equal(400, (await analytics.GetAnalyticsTimeSpentUserAsync(learnerId: "u100")).TotalSeconds);
        Assert.Equal(100, (await analytics.GetAnalyticsTimeSpentUserAsync(learnerId: "u100", courseId: "course-v1:initech+b")).TotalSeconds);
        Assert.Equal(100, (await analytics.GetAnalyticsTimeSpentUserAsync(learnerId: "u100", startDate: new DateOnly(2026, 6, 11))).TotalSeconds);
        Assert.Equal(0, (await analytics.GetAnalyticsTimeSpentUserAsync(learnerId: "u100", platform: "acme")).TotalSeconds);

        var audience = Client.Audience;
        var overTime = await audience.GetOrgsActiveUsersOverTimeAsync("initech", startDate: "2026-06-10", endDate: "2026-06-11");
        Assert.Equal([("2026-06-10", 1), ("2026-06-11", 2)], overTime.Data!.Select(day => (day.Key, day.Value)));
        Assert.Equal(2, overTime.Total);
        Assert.Equal(2, overTime.Meta.Total);

        var perCourse = await audience.GetOrgsActiveUsersPerCourseAsync("initech", startDate: "2026-06-10", endDate: "2026-06-11", format: Format.Json);
        Assert.Equal([("course-v1:initech+b", "Course B", 2), ("course-v1:initech+a", "Course A", 1)], perCourse.Data.Select(c => (c.CourseId, c.Name, c.UserCount)));
        Assert.Equal(2, perCourse.Total);
    }

    [Fact]
    public async Task Walks_every_page_to_the_end()
    {
        var items = new List<CourseGroupSuggestionDetail>();
        await foreach (var item in Client.Catalog.EnumerateSuggestionsCourseManageGroupAsync("acme", pageSize: 1))
        {
            items.Add(item);
        }

        var all = await Client.Catalog.GetSuggestionsCourseManageGroupAsync("acme");
        Assert.Equal(all.Count, items.Count);
        Assert.Equal(all.Results.Select(s => s.Id), items.Select(s => s.Id));

        var pathways = new List<int>();
        await foreach (var item in Client.Catalog.EnumerateSuggestionsPathwayManageAsync("acme", pageSize: 2))
        {
            pathways.Add(item.Id);
        }

        Assert.Equal((await Client.Catalog.GetSuggestionsPathwayManageAsync("acme")).Count, pathways.Count);
        Assert.Equal(pathways.Count, pathways.Distinct().Count());
    }

    [Fact]
    public async Task Error_statuses_become_the_typed_exception()
    {
        var anonymous = await Assert.ThrowsAsync<IblDataManagerApiException>(() => ClientFor(null).Catalog.GetSuggestionsCourseManageGroupAsync("acme"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var forbidden = await Assert.ThrowsAsync<IblDataManagerApiException>(() => ClientFor("demo-acme-learner-key").Catalog.GetSuggestionsCourseManageGroupAsync("acme"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(403, forbidden.Problem!.Status);
        Assert.StartsWith("catalog_suggestions_course_manage_group_retrieve failed with 403 Forbidden", forbidden.Message);

        var invalid = await Assert.ThrowsAsync<IblDataManagerApiException>(() => Client.Audience.GetOrgsActiveUsersOverTimeAsync("initech", format: new Format("xml")));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("format", invalid.Problem!.Errors!.Keys);
    }

    [Fact]
    public async Task Cancellation_is_honoured_before_a_request_and_between_pages()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.Catalog.GetSuggestionsCourseManageGroupAsync("acme", cancellationToken: cancelled.Token));

        using var midway = new CancellationTokenSource();
        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Client.Catalog.EnumerateSuggestionsCourseManageGroupAsync("acme", pageSize: 1, cancellationToken: midway.Token))
            {
                read++;
                await midway.CancelAsync();
            }
        });
        Assert.Equal(1, read);
    }

    [Fact]
    public async Task Interfaces_come_from_dependency_injection_and_tag_clients_stand_alone()
    {
        // The interfaces, as code under test would take them.
        var root = _services.GetRequiredService<IIblDataManagerClient>();
        var catalog = _services.GetRequiredService<ICatalogClient>();
        Assert.Equal((await root.Catalog.GetSuggestionsCourseManageGroupAsync("acme")).Count, (await catalog.GetSuggestionsCourseManageGroupAsync("acme")).Count);
        Assert.IsType<AudienceClient>(_services.GetRequiredService<IAudienceClient>());

        // A tag client over an HttpClient of its own, with no root client in sight.
        var httpClient = new HttpClient(SpecConformanceHandler.OverSockets());
        new IblDataManagerClientOptions { BaseAddress = _address, ApiKey = SampleDatabase.DemoAdminKey }.ConfigureHttpClient(httpClient);
        var alone = new CatalogClient(httpClient);
        Assert.True((await alone.GetSuggestionsCourseManageGroupAsync("acme", pageSize: 1)).Count > 0);
    }

    [Fact]
    public async Task Code_using_the_client_is_tested_with_a_fake_and_no_http()
    {
        var fake = new FakeAudience(new OvertimeWithChangeInfo { Meta = new OvertimeMeta { Total = 7 } });
        Assert.Equal(7, await ActiveLearners(fake, "acme"));
        Assert.Equal(["acme"], fake.Orgs);

        // The function under test, as a service would write it against the interface.
        static async Task<int> ActiveLearners(IAudienceClient audience, string org) => (await audience.GetOrgsActiveUsersOverTimeAsync(org)).Meta.Total;
    }

    [Fact]
    public async Task A_capture_records_the_status_and_headers_of_each_call_it_surrounds()
    {
        using (var capture = new IblDataManagerResponseCapture())
        {
            await Client.Catalog.GetSuggestionsCourseManageGroupAsync("acme", pageSize: 1);
            await Assert.ThrowsAsync<IblDataManagerApiException>(() => Client.Catalog.DeleteSuggestionsCourseManageGroupAsync("acme", 999_999));

            Assert.Collection(
                capture.Responses,
                ok =>
                {
                    Assert.Equal("catalog_suggestions_course_manage_group_retrieve", ok.OperationId);
                    Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
                    Assert.StartsWith("application/json", ok.Headers["content-type"].Single(), StringComparison.Ordinal);
                },
                notFound =>
                {
                    Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
                    Assert.StartsWith("application/problem+json", notFound.Headers["Content-Type"].Single(), StringComparison.Ordinal);
                });
            Assert.Equal(HttpStatusCode.NotFound, capture.Last!.StatusCode);
        }

        // Closed: later calls are not recorded anywhere, and a capture records only its own flow's calls.
        var outside = new IblDataManagerResponseCapture();
        outside.Dispose();
        await Client.Catalog.GetSuggestionsCourseManageGroupAsync("acme", pageSize: 1);
        Assert.Empty(outside.Responses);

        using var mine = new IblDataManagerResponseCapture();
        await Task.Run(async () =>
        {
            using var theirs = new IblDataManagerResponseCapture();
            await Client.Catalog.GetSuggestionsPathwayManageAsync("acme");
            Assert.Single(theirs.Responses);
        });
        Assert.Empty(mine.Responses);
    }

    /// <summary>A hand-written fake of the generated interface: the seam a service's unit tests use.</summary>
    private sealed class FakeAudience(OvertimeWithChangeInfo answer) : IAudienceClient
    {
        public List<string> Orgs { get; } = [];

        public Task<OvertimeWithChangeInfo> GetOrgsActiveUsersOverTimeAsync(
            string org, int? departmentId = null, bool? departmentMode = null, string? endDate = null, Format? format = null,
            bool? includeMainPlatform = null, string? startDate = null, CancellationToken cancellationToken = default)
        {
            Orgs.Add(org);
            return Task.FromResult(answer);
        }

        public Task<ActiveUsersPerCourse> GetOrgsActiveUsersPerCourseAsync(
            string org, int? departmentId = null, bool? departmentMode = null, string? endDate = null, Format? format = null,
            bool? includeMainPlatform = null, string? startDate = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
