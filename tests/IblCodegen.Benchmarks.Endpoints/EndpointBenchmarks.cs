using System.Security.Claims;
using System.Text.Encodings.Web;
using BenchmarkDotNet.Attributes;
using IblCodegen.Server;
using IblDataManager;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IblCodegen.Benchmarks.Endpoints;

/// <summary>
/// A generated endpoint against a hand-written minimal-API endpoint that calls the same handler with the same
/// parameters, behind the same authentication and permission policy, in one in-process server.
/// The handler returns a fixed page, so the difference is the endpoint code: reading, checking, calling, writing.
/// </summary>
[MemoryDiagnoser]
public class EndpointBenchmarks
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _app = BenchmarkApp.Build(testServer: true);
        await _app.StartAsync();
        _client = _app.GetTestClient();

        // Both must answer the same before their speed is compared.
        var generated = await _client.GetStringAsync(BenchmarkApp.GeneratedPath + BenchmarkApp.Query);
        var handWritten = await _client.GetStringAsync(BenchmarkApp.HandWrittenPath + BenchmarkApp.Query);
        if (generated != handWritten)
        {
            throw new InvalidOperationException($"The endpoints differ:\n{generated}\n{handWritten}");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<string> HandWritten() => _client.GetStringAsync(BenchmarkApp.HandWrittenPath + BenchmarkApp.Query);

    [Benchmark]
    public Task<string> Generated() => _client.GetStringAsync(BenchmarkApp.GeneratedPath + BenchmarkApp.Query);
}

/// <summary>
/// The server both endpoints live in: the generated endpoint and a hand-written minimal-API endpoint calling the same
/// handler, behind the same authentication and permission policy. In memory for BenchmarkDotNet, or on Kestrel
/// (127.0.0.1) for wrk.
/// </summary>
public static class BenchmarkApp
{
    public const string Query = "?platform_key=acme&platform_org=acme&query=Eng&sort=-id&department_mode=false&page=1&page_size=10";
    public const string GeneratedPath = "/api/catalog/suggestions/course/manage/group/";
    public const string HandWrittenPath = "/hand-written/group-suggestions";

    public static WebApplication Build(bool testServer, string url = "http://127.0.0.1:5090")
    {
        var builder = WebApplication.CreateBuilder();
        if (testServer)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseUrls(url);
        }

        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication("Everyone").AddScheme<AuthenticationSchemeOptions, EveryoneHandler>("Everyone", null);
        builder.Services.AddIblPermissions(rules => rules.Define(IblDataManagerSpec.Permissions.IsDMAdmin, (_, _) => true));
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        BenchmarkHandlers.MapEndpoints(app);

        app.MapGet(HandWrittenPath, (
                [FromQuery(Name = "platform_key")] string platformKey,
                [FromQuery(Name = "platform_org")] string? platformOrg,
                [FromQuery(Name = "query")] string? query,
                [FromQuery(Name = "sort")] string? sort,
                [FromQuery(Name = "department_mode")] bool? departmentMode,
                [FromQuery(Name = "page")] int? page,
                [FromQuery(Name = "page_size")] int? pageSize,
                HttpContext httpContext) =>
                new BenchmarkHandlers().GetSuggestionsCourseManageGroupAsync(platformKey, departmentMode, page, pageSize, platformOrg, query, sort ?? "id", httpContext.RequestAborted))
            .RequireAuthorization(PermissionRequirement.Policy(
                IblDataManagerSpec.Permissions.IsDMAdmin, IblDataManagerSpec.Permissions.IsPlatformAdmin, IblDataManagerSpec.Permissions.IsDepartmentModeAdminInPlatform));
        return app;
    }

    private sealed class EveryoneHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        private static readonly AuthenticateResult Everyone =
            AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench")], "Everyone")), "Everyone"));

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(Everyone);
    }
}

/// <summary>The handler both endpoints call: a fixed page of two suggestions.</summary>
[IblCodegen.OpenApiHandlers(Operations = ["catalog_suggestions_course_manage_group_retrieve"])]
public sealed partial class BenchmarkHandlers
{
    private static readonly Page<CourseGroupSuggestionDetail> Fixed = new()
    {
        Count = 2,
        Results =
        [
            Suggestion(1, "course-v1:acme+python+2024"),
            Suggestion(2, "course-v1:acme+sql+2024"),
        ],
    };

    public partial Task<Results<Ok<Page<CourseGroupSuggestionDetail>>, ProblemHttpResult>> GetSuggestionsCourseManageGroupAsync(
        string platformKey, bool? departmentMode, int? page, int? pageSize, string? platformOrg, string? query, string sort, CancellationToken cancellationToken) =>
        Task.FromResult<Results<Ok<Page<CourseGroupSuggestionDetail>>, ProblemHttpResult>>(TypedResults.Ok(Fixed));

    private static CourseGroupSuggestionDetail Suggestion(int id, string course) => new()
    {
        Id = id,
        GroupId = 1,
        GroupName = "Engineering Team",
        PlatformKey = "acme",
        Accepted = false,
        Visible = true,
        Created = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero),
        Modified = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero),
        Metadata = new Dictionary<string, System.Text.Json.JsonElement>(),
        CourseId = course,
        CourseName = "Course " + id,
        UserCount = 2,
    };
}
