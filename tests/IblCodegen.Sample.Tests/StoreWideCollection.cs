namespace IblCodegen.Sample.Tests;

/// <summary>
/// Suites that need the process's SQLite connection pools to themselves, run after the others, one at a time.
/// </summary>
/// <remarks>
/// Every suite that stops a service clears the pools (<c>SqliteConnection.ClearAllPools</c>, so that its database file
/// can be deleted), and a store fault clears them too. Clearing is process-wide: run beside a storm of writers, it
/// closes connections under requests in flight, which then fail (a 500 seen 3 times in 9,565 requests), so the storm
/// would be measuring the test run rather than the service. The fault suite clears them on purpose.
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StoreWideCollection
{
    public const string Name = "Store-wide";
}
