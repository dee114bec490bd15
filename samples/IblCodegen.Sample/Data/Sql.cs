using Microsoft.Data.Sqlite;

namespace IblCodegen.Sample.Data;

/// <summary>
/// The few query shapes the handlers use, over an open connection: inside a write's transaction (every command on a
/// connection with one open must name it), or outside any with <c>null</c>. Asynchronous, with the request's
/// cancellation token, so a client that goes away stops its query.
/// </summary>
internal static class Sql
{
    public static async Task<bool> ExistsAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        using var statement = Statement.For(connection, transaction, sql, parameters);
        var command = statement.Command;
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>The first row read with <paramref name="read"/>, and whether there was one.</summary>
    public static async Task<(bool Found, T? Value)> SingleOrDefaultAsync<T>(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        using var statement = Statement.For(connection, transaction, sql, parameters);
        var command = statement.Command;
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (true, read(reader)) : (false, default);
    }

    public static async Task<List<T>> ReadAsync<T>(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        using var statement = Statement.For(connection, transaction, sql, parameters);
        var command = statement.Command;
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var results = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(read(reader));
        }

        return results;
    }

    /// <summary>A user by username or numeric id, as the API accepts either.</summary>
    /// <summary>
    /// A user named as seed 000 allows: by id as a number (456), or by id or username as text ("456", "student1").
    /// </summary>
    public static async Task<long?> FindUserAsync(SqliteConnection connection, SqliteTransaction? transaction, IblDataManager.StringOrInteger user, CancellationToken cancellationToken)
    {
        if (user.TryGetInteger(out var id))
        {
            using var byId = SampleDatabase.Command(connection, transaction, "SELECT id FROM users WHERE id = $id", ("$id", id));
            return await byId.ExecuteScalarAsync(cancellationToken) is long found ? found : null;
        }

        return await FindUserAsync(connection, transaction, user.ToString(), cancellationToken);
    }

    public static async Task<long?> FindUserAsync(SqliteConnection connection, SqliteTransaction? transaction, string userOrId, CancellationToken cancellationToken)
    {
        using var command = SampleDatabase.Command(connection, transaction, "SELECT id FROM users WHERE username = $user OR CAST(id AS TEXT) = $user", ("$user", userOrId));
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
    }

    public static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        using var statement = Statement.For(connection, transaction, sql, parameters);
        var command = statement.Command;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row, as a 64-bit integer: a count, a sum, an id returned by a write.</summary>
    public static async Task<long> Int64Async(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        using var statement = Statement.For(connection, transaction, sql, parameters);
        var command = statement.Command;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A command for <paramref name="sql"/>: on a read connection the one it keeps prepared (left to it, not disposed
    /// here), on any other a new one.
    /// </summary>
    private readonly struct Statement(SqliteCommand command, bool owned) : IDisposable
    {
        public SqliteCommand Command => command;

        public static Statement For(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string, object?)[] parameters)
        {
            if (ReadConnections.Reused(connection, sql) is not { } reused)
            {
                return new Statement(SampleDatabase.Command(connection, transaction, sql, parameters), owned: true);
            }

            return new Statement(SampleDatabase.Bind(reused, transaction, parameters), owned: false);
        }

        public void Dispose()
        {
            if (owned)
            {
                command.Dispose();
            }
        }
    }
}
