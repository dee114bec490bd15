using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IblCodegen.Sample.Tests;

/// <summary>The suggestion operations on the seeded data, through the generated endpoints.</summary>
public sealed class CatalogTests : IClassFixture<SampleServiceFactory>
{
    private const string Groups = "/api/catalog/suggestions/course/manage/group/";
    private const string Users = "/api/catalog/suggestions/course/user/";
    private const string Pathways = "/api/catalog/suggestions/pathway/manage/";
    private readonly SampleServiceFactory _service;

    public CatalogTests(SampleServiceFactory service) => _service = service;

    [Fact]
    public async Task Lists_the_group_suggestions_of_a_platform()
    {
        var page = await (await _service.ClientFor(Keys.DmAdmin).GetAsync(Groups + "?platform_key=acme")).JsonAsync();
        Assert.Equal(3, page.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("previous").ValueKind);
        Assert.False(page.TryGetProperty("next_page", out _), "This list names its links next/previous.");
        var first = page.GetProperty("results")[0];
        Assert.Equal("Engineering Team", first.GetProperty("group_name").GetString());
        Assert.Equal("course-v1:acme+python+2024", first.GetProperty("course_id").GetString());
        Assert.Equal("Introduction to Programming", first.GetProperty("course_name").GetString());
        Assert.Equal(2, first.GetProperty("user_count").GetInt32());
    }

    [Fact]
    public async Task Sorts_and_searches_group_suggestions()
    {
        var client = _service.ClientFor(Keys.AcmeAdmin);
        var descending = await (await client.GetAsync(Groups + "?platform_key=acme&sort=-id")).JsonAsync();
        Assert.Equal(["3", "2", "1"], descending.GetProperty("results").Strings("id"));
        var search = await (await client.GetAsync(Groups + "?platform_key=acme&query=Sales")).JsonAsync();
        Assert.Equal(["course-v1:acme+sales+2024"], search.GetProperty("results").Strings("course_id"));
    }

    [Fact]
    public async Task Pages_carry_the_count_and_absolute_links_to_their_neighbours()
    {
        var client = _service.ClientFor(Keys.DmAdmin);
        var seen = new List<string>();
        string? url = Groups + "?platform_key=acme&page_size=1";
        var pages = 0;
        while (url is not null)
        {
            var page = await (await client.GetAsync(url)).JsonAsync();
            Assert.Equal(3, page.GetProperty("count").GetInt32());
            seen.AddRange(page.GetProperty("results").Strings("id"));
            if (pages > 0)
            {
                Assert.StartsWith("http://localhost/api/catalog/", page.GetProperty("previous").GetString());
            }

            url = page.GetProperty("next").GetString();
            if (url is not null)
            {
                Assert.StartsWith("http://localhost/api/catalog/suggestions/course/manage/group/?", url);
                Assert.Contains($"page={pages + 2}", url);
                Assert.Contains("page_size=1", url);
            }

            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(["1", "2", "3"], seen);
    }

    [Fact]
    public async Task A_learner_reads_their_own_suggestions_with_next_page_links()
    {
        var page = await (await _service.ClientFor(Keys.AcmeLearner).GetAsync(Users + "?user=dave&page_size=2")).JsonAsync();
        Assert.Equal(3, page.GetProperty("count").GetInt32());
        Assert.Equal(["3", "2"], page.GetProperty("results").Strings("id"));
        Assert.EndsWith("page=2", page.GetProperty("next_page").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("previous_page").ValueKind);
        Assert.False(page.TryGetProperty("next", out _));
        Assert.Equal("Dave Learner", page.GetProperty("results")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_platform_reader_sees_only_their_platform_of_a_learners_suggestions()
    {
        var page = await (await _service.ClientFor(Keys.AcmeReader).GetAsync(Users + "?user=5")).JsonAsync();
        Assert.Equal(2, page.GetProperty("count").GetInt32());
        Assert.All(page.GetProperty("results").Strings("platform_key"), platform => Assert.Equal("acme", platform));
    }

    [Fact]
    public async Task Lists_pathway_suggestions()
    {
        var page = await (await _service.ClientFor(Keys.AcmeAdmin).GetAsync(Pathways + "?platform_key=acme")).JsonAsync();
        Assert.Equal(2, page.GetProperty("count").GetInt32());
        var first = page.GetProperty("results")[0];
        Assert.Equal("erin", first.GetProperty("username").GetString());
        Assert.Equal("12345678-1234-5678-1234-567812345678", first.GetProperty("pathway_uuid").GetString());
        Assert.Equal("Data Science Pathway", first.GetProperty("pathway_name").GetString());
        Assert.Equal("acme", first.GetProperty("pathway_platform_key").GetString());
    }

    [Fact]
    public async Task Posting_the_same_group_suggestion_twice_updates_it()
    {
        await using var service = new SampleServiceFactory();
        var client = service.ClientFor(Keys.AcmeAdmin);
        var before = service.Count("group_suggestions");

        var created = await (await client.PostAsJsonAsync(Groups, new { platform_key = "acme", course_id = "course-v1:acme+sales+2024", group_id = 1 })).JsonAsync();
        Assert.False(created.GetProperty("accepted").GetBoolean());
        Assert.True(created.GetProperty("visible").GetBoolean());
        Assert.Equal(before + 1, service.Count("group_suggestions"));

        // Seed 000: group_id is a string or an integer; "1" names the same group as 1.
        var updated = await (await client.PostAsJsonAsync(Groups, new
        {
            platform_key = "acme", course_id = "course-v1:acme+sales+2024", group_id = "1", accepted = true, metadata = new { note = "kick-off" },
        })).JsonAsync();
        Assert.Equal(created.GetProperty("id").GetInt32(), updated.GetProperty("id").GetInt32());
        Assert.True(updated.GetProperty("accepted").GetBoolean());
        Assert.Equal("kick-off", updated.GetProperty("metadata").GetProperty("note").GetString());
        Assert.Equal(before + 1, service.Count("group_suggestions"));
    }

    [Fact]
    public async Task Posting_a_pathway_suggestion_creates_then_updates_it()
    {
        await using var service = new SampleServiceFactory();
        var client = service.ClientFor(Keys.DmAdmin);
        var body = new { platform_key = "acme", pathway_id = "pathway-v1:acme+data+2024", user_id = "carol" };
        var created = await (await client.PostAsJsonAsync(Pathways, body)).JsonAsync();
        Assert.Equal(4, created.GetProperty("user_id").GetInt32());
        Assert.Equal("Data Science Pathway", created.GetProperty("pathway_name").GetString());
        var again = await (await client.PostAsJsonAsync(Pathways, new { body.platform_key, body.pathway_id, user_id = "4", visible = false })).JsonAsync();
        Assert.Equal(created.GetProperty("id").GetInt32(), again.GetProperty("id").GetInt32());
        Assert.False(again.GetProperty("visible").GetBoolean());

        // Seed 000: user_id is a string or an integer; the number 4 is the same learner as "4" and "carol".
        var byNumber = await (await client.PostAsJsonAsync(Pathways, new { body.platform_key, body.pathway_id, user_id = 4, visible = true })).JsonAsync();
        Assert.Equal(created.GetProperty("id").GetInt32(), byNumber.GetProperty("id").GetInt32());
        Assert.True(byNumber.GetProperty("visible").GetBoolean());
        Assert.Equal(4, service.Count("pathway_suggestions"));

        // A number is an id only, never a username made of digits; one that names nobody is a 400 naming the member.
        var unknown = await (await client.PostAsJsonAsync(Pathways, new { body.platform_key, body.pathway_id, user_id = 40404 })).ProblemAsync(System.Net.HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("user_id", out _), unknown.ToString());
    }

    [Fact]
    public async Task Deleting_removes_the_suggestion_and_an_unknown_id_is_404()
    {
        await using var service = new SampleServiceFactory();
        var client = service.ClientFor(Keys.AcmeAdmin);
        (await client.DeleteAsync(Groups + "?suggestion_id=1&platform_key=acme")).EnsureSuccessStatusCode();
        Assert.Equal(3, service.Count("group_suggestions"));

        var problem = await (await client.DeleteAsync(Groups + "?suggestion_id=1&platform_key=acme")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("no group suggestion 1", problem.GetProperty("detail").GetString());
        await (await client.DeleteAsync(Pathways + "?suggestion_id=999&platform_key=acme")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(3, service.Count("pathway_suggestions"));
    }

    [Fact]
    public async Task A_department_admin_sees_and_manages_only_their_departments()
    {
        await using var service = new SampleServiceFactory();
        var client = service.ClientFor(Keys.AcmeDepartmentAdmin);
        var page = await (await client.GetAsync(Groups + "?platform_key=acme&department_mode=true")).JsonAsync();
        Assert.Equal(["Engineering Team", "Engineering Team"], page.GetProperty("results").Strings("group_name"));

        var own = await client.PostAsJsonAsync(Groups, new { platform_key = "acme", course_id = "course-v1:acme+sales+2024", group_id = 1, department_mode = true });
        await own.JsonAsync();
        var other = await client.PostAsJsonAsync(Groups, new { platform_key = "acme", course_id = "course-v1:acme+python+2024", group_id = 2, department_mode = true });
        await other.ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync(Groups + "?suggestion_id=3&platform_key=acme&department_mode=true")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(5, service.Count("group_suggestions"));
    }
}
