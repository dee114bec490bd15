using System.Net;
using System.Net.Http.Json;

namespace IblCodegen.Sample.Tests;

/// <summary>
/// Every permission boundary of the seeds: who may read and change what. Denials are 401 without a valid key and
/// 403 otherwise, always as ProblemDetails; nothing changes in the store when a change is denied.
/// </summary>
public sealed class PermissionMatrixTests : IClassFixture<SampleServiceFactory>
{
    private readonly SampleServiceFactory _service;

    public PermissionMatrixTests(SampleServiceFactory service) => _service = service;

    public static TheoryData<string, string, HttpStatusCode> Reads => new()
    {
        // Group suggestions: IsDMAdmin, IsPlatformAdmin, IsDepartmentModeAdminInPlatform.
        { Keys.DmAdmin, "/api/catalog/suggestions/course/manage/group/?platform_key=acme", HttpStatusCode.OK },
        { Keys.AcmeAdmin, "/api/catalog/suggestions/course/manage/group/?platform_key=acme", HttpStatusCode.OK },
        { Keys.GlobexAdmin, "/api/catalog/suggestions/course/manage/group/?platform_key=acme", HttpStatusCode.Forbidden },
        { Keys.AcmeReader, "/api/catalog/suggestions/course/manage/group/?platform_key=acme", HttpStatusCode.Forbidden },
        { Keys.AcmeDepartmentAdmin, "/api/catalog/suggestions/course/manage/group/?platform_key=acme", HttpStatusCode.Forbidden },
        { Keys.AcmeDepartmentAdmin, "/api/catalog/suggestions/course/manage/group/?platform_key=acme&department_mode=true", HttpStatusCode.OK },
        { Keys.AcmeDepartmentAdmin, "/api/catalog/suggestions/course/manage/group/?platform_key=globex&department_mode=true", HttpStatusCode.Forbidden },
        { Keys.AcmeLearner, "/api/catalog/suggestions/course/manage/group/?platform_key=acme", HttpStatusCode.Forbidden },

        // A learner's suggestions: IsDMAdmin, IsPlatformAdminReadOnly, IsEdxUserReadOnly.
        { Keys.AcmeLearner, "/api/catalog/suggestions/course/user/?user=dave", HttpStatusCode.OK },
        { Keys.AcmeLearner, "/api/catalog/suggestions/course/user/?user=erin", HttpStatusCode.Forbidden },
        { Keys.AcmeReader, "/api/catalog/suggestions/course/user/?user=dave", HttpStatusCode.OK },
        { Keys.AcmeReader, "/api/catalog/suggestions/course/user/?user=grace&platform_key=globex", HttpStatusCode.Forbidden },
        { Keys.GlobexAdmin, "/api/catalog/suggestions/course/user/?user=dave&platform_key=acme", HttpStatusCode.Forbidden },
        { Keys.DmAdmin, "/api/catalog/suggestions/course/user/?user=grace", HttpStatusCode.OK },

        // Pathway suggestions: as group suggestions.
        { Keys.AcmeAdmin, "/api/catalog/suggestions/pathway/manage/?platform_key=acme", HttpStatusCode.OK },
        { Keys.AcmeAdmin, "/api/catalog/suggestions/pathway/manage/?platform_key=globex", HttpStatusCode.Forbidden },
        { Keys.AcmeLearner, "/api/catalog/suggestions/pathway/manage/?platform_key=acme", HttpStatusCode.Forbidden },

        // Time spent: a learner their own, admins of the learner's platform any learner.
        { Keys.AcmeLearner, "/api/analytics/time-spent/user/", HttpStatusCode.OK },
        { Keys.AcmeLearner, "/api/analytics/time-spent/user/?learner_id=erin", HttpStatusCode.Forbidden },
        { Keys.AcmeAdmin, "/api/analytics/time-spent/user/?learner_id=dave", HttpStatusCode.OK },
        { Keys.GlobexAdmin, "/api/analytics/time-spent/user/?learner_id=dave", HttpStatusCode.Forbidden },

        // Audience: DM and platform admins (read-only too); department admins for their department only.
        { Keys.AcmeReader, "/api/audience/orgs/acme/active-users/over-time", HttpStatusCode.OK },
        { Keys.AcmeReader, "/api/audience/orgs/globex/active-users/per-course", HttpStatusCode.Forbidden },
        { Keys.AcmeLearner, "/api/audience/orgs/acme/active-users/over-time", HttpStatusCode.Forbidden },
        { Keys.AcmeDepartmentAdmin, "/api/audience/orgs/acme/active-users/over-time", HttpStatusCode.Forbidden },
        { Keys.AcmeDepartmentAdmin, "/api/audience/orgs/acme/active-users/over-time?department_mode=true&department_id=1", HttpStatusCode.OK },
        { Keys.AcmeDepartmentAdmin, "/api/audience/orgs/acme/active-users/per-course?department_mode=true&department_id=2", HttpStatusCode.Forbidden },
        { Keys.GlobexAdmin, "/api/audience/orgs/globex/active-users/per-course", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Reads_are_allowed_exactly_where_the_seeds_say(string key, string url, HttpStatusCode expected)
    {
        var response = await _service.ClientFor(key).GetAsync(url);
        if (expected == HttpStatusCode.OK)
        {
            await response.JsonAsync();
        }
        else
        {
            await response.ProblemAsync(expected);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Api-Key not-a-key")]
    [InlineData("Bearer demo-dm-admin-key")]
    public async Task Without_a_valid_key_every_operation_is_401(string? authorization)
    {
        var client = _service.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        foreach (var url in new[]
        {
            "/api/catalog/suggestions/course/manage/group/?platform_key=acme",
            "/api/catalog/suggestions/course/user/?user=dave",
            "/api/catalog/suggestions/pathway/manage/?platform_key=acme",
            "/api/analytics/time-spent/user/",
            "/api/audience/orgs/acme/active-users/over-time",
            "/api/audience/orgs/acme/active-users/per-course",
        })
        {
            var problem = await (await client.GetAsync(url)).ProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("Authentication required", problem.GetProperty("title").GetString());
        }

        await (await client.PostAsJsonAsync("/api/catalog/suggestions/course/manage/group/", new { platform_key = "acme", course_id = "course-v1:acme+sql+2024", group_id = 2 }))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.DeleteAsync("/api/catalog/suggestions/pathway/manage/?suggestion_id=1&platform_key=acme")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(Keys.AcmeReader)]
    [InlineData(Keys.GlobexAdmin)]
    [InlineData(Keys.AcmeLearner)]
    public async Task Changes_by_callers_without_the_right_are_403_and_change_nothing(string key)
    {
        await using var service = new SampleServiceFactory();
        var client = service.ClientFor(key);
        var groups = service.Count("group_suggestions");
        var pathways = service.Count("pathway_suggestions");

        await (await client.PostAsJsonAsync("/api/catalog/suggestions/course/manage/group/", new { platform_key = "acme", course_id = "course-v1:acme+sql+2024", group_id = 2 }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync("/api/catalog/suggestions/pathway/manage/", new { platform_key = "acme", pathway_id = "pathway-v1:acme+data+2024", user_id = "carol" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync("/api/catalog/suggestions/course/manage/group/?suggestion_id=1&platform_key=acme")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync("/api/catalog/suggestions/pathway/manage/?suggestion_id=1&platform_key=acme")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(groups, service.Count("group_suggestions"));
        Assert.Equal(pathways, service.Count("pathway_suggestions"));
    }

    /// <summary>
    /// A caller without rights on a platform gets 403 before anything about that platform's data is looked at: the
    /// answer is the same for a group, a course or a person that exists and for one that does not.
    /// </summary>
    [Fact]
    public async Task Authorization_comes_before_data_and_reveals_nothing()
    {
        await using var service = new SampleServiceFactory();
        var globex = service.ClientFor(Keys.GlobexAdmin);

        // Creates on another platform: a real group and a missing one, a real learner and a missing one, all 403.
        foreach (var groupId in new[] { 1, 999 })
        {
            await (await globex.PostAsJsonAsync("/api/catalog/suggestions/course/manage/group/", new { platform_key = "acme", course_id = "course-v1:acme+sql+2024", group_id = groupId }))
                .ProblemAsync(HttpStatusCode.Forbidden);
        }

        foreach (var user in new[] { "carol", "nobody-at-all" })
        {
            await (await globex.PostAsJsonAsync("/api/catalog/suggestions/pathway/manage/", new { platform_key = "acme", pathway_id = "pathway-v1:acme+data+2024", user_id = user }))
                .ProblemAsync(HttpStatusCode.Forbidden);
        }

        // Another platform's learner, with or without platform_key, and an unknown one: all 403, not an empty page or a 400.
        await (await globex.GetAsync("/api/catalog/suggestions/course/user/?user=dave")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await globex.GetAsync("/api/catalog/suggestions/course/user/?user=dave&platform_key=acme")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await globex.GetAsync("/api/catalog/suggestions/course/user/?user=nobody-at-all")).ProblemAsync(HttpStatusCode.Forbidden);

        // The data-manager admin, who may see everyone, is told the user does not exist.
        await (await service.ClientFor(Keys.DmAdmin).GetAsync("/api/catalog/suggestions/course/user/?user=nobody-at-all")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>The rule at the door reads department_mode as the generated endpoint does: "TRUE" and "1" are true to both.</summary>
    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("1")]
    public async Task Department_mode_is_read_alike_at_the_door_and_in_the_handler(string value)
    {
        await using var service = new SampleServiceFactory();
        var response = await service.ClientFor(Keys.AcmeDepartmentAdmin).GetAsync($"/api/catalog/suggestions/course/manage/group/?platform_key=acme&department_mode={value}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// Seed 000: department admins manage their departments' suggestions. A create with the seed's body (no
    /// department_mode) is allowed for a group of their department, and refused for another department's.
    /// </summary>
    [Fact]
    public async Task A_department_admin_creates_for_their_department_with_the_seed_body()
    {
        await using var service = new SampleServiceFactory();
        var client = service.ClientFor(Keys.AcmeDepartmentAdmin);
        var own = await client.PostAsJsonAsync("/api/catalog/suggestions/course/manage/group/", new { platform_key = "acme", course_id = "course-v1:acme+sql+2024", group_id = 1 });
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        await (await client.PostAsJsonAsync("/api/catalog/suggestions/course/manage/group/", new { platform_key = "acme", course_id = "course-v1:acme+sales+2024", group_id = 2 }))
            .ProblemAsync(HttpStatusCode.Forbidden);
    }
}
