using IblCodegen.Sample.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IblCodegen.Sample.Tests;

/// <summary>
/// The sample service in memory, on a database file of its own, seeded as on a first run, with the clock fixed
/// at <see cref="Today"/> so dates in the seed and in default ranges are known.
/// </summary>
public sealed class SampleServiceFactory : WebApplicationFactory<Program>
{
    public static readonly DateOnly Today = new(2026, 6, 15);

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"ibl-sample-test-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={_databasePath}";

    public SampleDatabase Database => Services.GetRequiredService<SampleDatabase>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Sample", ConnectionString);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FixedClock(Today)));
    }

    /// <summary>A client whose every answer is held to the spec (<see cref="SpecConformance"/>).</summary>
    public HttpClient ClientFor(string apiKey)
    {
        var client = CreateDefaultClient(new SpecConformanceHandler());
        client.DefaultRequestHeaders.Add("Authorization", "Api-Key " + apiKey);
        return client;
    }

    public long Count(string table)
    {
        using var connection = Database.Open();
        return SampleDatabase.Scalar<long>(connection, null, $"SELECT COUNT(*) FROM {table}");
    }

    public void Execute(string sql, params (string, object?)[] parameters)
    {
        using var connection = Database.Open();
        SampleDatabase.Execute(connection, null, sql, parameters);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_databasePath);
    }

    private sealed class FixedClock(DateOnly today) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
    }
}

/// <summary>The seeded API keys, one per role the permissions distinguish.</summary>
public static class Keys
{
    public const string DmAdmin = "demo-dm-admin-key";
    public const string AcmeAdmin = "demo-acme-admin-key";
    public const string AcmeReader = "demo-acme-reader-key";
    public const string AcmeDepartmentAdmin = "demo-acme-department-admin-key";
    public const string AcmeLearner = "demo-acme-learner-key";
    public const string AcmeSalesLearner = "demo-acme-sales-learner-key";
    public const string GlobexAdmin = "demo-globex-admin-key";
}
