using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using IblCodegen.Sample.Data;

namespace IblCodegen.Sample.Tests;

/// <summary>
/// Writers at once, on Kestrel over 127.0.0.1 with the sample's own database file: no answer is a 5xx, the
/// create-or-update keeps one row per key, and the store stays intact. Bounded in count and time.
/// </summary>
[Collection(StoreWideCollection.Name)]
public sealed class ConcurrencyTests(Xunit.Abstractions.ITestOutputHelper output) : LoopbackSuite
{
    private const string Suggestion = """{"platform_key":"acme","course_id":"course-v1:acme+sql+2024","group_id":1,"accepted":true}""";

    [Fact]
    public async Task Two_hundred_simultaneous_creates_of_one_suggestion_leave_one_row_and_no_error()
    {
        var statuses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => PostAsync()));
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(1L, Count());
        Assert.Equal("ok", IntegrityCheck());
    }

    [Fact]
    public async Task A_storm_of_creates_and_deletes_answers_no_5xx_and_leaves_the_store_intact()
    {
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var lastId = 0;
        var stopwatch = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(20);

        async Task Creator()
        {
            while (stopwatch.Elapsed < duration)
            {
                using var response = await Client.PostAsync("/api/catalog/suggestions/course/manage/group/", Json(Suggestion));
                statuses.Add(response.StatusCode);
                if (response.IsSuccessStatusCode)
                {
                    var created = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                    Volatile.Write(ref lastId, created.GetProperty("id").GetInt32());
                }
            }
        }

        async Task Deleter()
        {
            while (stopwatch.Elapsed < duration)
            {
                var id = Volatile.Read(ref lastId);
                using var response = await Client.DeleteAsync($"/api/catalog/suggestions/course/manage/group/?suggestion_id={Math.Max(id, 1)}&platform_key=acme");
                statuses.Add(response.StatusCode);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Creator()).Concat(Enumerable.Range(0, 8).Select(_ => Deleter())));

        var serverErrors = statuses.Count(s => (int)s >= 500);
        output.WriteLine($"{statuses.Count} requests in {stopwatch.Elapsed.TotalSeconds:F0} s: "
            + string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {(int)g.Key}")));
        Assert.True(serverErrors == 0, $"{serverErrors} of {statuses.Count} answers were 5xx.");
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound }));
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) > 100, $"Only {statuses.Count} requests in the storm.");
        Assert.InRange(Count(), 0L, 1L);
        Assert.Equal("ok", IntegrityCheck());
    }

    private async Task<HttpStatusCode> PostAsync()
    {
        using var response = await Client.PostAsync("/api/catalog/suggestions/course/manage/group/", Json(Suggestion));
        return response.StatusCode;
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private long Count()
    {
        using var connection = Sample.Database.Open();
        return SampleDatabase.Scalar<long>(connection, null, "SELECT COUNT(*) FROM group_suggestions WHERE platform_key = 'acme' AND course_id = 'course-v1:acme+sql+2024' AND group_id = 1");
    }

    private string IntegrityCheck()
    {
        using var connection = Sample.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }
}
