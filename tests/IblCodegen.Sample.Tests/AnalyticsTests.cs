using System.Text.Json;

namespace IblCodegen.Sample.Tests;

/// <summary>
/// The analytics against activity the test inserts itself, on a platform of its own: every number below is worked
/// out by hand from these rows.
/// </summary>
public sealed class AnalyticsTests : IClassFixture<AnalyticsTests.InitechService>
{
    private readonly InitechService _service;

    public AnalyticsTests(InitechService service) => _service = service;

    /// <summary>
    /// Initech: learners 100 and 102 in department 10, learner 101 in none. A learner is active on a day when they had any
    /// activity in the 30 days ending that day.
    /// 100: 06-10 course a 300 s (url unit-1, mentor m1, session s1); 06-11 course a 200 s; 06-12 course b 100 s.
    /// 101: 06-11 course b 50 s; 06-01 course a 70 s.
    /// 102: 06-12 course a 30 s, on the main platform.
    /// </summary>
    public sealed class InitechService : IAsyncLifetime
    {
        public SampleServiceFactory Factory { get; } = new();

        public Task InitializeAsync()
        {
            Factory.Execute("""
                INSERT INTO platforms (key, name, org) VALUES ('initech', 'Initech', 'initech');
                INSERT INTO users (id, username, name, email) VALUES (100, 'u100', 'U 100', 'u100@initech.example'),
                    (101, 'u101', 'U 101', 'u101@initech.example'), (102, 'u102', 'U 102', 'u102@initech.example');
                INSERT INTO departments (id, platform_key, name) VALUES (10, 'initech', 'TPS');
                INSERT INTO memberships (user_id, platform_key, role, department_id) VALUES
                    (100, 'initech', 'learner', 10), (101, 'initech', 'learner', NULL), (102, 'initech', 'learner', 10);
                INSERT INTO courses (id, name, platform_key) VALUES ('course-v1:initech+a', 'Course A', 'initech'), ('course-v1:initech+b', 'Course B', 'initech');
                INSERT INTO activity (user_id, platform_key, course_id, url, mentor_uuid, session_uuid, day, seconds) VALUES
                    (100, 'initech', 'course-v1:initech+a', 'https://initech.example/unit-1', 'm1', 's1', '2026-06-10', 300),
                    (100, 'initech', 'course-v1:initech+a', NULL, NULL, NULL, '2026-06-11', 200),
                    (100, 'initech', 'course-v1:initech+b', NULL, NULL, NULL, '2026-06-12', 100),
                    (101, 'initech', 'course-v1:initech+b', NULL, NULL, NULL, '2026-06-11', 50),
                    (101, 'initech', 'course-v1:initech+a', NULL, NULL, NULL, '2026-06-01', 70),
                    (102, 'main', 'course-v1:initech+a', NULL, NULL, NULL, '2026-06-12', 30);
                """);
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    [Theory]
    [InlineData("", 600)]
    [InlineData("&course_id=initech%2Bb", 100)]
    [InlineData("&start_date=2026-06-11", 300)]
    [InlineData("&end_date=2026-06-10", 300)]
    [InlineData("&url=unit-1", 300)]
    [InlineData("&mentor_uuid=m1", 300)]
    [InlineData("&session_uuid=s1", 300)]
    [InlineData("&platform=initech", 600)]
    [InlineData("&platform=Initech", 600)]
    [InlineData("&platform=acme", 0)]
    public async Task Time_spent_adds_up_the_filtered_seconds(string filter, int expected)
    {
        var response = await (await _service.Factory.ClientFor(Keys.DmAdmin).GetAsync("/api/analytics/time-spent/user/?learner_id=u100" + filter)).JsonAsync();
        Assert.Equal(expected, response.GetProperty("total_seconds").GetInt32());
    }

    [Theory]
    [InlineData("", 30)]
    [InlineData("&include_main_platform=false", 0)]
    public async Task Time_spent_on_the_main_platform_counts_unless_excluded(string filter, int expected)
    {
        var response = await (await _service.Factory.ClientFor(Keys.DmAdmin).GetAsync("/api/analytics/time-spent/user/?learner_id=102" + filter)).JsonAsync();
        Assert.Equal(expected, response.GetProperty("total_seconds").GetInt32());
    }

    [Fact]
    public async Task Daily_active_learners_with_change_metrics()
    {
        var body = await Get("over-time?start_date=2026-06-10&end_date=2026-06-12");
        // Active on a day: any activity in the 30 days ending that day (seed 004). 06-10: u100, and u101 (06-01);
        // 06-12: u102 too (on the main platform).
        Assert.Equal(
            [("2026-06-10", 2), ("2026-06-11", 2), ("2026-06-12", 3)],
            body.GetProperty("data").EnumerateObject().Select(day => (day.Name, day.Value.GetInt32())));
        Assert.Equal(3, body.GetProperty("total").GetInt32());

        var meta = body.GetProperty("meta");
        Assert.Equal(3, meta.GetProperty("total").GetInt32());
        Assert.Equal(2, meta.GetProperty("change_range").GetInt32());          // 3 now; 06-07..06-09 had u101 (06-01, within 30 days)
        Assert.Equal(2, meta.GetProperty("change_last_seven_days").GetInt32()); // 3 in 06-06..06-12, 1 (u101) in 05-30..06-05
        Assert.Equal(200.0, meta.GetProperty("change_last_seven_days_percent").GetDouble());
        Assert.Equal(3, meta.GetProperty("change_last_thirty_days").GetInt32());
    }

    [Fact]
    public async Task Daily_active_learners_without_the_main_platform_or_for_one_department()
    {
        var withoutMain = await Get("over-time?start_date=2026-06-10&end_date=2026-06-12&include_main_platform=false");
        Assert.Equal(2, withoutMain.GetProperty("data").GetProperty("2026-06-12").GetInt32()); // u100, and u101 (06-11)
        Assert.Equal(2, withoutMain.GetProperty("total").GetInt32());

        var department = await Get("over-time?start_date=2026-06-10&end_date=2026-06-12&department_id=10");
        Assert.Equal([1, 1, 2], department.GetProperty("data").EnumerateObject().Select(day => day.Value.GetInt32()));
        Assert.Equal(2, department.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_range_defaults_to_the_last_seven_days()
    {
        var body = await Get("over-time");
        Assert.Equal(
            ["2026-06-09", "2026-06-10", "2026-06-11", "2026-06-12", "2026-06-13", "2026-06-14", "2026-06-15"],
            body.GetProperty("data").EnumerateObject().Select(day => day.Name));
        Assert.Equal(3, body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Active_learners_per_course_with_the_unique_total()
    {
        var body = await Get("per-course?start_date=2026-06-10&end_date=2026-06-12");
        var courses = body.GetProperty("data").EnumerateArray()
            .Select(c => (c.GetProperty("course_id").GetString(), c.GetProperty("name").GetString(), c.GetProperty("user_count").GetInt32()));
        Assert.Equal([("course-v1:initech+a", "Course A", 2), ("course-v1:initech+b", "Course B", 2)], courses);
        Assert.Equal(3, body.GetProperty("total").GetInt32());
        Assert.Equal(3, body.GetProperty("meta").GetProperty("total").GetInt32());
    }

    private async Task<JsonElement> Get(string path) =>
        await (await _service.Factory.ClientFor(Keys.DmAdmin).GetAsync("/api/audience/orgs/initech/active-users/" + path)).JsonAsync();
}
