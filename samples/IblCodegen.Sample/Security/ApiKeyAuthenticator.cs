using System.Collections.Concurrent;
using System.Security.Claims;
using IblCodegen.Sample.Data;

namespace IblCodegen.Sample.Security;

/// <summary>
/// Authenticates API keys against the store, and remembers what it found for a key for <see cref="Lifetime"/>: a
/// service reads the same few keys on every request, and each read took a connection and two queries. A change to a
/// user's roles or keys in the store therefore takes effect within that time. Only keys the store knows are
/// remembered (an unknown key is looked up every time, so guessing fills nothing), by their SHA-256 hash, never in plain
/// text: a lookup compares hashes, whose timing tells nothing about a key (the store's path compares in constant time).
/// </summary>
public sealed class ApiKeyAuthenticator(SampleDatabase database, TimeProvider clock)
{
    /// <summary>How long a key's caller is served from memory before the store is asked again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>More keys than this at once, and the memory starts over, rather than grow without bound.</summary>
    private const int MaxKeys = 10_000;

    private readonly ConcurrentDictionary<string, Remembered> _recent = new(StringComparer.Ordinal);

    public async Task<ClaimsPrincipal?> AuthenticateAsync(string key, string scheme, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexString(SampleDatabase.KeyHash(key));
        var now = clock.GetUtcNow();
        if (_recent.TryGetValue(hash, out var remembered) && remembered.Until > now)
        {
            return new ClaimsPrincipal(new CallerIdentity(remembered.Claims, scheme));
        }

        if (await Caller.AuthenticateAsync(database, key, scheme, cancellationToken) is not { } principal)
        {
            _recent.TryRemove(hash, out _);
            return null;
        }

        if (_recent.Count >= MaxKeys)
        {
            _recent.Clear();
        }

        _recent[hash] = new Remembered([.. principal.Claims.Select(c => new Claim(c.Type, c.Value))], now + Lifetime);
        return principal;
    }

    private sealed record Remembered(Claim[] Claims, DateTimeOffset Until);
}
