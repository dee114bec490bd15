using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using IblCodegen.Sample.Data;
using IblCodegen.Sample.Security;
using IblDataManager;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;

namespace IblCodegen.Sample.Handlers;

/// <summary>
/// Learner analytics, computed in SQL over the activity records: time spent, daily active learners with change
/// metrics, and active learners per course. An active learner of a day is one with any activity that day.
/// </summary>
[IblCodegen.OpenApiHandlers(Tags = ["ai-analytics", "audience"])]
public sealed partial class AnalyticsHandlers(SampleDatabase database, TimeProvider clock)
{
    /// <summary>The platform whose data <c>include_main_platform</c> adds.</summary>
    public const string MainPlatform = "main";

    private const int DefaultRangeDays = 7;

    /// <summary>Seed 004: "an active user is defined as a user with any activity within the past 30 days".</summary>
    private const int ActiveWindowDays = 30;

    /// <summary>The longest range an audience report covers, one day per entry: a year, leap day included.</summary>
    private const int MaxRangeDays = 366;

    private static readonly DateOnly FirstSupportedDate = new(1970, 1, 1);
    private static readonly DateOnly LastSupportedDate = new(2999, 12, 31);

    public partial async Task<Results<Ok<TimeSpentPerUserResponse>, ProblemHttpResult>> GetAnalyticsTimeSpentUserAsync(
        string? courseId, DateOnly? endDate, bool includeMainPlatform, string? learnerId, string? mentorUuid, string? platform,
        string? sessionUuid, DateOnly? startDate, string? url, CancellationToken cancellationToken)
    {
        var caller = Caller.From(HttpContext.User);
        await using var reads = await database.OpenReaderAsync(cancellationToken);
        var connection = reads.Connection;
        var learner = caller.UserId;
        if (learnerId is not null && !caller.Is(learnerId))
        {
            if ((await Sql.FindUserAsync(connection, null, learnerId, cancellationToken)) is not { } other)
            {
                return Problems.BadRequest("learner_id", $"There is no user '{learnerId}'.");
            }

            // Another learner's time: data-manager admins, or admins of a platform that learner belongs to.
            var platforms = await Sql.ReadAsync(connection, null, "SELECT platform_key FROM memberships WHERE user_id = $user", reader => reader.GetString(0), cancellationToken, ("$user", other));
            if (!caller.IsDmAdmin && !platforms.Any(p => caller.AdminOf.Contains(p) && (platform is null || p == platform)))
            {
                return Problems.Forbidden($"You may not read the time spent by '{learnerId}'.");
            }

            learner = other;
        }

        if (startDate > endDate)
        {
            return Problems.BadRequest("start_date", "The start date is after the end date.");
        }

        var total = await Sql.Int64Async(connection, null, """
            SELECT COALESCE(SUM(seconds), 0) FROM activity
            WHERE user_id = $user
              AND ($course IS NULL OR instr(course_id, $course) > 0)
              AND ($url IS NULL OR instr(url, $url) > 0)
              AND ($mentor IS NULL OR mentor_uuid = $mentor)
              AND ($session IS NULL OR session_uuid = $session)
              AND ($start IS NULL OR day >= $start)
              AND ($end IS NULL OR day <= $end)
              AND ($platform IS NULL OR platform_key IN (SELECT key FROM platforms WHERE key = $platform OR name = $platform)
                   OR ($includeMain AND platform_key = 'main'))
              AND ($includeMain OR platform_key <> 'main')
            """,
            cancellationToken,
            ("$user", learner), ("$course", courseId), ("$url", url), ("$mentor", mentorUuid), ("$session", sessionUuid),
            ("$start", startDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$end", endDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("$platform", platform), ("$includeMain", includeMainPlatform));
        return TypedResults.Ok(new TimeSpentPerUserResponse { TotalSeconds = (int)total });
    }

    public partial async Task<Results<Ok<OvertimeWithChangeInfo>, ProblemHttpResult>> GetOrgsActiveUsersOverTimeAsync(
        string org, int? departmentId, bool? departmentMode, string? endDate, Format format, bool includeMainPlatform, string? startDate,
        CancellationToken cancellationToken)
    {
        await using var reads = await database.OpenReaderAsync(cancellationToken);
        var connection = reads.Connection;
        var (query, problem) = await PrepareAsync(connection, org, departmentId, departmentMode, startDate, endDate, includeMainPlatform, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // A learner is active on a day when they had any activity in the 30 days ending that day (seed 004's definition).
        var perDay = new Dictionary<string, int>();
        using (var command = query!.Command(connection, $$"""
            WITH RECURSIVE days(d) AS (SELECT $start UNION ALL SELECT date(d, '+1 day') FROM days WHERE d < $end)
            SELECT days.d, COUNT(DISTINCT a.user_id)
            FROM days JOIN activity a ON a.day BETWEEN date(days.d, '-{{ActiveWindowDays - 1}} days') AND days.d
            {0}
            GROUP BY days.d
            """, query.Start, query.End))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                perDay[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var data = new Dictionary<string, int>();
        for (var day = query.Start; day <= query.End; day = day.AddDays(1))
        {
            var key = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            data[key] = perDay.GetValueOrDefault(key);
        }

        var meta = await MetaAsync(connection, query, inCourses: false, cancellationToken);
        return TypedResults.Ok(new OvertimeWithChangeInfo { Data = data, Total = meta.Total, Meta = meta });
    }

    public partial async Task<Results<Ok<ActiveUsersPerCourse>, ProblemHttpResult>> GetOrgsActiveUsersPerCourseAsync(
        string org, int? departmentId, bool? departmentMode, string? endDate, Format format, bool includeMainPlatform, string? startDate,
        CancellationToken cancellationToken)
    {
        await using var reads = await database.OpenReaderAsync(cancellationToken);
        var connection = reads.Connection;
        var (query, problem) = await PrepareAsync(connection, org, departmentId, departmentMode, startDate, endDate, includeMainPlatform, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var courses = new List<ActiveUsersPerCourseData>();
        using (var command = query!.Command(connection, """
            SELECT a.course_id, c.name, COUNT(DISTINCT a.user_id) AS learners
            FROM activity a JOIN courses c ON c.id = a.course_id
            {0} AND a.day BETWEEN $start AND $end
            GROUP BY a.course_id, c.name
            ORDER BY learners DESC, a.course_id
            """, query.Start, query.End))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                courses.Add(new ActiveUsersPerCourseData { CourseId = reader.GetString(0), Name = reader.GetString(1), UserCount = reader.GetInt32(2) });
            }
        }

        var meta = await MetaAsync(connection, query, inCourses: true, cancellationToken);
        return TypedResults.Ok(new ActiveUsersPerCourse { Data = courses, Total = meta.Total, Meta = meta });
    }

    /// <summary>
    /// Checks the caller's reach (department admins see their departments only) and the dates, and builds the filter
    /// every audience query shares; the platform's existence is checked by <see cref="PrepareAsync"/> after them.
    /// </summary>
    private async Task<(AudienceQuery? Query, ProblemHttpResult? Problem)> PrepareAsync(
        SqliteConnection connection, string org, int? departmentId, bool? departmentMode, string? startDate, string? endDate, bool includeMainPlatform,
        CancellationToken cancellationToken)
    {
        // The caller's rights first: only a caller who may read the platform learns whether it exists.
        if (!TryPrepare(org, departmentId, departmentMode, startDate, endDate, includeMainPlatform, out var query, out var problem))
        {
            return (null, problem);
        }

        return await Sql.ExistsAsync(connection, null, "SELECT 1 FROM platforms WHERE key = $org", cancellationToken, ("$org", org))
            ? (query, null)
            : (null, Problems.BadRequest("org", $"There is no platform '{org}'."));
    }

    private bool TryPrepare(
        string org, int? departmentId, bool? departmentMode, string? startDate, string? endDate, bool includeMainPlatform,
        out AudienceQuery query, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        query = null!;

        var caller = Caller.From(HttpContext.User);
        // Seed 004: department admins pass department_mode=1 and one of their departments as department_id.
        if (!caller.IsDmAdmin && !caller.ReadsAsAdmin(org)
            && (departmentMode != true || departmentId is null || !caller.DepartmentsIn(org).Contains(departmentId.Value)))
        {
            problem = Problems.Forbidden($"Department admins must ask with department_mode=1 for one of their departments of '{org}' (department_id).");
            return false;
        }

        if (!TryDate(endDate, "end_date", out var end, out problem) || !TryDate(startDate, "start_date", out var start, out problem))
        {
            return false;
        }

        if (!InSupportedRange(end, "end_date", out problem) || !InSupportedRange(start, "start_date", out problem))
        {
            return false;
        }

        var last = end ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = start ?? last.AddDays(-(DefaultRangeDays - 1));
        if (first > last)
        {
            problem = Problems.BadRequest("start_date", "The start date is after the end date.");
            return false;
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxRangeDays)
        {
            problem = Problems.BadRequest("start_date", $"The range may span at most {MaxRangeDays} days.");
            return false;
        }

        query = new AudienceQuery(org, departmentId, includeMainPlatform, first, last);
        return true;
    }

    /// <summary>
    /// A date the audience reports support (the spec states the range): the reports also look back over the range
    /// before the one asked for, and 30 days before its end, which the calendar must hold.
    /// </summary>
    private static bool InSupportedRange(DateOnly? date, string parameter, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = date is { } day && (day < FirstSupportedDate || day > LastSupportedDate)
            ? Problems.BadRequest(parameter, $"The parameter '{parameter}' must be a date from {FirstSupportedDate:yyyy-MM-dd} to {LastSupportedDate:yyyy-MM-dd}.")
            : null;
        return problem is null;
    }

    /// <summary>The audience dates are ISO 8601 text in the spec: a date, or a date and time (its UTC day counts).</summary>
    private static bool TryDate(string? text, string parameter, out DateOnly? date, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        date = null;
        problem = null;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            date = day;
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            date = DateOnly.FromDateTime(instant.UtcDateTime);
            return true;
        }

        problem = Problems.BadRequest(parameter, $"The parameter '{parameter}' must be an ISO 8601 date; '{text}' is not.");
        return false;
    }

    /// <summary>
    /// The change metrics: distinct active learners of the range against the range of the same length just before it,
    /// and of the last 7 and 30 days (ending with the range) against the 7 and 30 days before those.
    /// Percentages are of the earlier count; with no earlier learners the percentage is 0.
    /// </summary>
    private static async Task<OvertimeMeta> MetaAsync(SqliteConnection connection, AudienceQuery query, bool inCourses, CancellationToken cancellationToken)
    {
        var length = query.End.DayNumber - query.Start.DayNumber + 1;
        var total = await query.DistinctLearnersAsync(connection, query.Start, query.End, inCourses, cancellationToken);
        var previous = await query.DistinctLearnersAsync(connection, query.Start.AddDays(-length), query.Start.AddDays(-1), inCourses, cancellationToken);
        var (sevenDays, sevenDaysPercent) = await ChangeAsync(connection, query, 7, inCourses, cancellationToken);
        var (thirtyDays, thirtyDaysPercent) = await ChangeAsync(connection, query, 30, inCourses, cancellationToken);
        return new OvertimeMeta
        {
            Total = total,
            ChangeRange = total - previous,
            ChangeRangePercent = Percent(total - previous, previous),
            ChangeLastSevenDays = sevenDays,
            ChangeLastSevenDaysPercent = sevenDaysPercent,
            ChangeLastThirtyDays = thirtyDays,
            ChangeLastThirtyDaysPercent = thirtyDaysPercent,
        };
    }

    private static async Task<(int Change, double Percent)> ChangeAsync(SqliteConnection connection, AudienceQuery query, int days, bool inCourses, CancellationToken cancellationToken)
    {
        var recent = await query.DistinctLearnersAsync(connection, query.End.AddDays(-(days - 1)), query.End, inCourses, cancellationToken);
        var before = await query.DistinctLearnersAsync(connection, query.End.AddDays(-(2 * days - 1)), query.End.AddDays(-days), inCourses, cancellationToken);
        return (recent - before, Percent(recent - before, before));
    }

    private static double Percent(int change, int before) => before == 0 ? 0 : Math.Round(100.0 * change / before, 2);

    /// <summary>
    /// The activity an audience question is about: a platform's, plus (if asked) its members' activity on the main
    /// platform, perhaps for one department only.
    /// </summary>
    private sealed record AudienceQuery(string Org, int? DepartmentId, bool IncludeMainPlatform, DateOnly Start, DateOnly End)
    {
        private const string Filter = """
            WHERE (a.platform_key = $org
                   OR ($includeMain AND a.platform_key = 'main' AND a.user_id IN (SELECT user_id FROM memberships WHERE platform_key = $org)))
              AND ($department IS NULL OR a.user_id IN (SELECT user_id FROM memberships WHERE platform_key = $org AND department_id = $department))
            """;

        public SqliteCommand Command(SqliteConnection connection, string sql, DateOnly start, DateOnly end) =>
            SampleDatabase.Command(connection, null, string.Format(CultureInfo.InvariantCulture, sql, Filter),
                ("$org", Org), ("$includeMain", IncludeMainPlatform), ("$department", DepartmentId),
                ("$start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$end", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

        /// <summary>The learners active in the range: with any activity in the range, or in the 30 days before a day of it.</summary>
        public async Task<int> DistinctLearnersAsync(SqliteConnection connection, DateOnly start, DateOnly end, bool inCourses, CancellationToken cancellationToken)
        {
            var courses = inCourses ? "AND a.course_id IS NOT NULL" : string.Empty;
            using var command = Command(connection, "SELECT COUNT(DISTINCT a.user_id) FROM activity a {0} AND a.day BETWEEN $start AND $end " + courses, start.AddDays(-(ActiveWindowDays - 1)), end);
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
    }
}
