using System.Net;
using IblCodegen.Sample.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IblCodegen.Sample.Tests;

/// <summary>
/// The store going away under a running service (its file moved, or replaced by something that is not a database):
/// requests answer 503 with a problem document and Retry-After, reads do not go on serving the old file, and the
/// service recovers without a restart when the store is back.
/// </summary>
public sealed class StoreFaultTests : IAsyncLifetime
{
    private const string Groups = "/api/catalog/suggestions/course/manage/group/?platform_key=acme";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"ibl-sample-faults-{Guid.NewGuid():N}.db");
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = SampleApp.Build(["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:Sample=Data Source={_databasePath}"]);
        await _app.StartAsync();
        _client = new HttpClient(SpecConformanceHandler.OverSockets()) { BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
        _client.DefaultRequestHeaders.Add("Authorization", "Api-Key " + SampleDatabase.DemoAdminKey);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_databasePath)!, Path.GetFileName(_databasePath) + "*"))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_store_moved_away_is_503_with_retry_after_and_the_service_recovers_when_it_is_back()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(Groups)).StatusCode);

        var aside = _databasePath + ".aside";
        File.Move(_databasePath, aside);
        try
        {
            await AssertUnavailableAsync(await _client.GetAsync(Groups));
            await AssertUnavailableAsync(await _client.PostAsync(
                "/api/catalog/suggestions/course/manage/group/",
                new StringContent("""{"platform_key":"acme","course_id":"course-v1:acme+sql+2024","group_id":1}""", System.Text.Encoding.UTF8, "application/json")));
        }
        finally
        {
            File.Move(aside, _databasePath);
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(Groups)).StatusCode);
    }

    [Fact]
    public async Task A_store_that_is_not_a_database_is_503_and_the_service_recovers_when_it_is_restored()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(Groups)).StatusCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var aside = _databasePath + ".aside";
        File.Move(_databasePath, aside);
        await File.WriteAllTextAsync(_databasePath, "this is not a database, but a file of the same name with text in it");
        try
        {
            await AssertUnavailableAsync(await _client.GetAsync(Groups));
        }
        finally
        {
            File.Move(aside, _databasePath, overwrite: true);
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(Groups)).StatusCode);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":503", problem);
    }
}
