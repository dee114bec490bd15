using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace IblCodegen.Sample.Tests;

/// <summary>Bad requests are stopped by the generated endpoint with a 400 ProblemDetails naming the parameter; nothing reaches the store.</summary>
public sealed class ValidationTests : IClassFixture<SampleServiceFactory>
{
    private const string Groups = "/api/catalog/suggestions/course/manage/group/";
    private readonly SampleServiceFactory _service;

    public ValidationTests(SampleServiceFactory service) => _service = service;

    [Theory]
    [InlineData(Groups + "?page=2", "platform_key", "is required")]
    [InlineData(Groups + "?platform_key=acme&page=two", "page", "must be an integer")]
    [InlineData(Groups + "?platform_key=acme&department_mode=maybe", "department_mode", "true or false")]
    [InlineData(Groups + "?platform_key=", "platform_key", "is required")]
    [InlineData("/api/catalog/suggestions/course/user/", "user", "is required")]
    [InlineData("/api/analytics/time-spent/user/?start_date=15-06-2026", "start_date", "a date (YYYY-MM-DD)")]
    [InlineData("/api/audience/orgs/acme/active-users/over-time?format=xml", "format", "must be one of: json")]
    [InlineData("/api/audience/orgs/acme/active-users/over-time?department_id=x", "department_id", "must be an integer")]
    public async Task A_bad_parameter_is_400_naming_it(string url, string parameter, string message)
    {
        var problem = await (await _service.ClientFor(Keys.DmAdmin).GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").GetProperty(parameter);
        Assert.Contains(message, errors[0].GetString());
    }

    /// <summary>Inputs at the ends of the calendar and of Int32 answer 400 naming the parameter, never 500 or a wrong page.</summary>
    [Theory]
    [InlineData("/api/audience/orgs/acme/active-users/over-time?start_date=0001-01-01&end_date=9999-12-31", "end_date", "from 1970-01-01 to 2999-12-31")]
    [InlineData("/api/audience/orgs/acme/active-users/over-time?end_date=0001-01-01", "end_date", "from 1970-01-01 to 2999-12-31")]
    [InlineData("/api/audience/orgs/acme/active-users/over-time?start_date=0001-01-01", "start_date", "from 1970-01-01 to 2999-12-31")]
    [InlineData("/api/audience/orgs/acme/active-users/per-course?start_date=1970-01-01&end_date=2999-12-31", "start_date", "at most 366 days")]
    [InlineData("/api/audience/orgs/acme/active-users/over-time?start_date=1900-01-01&end_date=2100-12-31", "start_date", "from 1970-01-01 to 2999-12-31")]
    [InlineData(Groups + "?platform_key=acme&page=2147483647", "page", "must not pass 2147483647")]
    [InlineData(Groups + "?platform_key=acme&page=21474837&page_size=100", "page", "must not pass 2147483647")]
    public async Task Inputs_at_the_limits_are_400_naming_the_parameter(string url, string parameter, string message)
    {
        var problem = await (await _service.ClientFor(Keys.DmAdmin).GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(parameter)[0].GetString());
    }

    [Fact]
    public async Task A_range_of_366_days_at_the_end_of_the_supported_calendar_is_answered()
    {
        var response = await _service.ClientFor(Keys.DmAdmin).GetAsync("/api/audience/orgs/acme/active-users/over-time?start_date=2999-01-01&end_date=2999-12-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var early = await _service.ClientFor(Keys.DmAdmin).GetAsync("/api/audience/orgs/acme/active-users/per-course?start_date=1970-01-01&end_date=1970-12-31");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
    }

    [Fact]
    public async Task A_handler_level_check_is_a_400_too()
    {
        var problem = await (await _service.ClientFor(Keys.DmAdmin).GetAsync(Groups + "?platform_key=acme&sort=name")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("sort", out _));
    }

    [Theory]
    [InlineData("{ \"platform_key\": \"acme\", \"course_id\": ", "body.course_id")]
    [InlineData("{ \"platform_key\": \"acme\", \"group_id\": 1 }", "body")]
    [InlineData("{ \"platform_key\": \"acme\", \"course_id\": \"course-v1:acme+sql+2024\", \"group_id\": 1.5 }", "body.group_id")]
    [InlineData("{ \"platform_key\": \"acme\", \"course_id\": \"course-v1:acme+sql+2024\", \"group_id\": true }", "body.group_id")]

    // A string, as the union allows, but not the digits of an id (the spec's pattern): the handler's 400.
    [InlineData("{ \"platform_key\": \"acme\", \"course_id\": \"course-v1:acme+sql+2024\", \"group_id\": \"one\" }", "group_id")]
    [InlineData("", "body")]

    // null where the spec allows none (required, not nullable): refused by the generated metadata, naming the member.
    [InlineData("{ \"platform_key\": \"acme\", \"course_id\": null, \"group_id\": 1 }", "body.course_id")]
    [InlineData("{ \"platform_key\": null, \"course_id\": \"course-v1:acme+sql+2024\", \"group_id\": 1 }", "body.platform_key")]
    public async Task A_bad_body_is_400_and_changes_nothing(string json, string errorKey)
    {
        await using var service = new SampleServiceFactory();
        var before = service.Count("group_suggestions");
        var content = new StringContent(json, Encoding.UTF8, "application/json");
        var problem = await (await service.ClientFor(Keys.DmAdmin).PostAsync(Groups, content)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(errorKey, out _), problem.ToString());
        Assert.Equal(before, service.Count("group_suggestions"));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        // The endpoint declares the JSON it accepts, so routing answers 415 before anything reads the body.
        var content = new StringContent("platform_key=acme", Encoding.UTF8, "text/plain");
        await (await _service.ClientFor(Keys.DmAdmin).PostAsync(Groups, content)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Referring_to_something_the_platform_lacks_is_400_and_changes_nothing()
    {
        await using var service = new SampleServiceFactory();
        var client = service.ClientFor(Keys.DmAdmin);
        await (await client.PostAsJsonAsync(Groups, new { platform_key = "acme", course_id = "course-v1:globex+ops+2024", group_id = 1 })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostAsJsonAsync(Groups, new { platform_key = "acme", course_id = "course-v1:acme+sql+2024", group_id = 3 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(4, service.Count("group_suggestions"));
    }
}
