using Microsoft.Data.Sqlite;

namespace IblCodegen.Sample.Data;

/// <summary>
/// The few query shapes the handlers use, over an open connection: inside a write's transaction (every command on a
/// connection with one open must name it), or outside any with <c>null</c>.
/// </summary>
internal static class Sql
{
    public static bool Exists(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string, object?)[] parameters)
    {
        using var command = SampleDatabase.Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>The first row read with <paramref name="read"/>; <paramref name="found"/> tells whether there was one.</summary>
    public static T? SingleOrDefault<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> read, out bool found, params (string, object?)[] parameters)
    {
        using var command = SampleDatabase.Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        found = reader.Read();
        return found ? read(reader) : default;
    }

    public static List<T> Read<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> read, params (string, object?)[] parameters)
    {
        using var command = SampleDatabase.Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var results = new List<T>();
        while (reader.Read())
        {
            results.Add(read(reader));
        }

        return results;
    }

    /// <summary>A user by username or numeric id, as the API accepts either.</summary>
    public static long? FindUser(SqliteConnection connection, SqliteTransaction? transaction, string userOrId)
    {
        using var command = SampleDatabase.Command(connection, transaction, "SELECT id FROM users WHERE username = $user OR CAST(id AS TEXT) = $user", ("$user", userOrId));
        return command.ExecuteScalar() is long id ? id : null;
    }
}
