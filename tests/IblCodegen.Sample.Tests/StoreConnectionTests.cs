using IblCodegen.Sample.Data;
using IblCodegen.Sample.Security;
using Microsoft.Data.Sqlite;

namespace IblCodegen.Sample.Tests;

/// <summary>
/// What the sample keeps between requests to save the store work: a known key's caller for a short while, and read
/// connections with their statements prepared. Neither may outlive what it stands for.
/// </summary>
public sealed class StoreConnectionTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ibl-sample-cache-{Guid.NewGuid():N}.db");
    private readonly SampleDatabase _database;

    public StoreConnectionTests()
    {
        _database = new SampleDatabase($"Data Source={_path}");
        _database.EnsureCreated(new DateOnly(2026, 6, 15));
    }

    public void Dispose()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*"))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_known_key_is_remembered_for_its_lifetime_and_read_again_after()
    {
        var clock = new ManualClock();
        var authenticator = new ApiKeyAuthenticator(_database, clock);
        Assert.Equal("alice", (await authenticator.AuthenticateAsync(Keys.AcmeAdmin, "Key", CancellationToken.None))?.Identity?.Name);

        // The key is revoked in the store: still served from memory within the lifetime, refused after it.
        Execute("DELETE FROM api_key_hashes WHERE hash = $hash", ("$hash", SampleDatabase.KeyHash(Keys.AcmeAdmin)));
        clock.Advance(ApiKeyAuthenticator.Lifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(await authenticator.AuthenticateAsync(Keys.AcmeAdmin, "Key", CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await authenticator.AuthenticateAsync(Keys.AcmeAdmin, "Key", CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_key_is_not_remembered()
    {
        var authenticator = new ApiKeyAuthenticator(_database, new ManualClock());
        Assert.Null(await authenticator.AuthenticateAsync("new-key", "Key", CancellationToken.None));

        // Given to a user a moment later, it works at once: the miss was not kept.
        Execute("INSERT INTO api_key_hashes (hash, user_id) VALUES ($hash, (SELECT id FROM users WHERE username = 'dm'))", ("$hash", SampleDatabase.KeyHash("new-key")));
        Assert.Equal("dm", (await authenticator.AuthenticateAsync("new-key", "Key", CancellationToken.None))?.Identity?.Name);
    }

    [Fact]
    public async Task A_read_connection_reuses_its_statements_and_sees_every_commit()
    {
        const string Count = "SELECT COUNT(*) FROM group_suggestions";
        SqliteCommand first;
        await using (var reads = await _database.OpenReaderAsync(CancellationToken.None))
        {
            first = ReadConnections.Reused(reads.Connection, Count)!;
            Assert.Equal(4L, await first.ExecuteScalarAsync());
        }

        Execute("DELETE FROM group_suggestions WHERE id = (SELECT MIN(id) FROM group_suggestions)");
        await using (var reads = await _database.OpenReaderAsync(CancellationToken.None))
        {
            // The same connection, back from the pool, with the same prepared command: reading the latest commit.
            Assert.Same(first, ReadConnections.Reused(reads.Connection, Count));
            Assert.Equal(3L, await first.ExecuteScalarAsync());

            // Reads only: a write through it is refused.
            using var write = reads.Connection.CreateCommand();
            write.CommandText = "DELETE FROM group_suggestions";
            Assert.Throws<SqliteException>(() => write.ExecuteNonQuery());
        }

        // A write's connection makes its own commands.
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        Assert.Null(ReadConnections.Reused(connection, Count));
    }

    [Fact]
    public async Task Clearing_the_pools_closes_the_idle_read_connections_and_those_in_use_when_they_return()
    {
        SqliteConnection idle, inUse;
        await using (var a = await _database.OpenReaderAsync(CancellationToken.None))
        {
            idle = a.Connection;
        }

        var lease = await _database.OpenReaderAsync(CancellationToken.None);
        inUse = lease.Connection;
        Assert.Same(idle, inUse);
        var other = await _database.OpenReaderAsync(CancellationToken.None);
        await other.DisposeAsync();

        _database.ClearPools();
        Assert.Equal(System.Data.ConnectionState.Closed, other.Connection.State);
        Assert.Equal(System.Data.ConnectionState.Open, inUse.State);
        await lease.DisposeAsync();
        Assert.Equal(System.Data.ConnectionState.Closed, inUse.State);
    }

    private void Execute(string sql, params (string, object?)[] parameters)
    {
        using var connection = _database.Open();
        SampleDatabase.Execute(connection, null, sql, parameters);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
