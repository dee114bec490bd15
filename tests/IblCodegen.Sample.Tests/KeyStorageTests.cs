using System.Text;
using IblCodegen.Sample.Data;
using IblCodegen.Sample.Security;
using Microsoft.Data.Sqlite;

namespace IblCodegen.Sample.Tests;

/// <summary>API keys are stored as SHA-256 hashes only; a store made with plain keys is converted on start-up.</summary>
public sealed class KeyStorageTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ibl-sample-keys-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*"))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_new_store_holds_no_key_in_plain_text_and_authenticates_by_hash()
    {
        using var database = new SampleDatabase($"Data Source={_path}");
        Assert.True(database.EnsureCreated(new DateOnly(2026, 6, 15)));
        SqliteConnection.ClearAllPools();

        // Checkpointed into the one file, then searched byte for byte.
        using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            connection.Open();
            SampleDatabase.Execute(connection, null, "PRAGMA wal_checkpoint(TRUNCATE);");
        }

        SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(_path);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Keys.DmAdmin)));

        Assert.Equal("dm", (await Caller.AuthenticateAsync(database, Keys.DmAdmin, "Key", CancellationToken.None))?.Identity?.Name);
        Assert.Null(await Caller.AuthenticateAsync(database, Keys.DmAdmin + "x", "Key", CancellationToken.None));
    }

    [Fact]
    public async Task A_store_with_plain_keys_is_converted_on_start_up()
    {
        using var database = new SampleDatabase($"Data Source={_path}");
        database.EnsureCreated(new DateOnly(2026, 6, 15));
        using (var connection = database.Open())
        {
            // The layout of a store made before keys were hashed.
            SampleDatabase.Execute(connection, null, "DELETE FROM api_key_hashes; CREATE TABLE api_keys (key TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id)); INSERT INTO api_keys VALUES ('old-plain-key', 2);");
        }

        Assert.False(database.EnsureCreated(new DateOnly(2026, 6, 15)));
        Assert.NotNull(await Caller.AuthenticateAsync(database, "old-plain-key", "Key", CancellationToken.None));
        using var check = database.Open();
        Assert.Equal(0L, SampleDatabase.Scalar<long>(check, null, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'api_keys'"));
    }
}
