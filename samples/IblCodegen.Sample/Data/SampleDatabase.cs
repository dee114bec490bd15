using Microsoft.Data.Sqlite;

namespace IblCodegen.Sample.Data;

/// <summary>
/// The sample's SQLite store: created and seeded with a small demo data set the first time the service starts.
/// Each call opens its own connection (pooled by Microsoft.Data.Sqlite), so handlers can run concurrently.
/// </summary>
public sealed class SampleDatabase : IDisposable
{
    /// <summary>The API key of the seeded data-manager admin, printed at start-up for trying the service.</summary>
    public const string DemoAdminKey = "demo-dm-admin-key";

    /// <summary>What every connection sets: see <see cref="EnableForeignKeys"/>.</summary>
    private const string ConnectionPragmas = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";

    /// <summary>SQLite's result code for a file it cannot open.</summary>
    private const int CantOpen = 14;

    private readonly string _connectionString;
    private readonly string _createConnectionString;
    private readonly string? _file;

    public SampleDatabase(string connectionString)
    {
        // Requests open the store read-write but never create it: a file gone missing is an unavailable store, not a
        // new empty one. Only EnsureCreated, at start-up, may create it.
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var isFile = builder.Mode is SqliteOpenMode.ReadWriteCreate or SqliteOpenMode.ReadWrite
            && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:";
        _file = isFile ? Path.GetFullPath(builder.DataSource) : null;
        // Start-up's connection and the read connections are not pooled by Microsoft.Data.Sqlite: one is used once, the
        // others are kept by ReadConnections. Left in its pool, a connection would hold the file (and its write-ahead
        // log) open after ClearPools has let this store's connections go.
        _createConnectionString = new SqliteConnectionStringBuilder(builder.ToString()) { Pooling = false }.ToString();
        if (isFile)
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
        }

        _connectionString = builder.ToString();
        _readers = new ReadConnections(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString(), ConnectionPragmas);
    }

    private readonly ReadConnections _readers;

    /// <summary>A connection for reads, with its statements kept prepared (<see cref="ReadConnections"/>).</summary>
    public async Task<ReadConnections.ReadLease> OpenReaderAsync(CancellationToken cancellationToken)
    {
        EnsureFileIsThere();
        return await _readers.RentAsync(cancellationToken);
    }

    /// <summary>Closes the read connections kept open (the service's container disposes the store when it stops).</summary>
    public void Dispose() => _readers.Clear();

    /// <summary>
    /// Lets go of this store's open connections, read and pooled, so the next request opens the file afresh: after a
    /// fault, or when the file was replaced. Other stores in the process keep theirs.
    /// </summary>
    public void ClearPools()
    {
        _readers.Clear();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public SqliteConnection Open()
    {
        EnsureFileIsThere();
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        EnableForeignKeys(connection);
        return connection;
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        EnsureFileIsThere();
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = ConnectionPragmas;
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// A pooled connection keeps the file it opened even after the file is moved or replaced: checking the path on
    /// each open makes such a store unavailable (and, the pools cleared, available again when the file is back).
    /// </summary>
    private void EnsureFileIsThere()
    {
        if (_file is not null && !File.Exists(_file))
        {
            throw new SqliteException($"The store '{Path.GetFileName(_file)}' is not there.", CantOpen);
        }
    }

    /// <summary>
    /// Per connection: foreign keys enforced, and a writer that finds the store locked by another waits for it (up to
    /// five seconds) instead of failing at once with "database is locked".
    /// </summary>
    private static void EnableForeignKeys(SqliteConnection connection)
    {
        using var pragma = connection.CreateCommand();
        pragma.CommandText = ConnectionPragmas;
        pragma.ExecuteNonQuery();
    }

    /// <summary>Creates the tables, and seeds the demo data when the database is new. Returns whether it seeded.</summary>
    public bool EnsureCreated(DateOnly today)
    {
        using var connection = new SqliteConnection(_createConnectionString);
        connection.Open();
        EnableForeignKeys(connection);

        // Write-ahead logging, kept in the file: readers never wait for the writer, nor the writer for readers.
        Execute(connection, null, "PRAGMA journal_mode = WAL;");
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, Schema);
        HashPlainKeys(connection, transaction);
        var isNew = Scalar<long>(connection, transaction, "SELECT COUNT(*) FROM platforms") == 0;
        if (isNew)
        {
            Seed(connection, transaction, today);
        }

        transaction.Commit();
        return isNew;
    }

    public static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    public static T Scalar<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return Bind(command, transaction, parameters);
    }

    /// <summary>Sets a command's transaction and parameters (null as SQL NULL): a new command's, or a kept one's.</summary>
    public static SqliteCommand Bind(SqliteCommand command, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS platforms (
            key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            org TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            is_dm_admin INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS departments (
            id INTEGER PRIMARY KEY,
            platform_key TEXT NOT NULL REFERENCES platforms(key),
            name TEXT NOT NULL);
        -- A user's place on a platform: role, department, and whether they administer that department.
        CREATE TABLE IF NOT EXISTS memberships (
            user_id INTEGER NOT NULL REFERENCES users(id),
            platform_key TEXT NOT NULL REFERENCES platforms(key),
            role TEXT NOT NULL CHECK (role IN ('learner', 'admin', 'readonly_admin')),
            department_id INTEGER NULL REFERENCES departments(id),
            is_department_admin INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (user_id, platform_key));
        CREATE TABLE IF NOT EXISTS groups (
            id INTEGER PRIMARY KEY,
            platform_key TEXT NOT NULL REFERENCES platforms(key),
            department_id INTEGER NULL REFERENCES departments(id),
            name TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS group_members (
            group_id INTEGER NOT NULL REFERENCES groups(id),
            user_id INTEGER NOT NULL REFERENCES users(id),
            PRIMARY KEY (group_id, user_id));
        CREATE TABLE IF NOT EXISTS courses (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            platform_key TEXT NOT NULL REFERENCES platforms(key));
        CREATE TABLE IF NOT EXISTS pathways (
            id TEXT PRIMARY KEY,
            uuid TEXT NOT NULL,
            name TEXT NOT NULL,
            platform_key TEXT NOT NULL REFERENCES platforms(key));
        CREATE TABLE IF NOT EXISTS group_suggestions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            platform_key TEXT NOT NULL REFERENCES platforms(key),
            course_id TEXT NOT NULL REFERENCES courses(id),
            group_id INTEGER NOT NULL REFERENCES groups(id),
            accepted INTEGER NOT NULL DEFAULT 0,
            visible INTEGER NOT NULL DEFAULT 1,
            metadata TEXT NOT NULL DEFAULT '{}',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            UNIQUE (platform_key, course_id, group_id));
        CREATE TABLE IF NOT EXISTS user_suggestions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            platform_key TEXT NOT NULL REFERENCES platforms(key),
            course_id TEXT NOT NULL REFERENCES courses(id),
            user_id INTEGER NOT NULL REFERENCES users(id),
            accepted INTEGER NOT NULL DEFAULT 0,
            visible INTEGER NOT NULL DEFAULT 1,
            metadata TEXT NOT NULL DEFAULT '{}',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            UNIQUE (platform_key, course_id, user_id));
        CREATE TABLE IF NOT EXISTS pathway_suggestions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            platform_key TEXT NOT NULL REFERENCES platforms(key),
            pathway_id TEXT NOT NULL REFERENCES pathways(id),
            user_id INTEGER NOT NULL REFERENCES users(id),
            accepted INTEGER NOT NULL DEFAULT 0,
            visible INTEGER NOT NULL DEFAULT 1,
            metadata TEXT NOT NULL DEFAULT '{}',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            UNIQUE (platform_key, pathway_id, user_id));
        -- Seconds a learner spent, one row per visit; analytics are SQL over this table.
        CREATE TABLE IF NOT EXISTS activity (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(id),
            platform_key TEXT NOT NULL REFERENCES platforms(key),
            course_id TEXT NULL,
            url TEXT NULL,
            mentor_uuid TEXT NULL,
            session_uuid TEXT NULL,
            day TEXT NOT NULL,
            seconds INTEGER NOT NULL);
        -- A platform's suggestions in id order, as lists show them by default (newest first): a page is read from the
        -- index and stops at its last row, rather than sorting every suggestion of the platform.
        CREATE INDEX IF NOT EXISTS group_suggestions_platform_id ON group_suggestions (platform_key, id);
        CREATE INDEX IF NOT EXISTS pathway_suggestions_platform_id ON pathway_suggestions (platform_key, id);
        CREATE INDEX IF NOT EXISTS activity_platform_day ON activity (platform_key, day);
        CREATE INDEX IF NOT EXISTS activity_user_day ON activity (user_id, day);
        -- API keys are kept as their SHA-256 hashes only: the store never holds a key it could leak.
        CREATE TABLE IF NOT EXISTS api_key_hashes (
            hash BLOB PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id));
        """;

    /// <summary>The SHA-256 hash of an API key, as stored and looked up.</summary>
    public static byte[] KeyHash(string key) => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));

    /// <summary>
    /// A store made before keys were hashed kept them in plain text (<c>api_keys</c>): hash them into
    /// <c>api_key_hashes</c> and drop the plain ones.
    /// </summary>
    private static void HashPlainKeys(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (Scalar<long>(connection, transaction, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'api_keys'") == 0)
        {
            return;
        }

        var plain = new List<(string Key, long User)>();
        using (var command = Command(connection, transaction, "SELECT key, user_id FROM api_keys"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plain.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        foreach (var (key, user) in plain)
        {
            Execute(connection, transaction, "INSERT OR IGNORE INTO api_key_hashes (hash, user_id) VALUES ($hash, $user)", ("$hash", KeyHash(key)), ("$user", user));
        }

        Execute(connection, transaction, "DROP TABLE api_keys");
    }

    /// <summary>
    /// Three platforms, eight people in every role the permissions distinguish, groups, courses, pathways,
    /// suggestions, and 40 days of activity ending <paramref name="today"/>.
    /// </summary>
    private static void Seed(SqliteConnection connection, SqliteTransaction transaction, DateOnly today)
    {
        Execute(connection, transaction, """
            INSERT INTO platforms (key, name, org) VALUES
                ('main', 'Main platform', 'main'),
                ('acme', 'Acme Learning', 'acme'),
                ('globex', 'Globex Academy', 'globex');
            INSERT INTO users (id, username, name, email, is_dm_admin) VALUES
                (1, 'dm', 'Dana Manager', 'dm@example.com', 1),
                (2, 'alice', 'Alice Admin', 'alice@acme.example', 0),
                (3, 'bob', 'Bob Reader', 'bob@acme.example', 0),
                (4, 'carol', 'Carol Lead', 'carol@acme.example', 0),
                (5, 'dave', 'Dave Learner', 'dave@acme.example', 0),
                (6, 'erin', 'Erin Seller', 'erin@acme.example', 0),
                (7, 'frank', 'Frank Globex', 'frank@globex.example', 0),
                (8, 'grace', 'Grace Learner', 'grace@globex.example', 0);
            INSERT INTO departments (id, platform_key, name) VALUES
                (1, 'acme', 'Engineering'),
                (2, 'acme', 'Sales'),
                (3, 'globex', 'Operations');
            INSERT INTO memberships (user_id, platform_key, role, department_id, is_department_admin) VALUES
                (2, 'acme', 'admin', NULL, 0),
                (3, 'acme', 'readonly_admin', NULL, 0),
                (4, 'acme', 'learner', 1, 1),
                (5, 'acme', 'learner', 1, 0),
                (6, 'acme', 'learner', 2, 0),
                (7, 'globex', 'admin', NULL, 0),
                (8, 'globex', 'learner', 3, 0),
                (5, 'main', 'learner', NULL, 0);
            INSERT INTO groups (id, platform_key, department_id, name) VALUES
                (1, 'acme', 1, 'Engineering Team'),
                (2, 'acme', 2, 'Sales Team'),
                (3, 'globex', 3, 'Globex Operations');
            INSERT INTO group_members (group_id, user_id) VALUES (1, 4), (1, 5), (2, 6), (3, 8);
            INSERT INTO courses (id, name, platform_key) VALUES
                ('course-v1:acme+python+2024', 'Introduction to Programming', 'acme'),
                ('course-v1:acme+sql+2024', 'Databases', 'acme'),
                ('course-v1:acme+sales+2024', 'Consultative Selling', 'acme'),
                ('course-v1:globex+ops+2024', 'Operations Basics', 'globex'),
                ('course-v1:main+welcome+2024', 'Welcome', 'main');
            INSERT INTO pathways (id, uuid, name, platform_key) VALUES
                ('pathway-v1:acme+data+2024', '12345678-1234-5678-1234-567812345678', 'Data Science Pathway', 'acme'),
                ('pathway-v1:globex+lead+2024', '87654321-4321-8765-4321-876543218765', 'Leadership Pathway', 'globex');
            """);

        string[] demoKeys =
        [
            "demo-dm-admin-key", "demo-acme-admin-key", "demo-acme-reader-key", "demo-acme-department-admin-key",
            "demo-acme-learner-key", "demo-acme-sales-learner-key", "demo-globex-admin-key", "demo-globex-learner-key",
        ];
        for (var i = 0; i < demoKeys.Length; i++)
        {
            Execute(connection, transaction, "INSERT INTO api_key_hashes (hash, user_id) VALUES ($hash, $user)", ("$hash", KeyHash(demoKeys[i])), ("$user", i + 1));
        }

        var created = today.AddDays(-30).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc).ToString("O");
        Execute(connection, transaction, """
            INSERT INTO group_suggestions (platform_key, course_id, group_id, accepted, visible, metadata, created, modified) VALUES
                ('acme', 'course-v1:acme+python+2024', 1, 0, 1, '{}', $created, $created),
                ('acme', 'course-v1:acme+sql+2024', 1, 1, 1, '{"priority":"high"}', $created, $created),
                ('acme', 'course-v1:acme+sales+2024', 2, 0, 1, '{}', $created, $created),
                ('globex', 'course-v1:globex+ops+2024', 3, 0, 0, '{}', $created, $created);
            INSERT INTO user_suggestions (platform_key, course_id, user_id, accepted, visible, metadata, created, modified) VALUES
                ('acme', 'course-v1:acme+python+2024', 5, 0, 1, '{}', $created, $created),
                ('acme', 'course-v1:acme+sql+2024', 5, 1, 1, '{}', $created, $created),
                ('main', 'course-v1:main+welcome+2024', 5, 0, 1, '{}', $created, $created),
                ('acme', 'course-v1:acme+sales+2024', 6, 0, 1, '{}', $created, $created),
                ('globex', 'course-v1:globex+ops+2024', 8, 0, 1, '{}', $created, $created);
            INSERT INTO pathway_suggestions (platform_key, pathway_id, user_id, accepted, visible, metadata, created, modified) VALUES
                ('acme', 'pathway-v1:acme+data+2024', 5, 0, 1, '{}', $created, $created),
                ('acme', 'pathway-v1:acme+data+2024', 6, 0, 1, '{}', $created, $created),
                ('globex', 'pathway-v1:globex+lead+2024', 8, 0, 1, '{}', $created, $created);
            """,
            ("$created", created));

        // Learners visit on most days, for a length that varies with the day: enough for every chart to show something.
        (long User, string Platform, string Course)[] learners =
        [
            (4, "acme", "course-v1:acme+python+2024"),
            (5, "acme", "course-v1:acme+sql+2024"),
            (6, "acme", "course-v1:acme+sales+2024"),
            (8, "globex", "course-v1:globex+ops+2024"),
            (5, "main", "course-v1:main+welcome+2024"),
        ];
        using var insert = Command(connection, transaction, """
            INSERT INTO activity (user_id, platform_key, course_id, url, mentor_uuid, session_uuid, day, seconds)
            VALUES ($user, $platform, $course, $url, NULL, NULL, $day, $seconds)
            """,
            ("$user", 0L), ("$platform", string.Empty), ("$course", string.Empty), ("$url", string.Empty), ("$day", string.Empty), ("$seconds", 0L));
        for (var offset = 0; offset < 40; offset++)
        {
            foreach (var (user, platform, course) in learners)
            {
                if ((offset + user) % 3 == 0)
                {
                    continue;
                }

                insert.Parameters["$user"].Value = user;
                insert.Parameters["$platform"].Value = platform;
                insert.Parameters["$course"].Value = course;
                insert.Parameters["$url"].Value = $"https://learn.example.com/courses/{course}/unit-{offset % 5 + 1}";
                insert.Parameters["$day"].Value = today.AddDays(-offset).ToString("yyyy-MM-dd");
                insert.Parameters["$seconds"].Value = 600 + (60 * ((offset * user) % 10));
                insert.ExecuteNonQuery();
            }
        }
    }
}
