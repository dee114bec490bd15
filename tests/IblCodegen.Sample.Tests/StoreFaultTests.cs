using System.Net;

namespace IblCodegen.Sample.Tests;

/// <summary>
/// The store going away under a running service (its file moved, or replaced by something that is not a database):
/// requests answer 503 with a problem document and Retry-After, reads do not go on serving the old file, and the
/// service recovers without a restart when the store is back.
/// </summary>
[Collection(StoreWideCollection.Name)]
public sealed class StoreFaultTests : LoopbackSuite
{
    private const string Groups = "/api/catalog/suggestions/course/manage/group/?platform_key=acme";

    [Fact]
    public async Task A_store_moved_away_is_503_with_retry_after_and_the_service_recovers_when_it_is_back()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Groups)).StatusCode);

        var aside = Sample.DatabasePath + ".aside";
        File.Move(Sample.DatabasePath, aside);
        try
        {
            await AssertUnavailableAsync(await Client.GetAsync(Groups));
            await AssertUnavailableAsync(await Client.PostAsync(
                "/api/catalog/suggestions/course/manage/group/",
                new StringContent("""{"platform_key":"acme","course_id":"course-v1:acme+sql+2024","group_id":1}""", System.Text.Encoding.UTF8, "application/json")));
        }
        finally
        {
            File.Move(aside, Sample.DatabasePath);
        }

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Groups)).StatusCode);
    }

    [Fact]
    public async Task A_store_that_is_not_a_database_is_503_and_the_service_recovers_when_it_is_restored()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Groups)).StatusCode);
        // An open connection keeps reading the file it opened; a file replaced under it is seen once the store lets
        // its connections go (as it does on any fault).
        Sample.Database.ClearPools();
        var aside = Sample.DatabasePath + ".aside";
        File.Move(Sample.DatabasePath, aside);
        await File.WriteAllTextAsync(Sample.DatabasePath, "this is not a database, but a file of the same name with text in it");
        try
        {
            await AssertUnavailableAsync(await Client.GetAsync(Groups));
        }
        finally
        {
            File.Move(aside, Sample.DatabasePath, overwrite: true);
        }

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Groups)).StatusCode);
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
