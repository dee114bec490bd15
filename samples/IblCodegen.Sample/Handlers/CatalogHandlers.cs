using System.Text.Json;
using IblCodegen.Sample.Data;
using IblCodegen.Sample.Security;
using IblDataManager;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;

namespace IblCodegen.Sample.Handlers;

/// <summary>
/// The catalog operations: course suggestions to groups and learners, pathway suggestions to learners.
/// The generated endpoints have already authenticated the caller, checked the permission names and every parameter;
/// these methods scope the data to what the caller may see and change.
/// </summary>
[IblCodegen.OpenApiHandlers(Tags = ["catalog"])]
public sealed partial class CatalogHandlers(SampleDatabase database, TimeProvider clock)
{
    private static readonly Dictionary<string, string> GroupSortColumns = new()
    {
        ["id"] = "s.id", ["created"] = "s.created", ["modified"] = "s.modified", ["course_id"] = "s.course_id",
        ["group_id"] = "s.group_id", ["accepted"] = "s.accepted", ["visible"] = "s.visible",
    };

    private static readonly Dictionary<string, string> UserSortColumns = new()
    {
        ["id"] = "s.id", ["created"] = "s.created", ["modified"] = "s.modified", ["course_id"] = "s.course_id",
        ["accepted"] = "s.accepted", ["visible"] = "s.visible",
    };

    private static readonly Dictionary<string, string> PathwaySortColumns = new()
    {
        ["id"] = "s.id", ["created"] = "s.created", ["modified"] = "s.modified", ["pathway_id"] = "s.pathway_id",
        ["user_id"] = "s.user_id", ["accepted"] = "s.accepted", ["visible"] = "s.visible",
    };

    private const string GroupSelect = """
        SELECT s.id, s.group_id, g.name, s.platform_key, s.accepted, s.visible, s.created, s.modified, s.metadata,
               s.course_id, c.name, (SELECT COUNT(*) FROM group_members m WHERE m.group_id = s.group_id)
        FROM group_suggestions s
        JOIN groups g ON g.id = s.group_id
        JOIN courses c ON c.id = s.course_id
        JOIN platforms p ON p.key = s.platform_key
        """;

    private const string UserSelect = """
        SELECT s.id, s.user_id, u.username, u.name, s.platform_key, s.accepted, s.visible, s.created, s.modified, s.metadata,
               s.course_id, c.name
        FROM user_suggestions s
        JOIN users u ON u.id = s.user_id
        JOIN courses c ON c.id = s.course_id
        JOIN platforms p ON p.key = s.platform_key
        """;

    private const string PathwaySelect = """
        SELECT s.id, s.user_id, u.username, u.name, s.platform_key, s.accepted, s.visible, s.created, s.modified, s.metadata,
               s.pathway_id, w.uuid, w.name, w.platform_key
        FROM pathway_suggestions s
        JOIN users u ON u.id = s.user_id
        JOIN pathways w ON w.id = s.pathway_id
        JOIN platforms p ON p.key = s.platform_key
        LEFT JOIN memberships m ON m.user_id = s.user_id AND m.platform_key = s.platform_key
        """;

    private Caller Caller => Caller.From(HttpContext.User);

    public partial async Task<Results<Ok<Page<CourseGroupSuggestionDetail>>, ProblemHttpResult>> GetSuggestionsCourseManageGroupAsync(
        string platformKey, bool? departmentMode, int? page, int? pageSize, string? platformOrg, string? query, string sort, CancellationToken cancellationToken)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var problem) || !Sorting.TryOrderBy(sort, GroupSortColumns, out var orderBy, out problem))
        {
            return problem!;
        }

        if (!TryScope(platformKey, departmentMode, "g.department_id", out var scope, out var scopeValues, out problem))
        {
            return problem!;
        }

        var where = $"""
            WHERE s.platform_key = $platform AND ($org IS NULL OR p.org = $org)
              AND ($like IS NULL OR g.name LIKE $like OR c.name LIKE $like OR s.course_id LIKE $like) {scope}
            """;
        var parameters = new (string, object?)[] { ("$platform", platformKey), ("$org", platformOrg), ("$like", Like(query)), ("$scope", scopeValues) };
        await using var reads = await database.OpenReaderAsync(cancellationToken);
        var connection = reads.Connection;
        var results = await Sql.ReadAsync(connection, null, $"{GroupSelect} {where} ORDER BY {orderBy} LIMIT {paging.PageSize} OFFSET {paging.Offset}", ReadGroupSuggestion, cancellationToken, parameters);
        var count = paging.TotalFrom(results.Count) ?? (int)await Sql.Int64Async(connection, null, $"SELECT COUNT(*) FROM group_suggestions s JOIN groups g ON g.id = s.group_id JOIN courses c ON c.id = s.course_id JOIN platforms p ON p.key = s.platform_key {where}", cancellationToken, parameters);
        return TypedResults.Ok(ToPage(results, count, paging));
    }

    public partial async Task<Results<Ok<CourseGroupSuggestionDetail>, ProblemHttpResult>> CreateSuggestionsCourseManageGroupAsync(
        CourseGroupSuggestionCreate body, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);

        // One transaction that takes the write lock at once (BEGIN IMMEDIATE): the checks, the write and the row read
        // back see one state of the store however many requests write at once, and a delete cannot land in between.
        using var transaction = connection.BeginTransaction(deferred: false);
        if (!MayManage(body.PlatformKey, ActsForDepartments(body.DepartmentMode)))
        {
            // Before any lookup: a caller without rights on the platform learns nothing of its groups or courses.
            return Problems.Forbidden($"You may not manage the suggestions of '{body.PlatformKey}'.");
        }

        // Seed 000 allows the group's id as a number or as text: 789 and "789" name one group.
        if (!body.GroupId.TryParseInteger(out var groupId))
        {
            return Problems.BadRequest("group_id", $"'{body.GroupId}' is not a group id: send the id as a number or as its digits.");
        }

        var (groupExists, department) = await Sql.SingleOrDefaultAsync(connection, transaction, "SELECT department_id FROM groups WHERE id = $group AND platform_key = $platform",
            reader => reader.IsDBNull(0) ? (long?)null : reader.GetInt64(0), cancellationToken, ("$group", groupId), ("$platform", body.PlatformKey));
        if (!groupExists)
        {
            return Problems.BadRequest("group_id", $"The platform '{body.PlatformKey}' has no group {body.GroupId}.");
        }

        if (!CanManage(body.PlatformKey, ActsForDepartments(body.DepartmentMode), department))
        {
            return Problems.Forbidden($"You may not manage the suggestions of group {body.GroupId} on '{body.PlatformKey}'.");
        }

        if (!await Sql.ExistsAsync(connection, transaction, "SELECT 1 FROM courses WHERE id = $course AND platform_key = $platform", cancellationToken, ("$course", body.CourseId), ("$platform", body.PlatformKey)))
        {
            return Problems.BadRequest("course_id", $"The platform '{body.PlatformKey}' has no course '{body.CourseId}'.");
        }

        // Create or update: the same course suggested to the same group again changes the one suggestion.
        var id = await Sql.Int64Async(connection, transaction, """
            INSERT INTO group_suggestions (platform_key, course_id, group_id, accepted, visible, metadata, created, modified)
            VALUES ($platform, $course, $group, COALESCE($accepted, 0), COALESCE($visible, 1), COALESCE($metadata, '{}'), $now, $now)
            ON CONFLICT (platform_key, course_id, group_id) DO UPDATE SET
                accepted = COALESCE($accepted, accepted), visible = COALESCE($visible, visible),
                metadata = COALESCE($metadata, metadata), modified = $now
            RETURNING id
            """,
            cancellationToken,
            ("$platform", body.PlatformKey), ("$course", body.CourseId), ("$group", groupId), ("$accepted", body.Accepted),
            ("$visible", body.Visible), ("$metadata", Json(body.Metadata)), ("$now", Now()));
        var created = (await Sql.ReadAsync(connection, transaction, $"{GroupSelect} WHERE s.id = $id", ReadGroupSuggestion, cancellationToken, ("$id", id))).Single();
        transaction.Commit();
        return TypedResults.Ok(created);
    }

    public partial async Task<Results<Ok, ProblemHttpResult>> DeleteSuggestionsCourseManageGroupAsync(
        string platformKey, int suggestionId, bool? departmentMode, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);

        // One transaction that takes the write lock at once (BEGIN IMMEDIATE): the check and the delete see one state of
        // the store, however many requests write at once.
        using var transaction = connection.BeginTransaction(deferred: false);
        var (found, department) = await Sql.SingleOrDefaultAsync(connection, transaction,
            "SELECT g.department_id FROM group_suggestions s JOIN groups g ON g.id = s.group_id WHERE s.id = $id AND s.platform_key = $platform",
            reader => reader.IsDBNull(0) ? (long?)null : reader.GetInt64(0), cancellationToken, ("$id", suggestionId), ("$platform", platformKey));
        if (!found)
        {
            return Problems.NotFound($"The platform '{platformKey}' has no group suggestion {suggestionId}.");
        }

        if (!CanManage(platformKey, departmentMode, department))
        {
            return Problems.Forbidden($"You may not manage group suggestion {suggestionId}.");
        }

        await Sql.ExecuteAsync(connection, transaction, "DELETE FROM group_suggestions WHERE id = $id", cancellationToken, ("$id", suggestionId));
        transaction.Commit();
        return TypedResults.Ok();
    }

    public partial async Task<Results<Ok<Page<CourseSuggestionDetail>>, ProblemHttpResult>> GetSuggestionsCourseUserAsync(
        string user, int? page, int? pageSize, string? platformKey, string? platformOrg, string sort, CancellationToken cancellationToken)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var problem) || !Sorting.TryOrderBy(sort, UserSortColumns, out var orderBy, out problem))
        {
            return problem!;
        }

        await using var reads = await database.OpenReaderAsync(cancellationToken);
        var connection = reads.Connection;
        var found = (await Sql.FindUserAsync(connection, null, user, cancellationToken));

        // A learner and the data-manager admins see every platform; platform admins only the platforms they administer
        // that the learner belongs to. Anyone else gets 403 whether or not the learner exists, so the answer reveals
        // nothing about other platforms' people.
        var caller = Caller;
        var scope = string.Empty;
        string? scopeValues = null;
        if (!caller.IsDmAdmin && (found is null || caller.UserId != found))
        {
            var administered = caller.AdminOf.Concat(caller.ReadOnlyAdminOf).Where(p => platformKey is null || p == platformKey).ToList();
            var shared = found is { } member && administered.Count > 0
                ? await Sql.ReadAsync(connection, null, "SELECT platform_key FROM memberships WHERE user_id = $user AND platform_key IN (SELECT value FROM json_each($platforms))",
                    reader => reader.GetString(0), cancellationToken, ("$user", member), ("$platforms", JsonArray(administered)))
                : [];
            if (shared.Count == 0)
            {
                return Problems.Forbidden($"You may not read the suggestions of '{user}'.");
            }

            scope = "AND s.platform_key IN (SELECT value FROM json_each($scope))";
            scopeValues = JsonArray(shared);
        }

        if (found is not { } learner)
        {
            return Problems.BadRequest("user", $"There is no user '{user}'.");
        }

        var where = $"WHERE s.user_id = $user AND ($platform IS NULL OR s.platform_key = $platform) AND ($org IS NULL OR p.org = $org) {scope}";
        var parameters = new (string, object?)[] { ("$user", learner), ("$platform", platformKey), ("$org", platformOrg), ("$scope", scopeValues) };
        var results = await Sql.ReadAsync(connection, null, $"{UserSelect} {where} ORDER BY {orderBy} LIMIT {paging.PageSize} OFFSET {paging.Offset}", ReadUserSuggestion, cancellationToken, parameters);
        var count = paging.TotalFrom(results.Count) ?? (int)await Sql.Int64Async(connection, null, $"SELECT COUNT(*) FROM user_suggestions s JOIN platforms p ON p.key = s.platform_key {where}", cancellationToken, parameters);
        return TypedResults.Ok(ToPage(results, count, paging));
    }

    public partial async Task<Results<Ok<Page<PathwaySuggestionDetail>>, ProblemHttpResult>> GetSuggestionsPathwayManageAsync(
        string platformKey, bool? departmentMode, int? page, int? pageSize, string? platformOrg, string? query, string sort, CancellationToken cancellationToken)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var problem) || !Sorting.TryOrderBy(sort, PathwaySortColumns, out var orderBy, out problem))
        {
            return problem!;
        }

        if (!TryScope(platformKey, departmentMode, "m.department_id", out var scope, out var scopeValues, out problem))
        {
            return problem!;
        }

        var where = $"""
            WHERE s.platform_key = $platform AND ($org IS NULL OR p.org = $org)
              AND ($like IS NULL OR w.name LIKE $like OR s.pathway_id LIKE $like OR u.username LIKE $like OR u.name LIKE $like) {scope}
            """;
        var parameters = new (string, object?)[] { ("$platform", platformKey), ("$org", platformOrg), ("$like", Like(query)), ("$scope", scopeValues) };
        await using var reads = await database.OpenReaderAsync(cancellationToken);
        var connection = reads.Connection;
        var results = await Sql.ReadAsync(connection, null, $"{PathwaySelect} {where} ORDER BY {orderBy} LIMIT {paging.PageSize} OFFSET {paging.Offset}", ReadPathwaySuggestion, cancellationToken, parameters);
        var count = paging.TotalFrom(results.Count) ?? (int)await Sql.Int64Async(connection, null, $"""
            SELECT COUNT(*) FROM pathway_suggestions s JOIN users u ON u.id = s.user_id JOIN pathways w ON w.id = s.pathway_id
            JOIN platforms p ON p.key = s.platform_key LEFT JOIN memberships m ON m.user_id = s.user_id AND m.platform_key = s.platform_key {where}
            """, cancellationToken, parameters);
        return TypedResults.Ok(ToPage(results, count, paging));
    }

    public partial async Task<Results<Ok<PathwaySuggestionDetail>, ProblemHttpResult>> CreateSuggestionsPathwayManageAsync(
        PathwaySuggestionCreate body, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);

        // One transaction that takes the write lock at once (BEGIN IMMEDIATE): the checks, the write and the row read
        // back see one state of the store however many requests write at once, and a delete cannot land in between.
        using var transaction = connection.BeginTransaction(deferred: false);
        if (!MayManage(body.PlatformKey, ActsForDepartments(body.DepartmentMode)))
        {
            // Before any lookup: a caller without rights on the platform learns nothing of its people or pathways.
            return Problems.Forbidden($"You may not manage the suggestions of '{body.PlatformKey}'.");
        }

        if ((await Sql.FindUserAsync(connection, transaction, body.UserId, cancellationToken)) is not { } learner)
        {
            return Problems.BadRequest("user_id", $"There is no user '{body.UserId}'.");
        }

        var (isMember, department) = await Sql.SingleOrDefaultAsync(connection, transaction, "SELECT department_id FROM memberships WHERE user_id = $user AND platform_key = $platform",
            reader => reader.IsDBNull(0) ? (long?)null : reader.GetInt64(0), cancellationToken, ("$user", learner), ("$platform", body.PlatformKey));
        if (!isMember)
        {
            return Problems.BadRequest("user_id", $"'{body.UserId}' is not a member of '{body.PlatformKey}'.");
        }

        if (!CanManage(body.PlatformKey, ActsForDepartments(body.DepartmentMode), department))
        {
            return Problems.Forbidden($"You may not manage the suggestions of '{body.UserId}' on '{body.PlatformKey}'.");
        }

        if (!await Sql.ExistsAsync(connection, transaction, "SELECT 1 FROM pathways WHERE id = $pathway AND platform_key = $platform", cancellationToken, ("$pathway", body.PathwayId), ("$platform", body.PlatformKey)))
        {
            return Problems.BadRequest("pathway_id", $"The platform '{body.PlatformKey}' has no pathway '{body.PathwayId}'.");
        }

        var id = await Sql.Int64Async(connection, transaction, """
            INSERT INTO pathway_suggestions (platform_key, pathway_id, user_id, accepted, visible, metadata, created, modified)
            VALUES ($platform, $pathway, $user, COALESCE($accepted, 0), COALESCE($visible, 1), COALESCE($metadata, '{}'), $now, $now)
            ON CONFLICT (platform_key, pathway_id, user_id) DO UPDATE SET
                accepted = COALESCE($accepted, accepted), visible = COALESCE($visible, visible),
                metadata = COALESCE($metadata, metadata), modified = $now
            RETURNING id
            """,
            cancellationToken,
            ("$platform", body.PlatformKey), ("$pathway", body.PathwayId), ("$user", learner), ("$accepted", body.Accepted),
            ("$visible", body.Visible), ("$metadata", Json(body.Metadata)), ("$now", Now()));
        var created = (await Sql.ReadAsync(connection, transaction, $"{PathwaySelect} WHERE s.id = $id", ReadPathwaySuggestion, cancellationToken, ("$id", id))).Single();
        transaction.Commit();
        return TypedResults.Ok(created);
    }

    public partial async Task<Results<Ok, ProblemHttpResult>> DeleteSuggestionsPathwayManageAsync(
        string platformKey, int suggestionId, bool? departmentMode, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);

        // One transaction that takes the write lock at once (BEGIN IMMEDIATE): the check and the delete see one state of
        // the store, however many requests write at once.
        using var transaction = connection.BeginTransaction(deferred: false);
        var (found, department) = await Sql.SingleOrDefaultAsync(connection, transaction, """
            SELECT m.department_id FROM pathway_suggestions s
            LEFT JOIN memberships m ON m.user_id = s.user_id AND m.platform_key = s.platform_key
            WHERE s.id = $id AND s.platform_key = $platform
            """,
            reader => reader.IsDBNull(0) ? (long?)null : reader.GetInt64(0), cancellationToken, ("$id", suggestionId), ("$platform", platformKey));
        if (!found)
        {
            return Problems.NotFound($"The platform '{platformKey}' has no pathway suggestion {suggestionId}.");
        }

        if (!CanManage(platformKey, departmentMode, department))
        {
            return Problems.Forbidden($"You may not manage pathway suggestion {suggestionId}.");
        }

        await Sql.ExecuteAsync(connection, transaction, "DELETE FROM pathway_suggestions WHERE id = $id", cancellationToken, ("$id", suggestionId));
        transaction.Commit();
        return TypedResults.Ok();
    }

    /// <summary>
    /// Who sees what of a platform's list: data-manager and platform admins everything, department admins
    /// (department_mode) their departments only.
    /// </summary>
    private bool TryScope(string platform, bool? departmentMode, string departmentColumn, out string scope, out string? scopeValues, out ProblemHttpResult? problem)
    {
        var caller = Caller;
        scope = string.Empty;
        scopeValues = null;
        problem = null;
        if (caller.IsDmAdmin || caller.AdminOf.Contains(platform))
        {
            return true;
        }

        var departments = caller.DepartmentsIn(platform);
        if (departmentMode == true && departments.Count > 0)
        {
            // The column is the caller's choice of two constants; the departments travel as a parameter.
            scope = $"AND {departmentColumn} IN (SELECT value FROM json_each($scope))";
            scopeValues = JsonArray(departments);
            return true;
        }

        problem = Problems.Forbidden($"You may not manage the suggestions of '{platform}'.");
        return false;
    }

    /// <summary>
    /// Whether a create acts with the caller's department rights: seed 000 gives department admins their departments'
    /// suggestions with no flag in the body, so only an explicit <c>department_mode: false</c> leaves them out.
    /// </summary>
    private static bool ActsForDepartments(bool? departmentMode) => departmentMode ?? true;

    /// <summary>Whether the caller may change any suggestion of <paramref name="platform"/> at all (which ones is decided per suggestion).</summary>
    private bool MayManage(string platform, bool? departmentMode)
    {
        var caller = Caller;
        return caller.IsDmAdmin || caller.AdminOf.Contains(platform) || (departmentMode == true && caller.DepartmentsIn(platform).Count > 0);
    }

    /// <summary>Whether the caller may change a suggestion of <paramref name="platform"/> belonging to <paramref name="department"/>.</summary>
    private bool CanManage(string platform, bool? departmentMode, long? department)
    {
        var caller = Caller;
        return caller.IsDmAdmin
            || caller.AdminOf.Contains(platform)
            || (departmentMode == true && department is { } id && caller.DepartmentsIn(platform).Contains(id));
    }

    private Page<T> ToPage<T>(List<T> results, int count, Paging paging)
    {
        var (next, previous) = paging.Links(HttpContext.Request, count);
        return new Page<T> { Count = count, Results = results, Next = next, Previous = previous };
    }

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("O");

    private static string? Like(string? query) => string.IsNullOrEmpty(query) ? null : $"%{query}%";

    /// <summary>Metadata as stored, JSON text written with the generated metadata (no reflection).</summary>
    private static string? Json(IReadOnlyDictionary<string, JsonElement>? metadata) =>
        metadata is null ? null : JsonSerializer.Serialize(metadata, IblDataManagerJsonContext.Default.DictionaryOfJsonElement);

    private static IReadOnlyDictionary<string, JsonElement> Metadata(string json) =>
        JsonSerializer.Deserialize(json, IblDataManagerJsonContext.Default.DictionaryOfJsonElement) ?? new Dictionary<string, JsonElement>();

    /// <summary>A list as one parameter, a JSON array the query reads with <c>json_each</c>: no value is ever written into SQL text.</summary>
    private static string JsonArray<T>(IEnumerable<T> values) =>
        "[" + string.Join(",", values.Select(v => v is string text ? JsonSerializer.Serialize(text, IblDataManagerJsonContext.Default.String) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))) + "]";

    /// <summary>Timestamps are stored as ISO 8601 text (<see cref="Now"/>).</summary>
    private static DateTimeOffset Timestamp(SqliteDataReader r, int column) =>
        DateTimeOffset.Parse(r.GetString(column), System.Globalization.CultureInfo.InvariantCulture);

    private static CourseGroupSuggestionDetail ReadGroupSuggestion(SqliteDataReader r) => new()
    {
        Id = r.GetInt32(0),
        GroupId = r.GetInt32(1),
        GroupName = r.GetString(2),
        PlatformKey = r.GetString(3),
        Accepted = r.GetBoolean(4),
        Visible = r.GetBoolean(5),
        Created = Timestamp(r, 6),
        Modified = Timestamp(r, 7),
        Metadata = Metadata(r.GetString(8)),
        CourseId = r.GetString(9),
        CourseName = r.GetString(10),
        UserCount = r.GetInt32(11),
    };

    private static CourseSuggestionDetail ReadUserSuggestion(SqliteDataReader r) => new()
    {
        Id = r.GetInt32(0),
        UserId = r.GetInt32(1),
        Username = r.GetString(2),
        Name = r.GetString(3),
        PlatformKey = r.GetString(4),
        Accepted = r.GetBoolean(5),
        Visible = r.GetBoolean(6),
        Created = Timestamp(r, 7),
        Modified = Timestamp(r, 8),
        Metadata = Metadata(r.GetString(9)),
        CourseId = r.GetString(10),
        CourseName = r.GetString(11),
    };

    private static PathwaySuggestionDetail ReadPathwaySuggestion(SqliteDataReader r) => new()
    {
        Id = r.GetInt32(0),
        UserId = r.GetInt32(1),
        Username = r.GetString(2),
        Name = r.GetString(3),
        PlatformKey = r.GetString(4),
        Accepted = r.GetBoolean(5),
        Visible = r.GetBoolean(6),
        Created = Timestamp(r, 7),
        Modified = Timestamp(r, 8),
        Metadata = Metadata(r.GetString(9)),
        PathwayId = r.GetString(10),
        PathwayUuid = r.GetString(11),
        PathwayName = r.GetString(12),
        PathwayPlatformKey = r.GetString(13),
    };
}
