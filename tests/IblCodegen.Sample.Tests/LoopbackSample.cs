using IblCodegen.Sample.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IblCodegen.Sample.Tests;

/// <summary>
/// The sample as it runs for real, for the suites on a socket: Kestrel on 127.0.0.1 (a port of its own), its own
/// database file, removed with its WAL files when the suite is done.
/// </summary>
internal sealed class LoopbackSample : IAsyncDisposable
{
    private LoopbackSample(WebApplication app, string databasePath)
    {
        App = app;
        DatabasePath = databasePath;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public WebApplication App { get; }

    public string DatabasePath { get; }

    public Uri Address { get; }

    public SampleDatabase Database => App.Services.GetRequiredService<SampleDatabase>();

    /// <summary>Starts the sample on 127.0.0.1:0, or on the Kestrel endpoints <paramref name="endpointArgs"/> configure.</summary>
    public static async Task<LoopbackSample> StartAsync(params string[] endpointArgs)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"ibl-sample-loopback-{Guid.NewGuid():N}.db");
        string[] endpoints = endpointArgs.Length > 0 ? endpointArgs : ["--urls", "http://127.0.0.1:0"];
        var app = SampleApp.Build([.. endpoints, $"--ConnectionStrings:Sample=Data Source={databasePath}"]);
        await app.StartAsync();
        return new LoopbackSample(app, databasePath);
    }

    /// <summary>A client of the service whose answers are held to the spec, with <paramref name="apiKey"/> (none when null).</summary>
    public HttpClient Client(string? apiKey = SampleDatabase.DemoAdminKey)
    {
        var client = new HttpClient(SpecConformanceHandler.OverSockets()) { BaseAddress = Address };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("Authorization", "Api-Key " + apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!, Path.GetFileName(DatabasePath) + "*"))
        {
            File.Delete(file);
        }
    }
}

/// <summary>A suite on a running sample with a judged, authenticated client, started before its tests and stopped after.</summary>
public abstract class LoopbackSuite : IAsyncLifetime
{
    internal LoopbackSample Sample { get; private set; } = null!;

    internal HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sample = await LoopbackSample.StartAsync();
        Client = Sample.Client();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Sample.DisposeAsync();
    }
}
