using System.Security.Claims;
using IblCodegen.Sample.Data;

namespace IblCodegen.Sample.Security;

/// <summary>
/// Who is calling, as the API key's user has it in the store: data-manager admin, and per platform admin,
/// read-only admin, learner, and the departments they administer. Carried as claims on the principal.
/// </summary>
public sealed record Caller(
    long UserId,
    string Username,
    bool IsDmAdmin,
    IReadOnlySet<string> AdminOf,
    IReadOnlySet<string> ReadOnlyAdminOf,
    IReadOnlySet<string> MemberOf,
    IReadOnlyDictionary<long, string> DepartmentsAdministered)
{
    private const string DmAdminClaim = "ibl:dm_admin";
    private const string AdminClaim = "ibl:platform_admin";
    private const string ReadOnlyAdminClaim = "ibl:platform_readonly_admin";
    private const string MemberClaim = "ibl:platform_member";
    private const string DepartmentAdminClaim = "ibl:department_admin";

    /// <summary>Admin (full or read-only) of <paramref name="platform"/>.</summary>
    public bool ReadsAsAdmin(string platform) => AdminOf.Contains(platform) || ReadOnlyAdminOf.Contains(platform);

    /// <summary>Administers a department of <paramref name="platform"/>.</summary>
    public bool IsDepartmentAdminIn(string platform) => DepartmentsAdministered.Values.Contains(platform);

    /// <summary>The departments of <paramref name="platform"/> this caller administers.</summary>
    public IReadOnlyList<long> DepartmentsIn(string platform) =>
        DepartmentsAdministered.Where(d => d.Value == platform).Select(d => d.Key).ToList();

    public bool Is(string userOrId) =>
        string.Equals(userOrId, Username, StringComparison.Ordinal)
        || (long.TryParse(userOrId, out var id) && id == UserId);

    /// <summary>Loads the caller behind an API key; null when the key is unknown.</summary>
    public static async Task<ClaimsPrincipal?> AuthenticateAsync(SampleDatabase database, string key, string scheme, CancellationToken cancellationToken)
    {
        await using var reads = await database.OpenReaderAsync(cancellationToken);
        var connection = reads.Connection;

        // Looked up by the key's hash (the store holds no keys), and the hash found compared in constant time.
        var hash = SampleDatabase.KeyHash(key);
        using var user = SampleDatabase.Command(connection, null,
            "SELECT u.id, u.username, u.is_dm_admin, k.hash FROM api_key_hashes k JOIN users u ON u.id = k.user_id WHERE k.hash = $hash",
            ("$hash", hash));
        using var reader = await user.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals((byte[])reader.GetValue(3), hash))
        {
            return null;
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, reader.GetString(1)),
        };
        if (reader.GetBoolean(2))
        {
            claims.Add(new Claim(DmAdminClaim, "true"));
        }

        using var memberships = SampleDatabase.Command(connection, null,
            "SELECT platform_key, role, department_id, is_department_admin FROM memberships WHERE user_id = $id",
            ("$id", reader.GetInt64(0)));
        using var rows = await memberships.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            var platform = rows.GetString(0);
            claims.Add(new Claim(rows.GetString(1) switch
            {
                "admin" => AdminClaim,
                "readonly_admin" => ReadOnlyAdminClaim,
                _ => MemberClaim,
            }, platform));
            if (!rows.IsDBNull(2) && rows.GetBoolean(3))
            {
                claims.Add(new Claim(DepartmentAdminClaim, $"{rows.GetInt64(2)}:{platform}"));
            }
        }

        return new ClaimsPrincipal(new CallerIdentity(claims, scheme));
    }

    /// <summary>
    /// The caller a principal's claims describe. Read once per request: the permission rules and the handler all ask,
    /// and the identity the authenticator made keeps the answer.
    /// </summary>
    public static Caller From(ClaimsPrincipal user) =>
        user.Identity is CallerIdentity identity ? identity.Caller : Read(user);

    internal static Caller Read(ClaimsPrincipal user)
    {
        var departments = new Dictionary<long, string>();
        foreach (var claim in user.FindAll(DepartmentAdminClaim))
        {
            var separator = claim.Value.IndexOf(':');
            departments[long.Parse(claim.Value[..separator], System.Globalization.CultureInfo.InvariantCulture)] = claim.Value[(separator + 1)..];
        }

        return new Caller(
            long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            user.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
            user.HasClaim(DmAdminClaim, "true"),
            user.FindAll(AdminClaim).Select(c => c.Value).ToHashSet(),
            user.FindAll(ReadOnlyAdminClaim).Select(c => c.Value).ToHashSet(),
            user.FindAll(MemberClaim).Select(c => c.Value).ToHashSet(),
            departments);
    }
}

/// <summary>The identity of an authenticated caller, which reads its <see cref="Caller"/> from its claims once.</summary>
public sealed class CallerIdentity(IEnumerable<Claim> claims, string scheme) : ClaimsIdentity(claims, scheme)
{
    private Caller? _caller;

    public Caller Caller => _caller ??= Caller.Read(new ClaimsPrincipal(this));
}
