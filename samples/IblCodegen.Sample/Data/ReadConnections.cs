using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace IblCodegen.Sample.Data;

/// <summary>
/// The connections reads run on, kept open between requests, each holding its statements prepared. Microsoft.Data.Sqlite
/// prepares a command's SQL afresh for every new command, even on a pooled connection (dotnet/efcore#14044): for a
/// list query that was about 90 µs of the 125 µs it took, on every request. Here a read takes an idle connection, runs
/// statements it has run before without preparing them again, and gives the connection back.
/// </summary>
/// <remarks>
/// Writes keep to a fresh pooled connection and a transaction of their own (<see cref="SampleDatabase.OpenAsync"/>).
/// Reads never hold a transaction open: each statement sees the latest commit, as on a fresh connection. A store
/// fault, or <see cref="Clear"/>, lets go of every idle connection, and connections handed out before it are closed
/// when they come back, so the next read opens the file afresh.
/// </remarks>
public sealed class ReadConnections(string connectionString, string pragmas)
{
    /// <summary>Statements kept per connection; past it the connection starts over (queries are a few fixed shapes).</summary>
    private const int MaxStatements = 64;

    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Prepared = new();

    /// <summary>Idle connections, each with the generation it was opened in: one from before a <see cref="Clear"/> is closed.</summary>
    private readonly ConcurrentQueue<(SqliteConnection Connection, int Generation)> _idle = new();
    private readonly int _maxIdle = Environment.ProcessorCount * 8;
    private int _generation;

    /// <summary>An open connection for reads; give it back by disposing the lease.</summary>
    public async Task<ReadLease> RentAsync(CancellationToken cancellationToken)
    {
        var generation = Volatile.Read(ref _generation);
        while (_idle.TryDequeue(out var idle))
        {
            if (idle.Generation == generation)
            {
                return new ReadLease(this, idle.Connection, generation);
            }

            Close(idle.Connection);
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using var settings = connection.CreateCommand();
            settings.CommandText = pragmas + " PRAGMA query_only = ON;";
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        Prepared.Add(connection, new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        return new ReadLease(this, connection, generation);
    }

    /// <summary>Lets go of every idle connection, and of those in use when they come back.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        while (_idle.TryDequeue(out var idle))
        {
            Close(idle.Connection);
        }
    }

    /// <summary>
    /// The command for <paramref name="sql"/> on a read connection, prepared the first time and reused after; null for
    /// any other connection (a write's), whose commands are made and disposed as usual.
    /// </summary>
    public static SqliteCommand? Reused(SqliteConnection connection, string sql)
    {
        if (!Prepared.TryGetValue(connection, out var statements))
        {
            return null;
        }

        if (!statements.TryGetValue(sql, out var command))
        {
            if (statements.Count >= MaxStatements)
            {
                foreach (var old in statements.Values)
                {
                    old.Dispose();
                }

                statements.Clear();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            statements.Add(sql, command);
        }

        command.Parameters.Clear();
        return command;
    }

    private void Return(SqliteConnection connection, int generation)
    {
        if (generation == Volatile.Read(ref _generation) && connection.State == System.Data.ConnectionState.Open && _idle.Count < _maxIdle)
        {
            _idle.Enqueue((connection, generation));
        }
        else
        {
            Close(connection);
        }
    }

    private static void Close(SqliteConnection connection)
    {
        if (Prepared.TryGetValue(connection, out var statements))
        {
            foreach (var command in statements.Values)
            {
                command.Dispose();
            }

            Prepared.Remove(connection);
        }

        connection.Dispose();
    }

    /// <summary>A read connection in use by one request.</summary>
    public sealed class ReadLease(ReadConnections owner, SqliteConnection connection, int generation) : IAsyncDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public ValueTask DisposeAsync()
        {
            owner.Return(Connection, generation);
            return ValueTask.CompletedTask;
        }
    }
}
