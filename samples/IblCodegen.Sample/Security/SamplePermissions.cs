using IblCodegen.Server;
using P = IblDataManager.IblDataManagerSpec.Permissions;

namespace IblCodegen.Sample.Security;

/// <summary>
/// What the spec's permission names mean in this service. The generated endpoints only list the names; without
/// these rules every permission is refused.
/// </summary>
/// <remarks>
/// The rules decide at the door, from the caller and the request line (platform_key, org, department_mode, user,
/// learner_id). Where the decisive value travels in the body (a POST's platform), the rule admits admins of some
/// platform and the handler checks the body against the caller's scope, answering 403 when it is outside.
/// </remarks>
internal static class SamplePermissions
{
    public static void Define(PermissionRules rules)
    {
        rules
            .Define(P.IsDMAdmin, (user, _) => Caller.From(user).IsDmAdmin)
            .Define(P.IsPlatformAdmin, (user, http) =>
            {
                var caller = Caller.From(user);
                return RequestPlatform(http) is { } platform ? caller.AdminOf.Contains(platform) : caller.AdminOf.Count > 0;
            })
            .Define(P.IsPlatformAdminReadOnly, (user, http) =>
            {
                var caller = Caller.From(user);
                return HttpMethods.IsGet(http.Request.Method)
                    && (RequestPlatform(http) is { } platform
                        ? caller.ReadsAsAdmin(platform)
                        : caller.AdminOf.Count + caller.ReadOnlyAdminOf.Count > 0);
            })
            .Define(P.IsDepartmentModeAdminInPlatform, (user, http) =>
            {
                var caller = Caller.From(user);
                var departmentMode = IsTrue(http.Request.Query["department_mode"]) || HttpMethods.IsPost(http.Request.Method);
                return departmentMode
                    && (RequestPlatform(http) is { } platform ? caller.IsDepartmentAdminIn(platform) : caller.DepartmentsAdministered.Count > 0);
            })
            .Define(P.IsEdxUserReadOnly, (user, http) =>
            {
                // A learner reads their own data: "user" names them, or no other learner is asked for.
                var caller = Caller.From(user);
                string? target = http.Request.Query["user"];
                target ??= http.Request.Query["learner_id"];
                return HttpMethods.IsGet(http.Request.Method) && (string.IsNullOrEmpty(target) || caller.Is(target));
            });
    }

    /// <summary>The platform a request is about, when its URL says: <c>platform_key</c>, or the <c>org</c> of the path.</summary>
    public static string? RequestPlatform(HttpContext http)
    {
        string? platform = http.Request.Query["platform_key"];
        if (string.IsNullOrEmpty(platform))
        {
            platform = http.Request.RouteValues["org"] as string;
        }

        return string.IsNullOrEmpty(platform) ? null : platform;
    }

    /// <summary>
    /// A boolean of the request line, read by the generated endpoints' own parser, so the rule at the door and the
    /// handler behind it never disagree ("TRUE" is true to both).
    /// </summary>
    private static bool IsTrue(string? value) => value is not null && IblCodegen.Server.Parsers.Boolean(value, out var flag) && flag;
}
