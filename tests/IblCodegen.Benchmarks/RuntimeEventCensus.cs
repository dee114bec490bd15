using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace IblCodegen.Benchmarks;

/// <summary>
/// Counts events of the runtime's own event source by one of their fields: the methods the JIT compiles, by
/// namespace (IBLCODEGEN_JIT_CENSUS=1), or the types allocated (IBLCODEGEN_ALLOCATION_CENSUS=1), where the runtime
/// names the type of the object that crosses each 100 KB of allocation, so each count stands for about 100 KB.
/// </summary>
internal sealed class RuntimeEventCensus(EventKeywords keywords, string eventPrefix, string field, Func<string, string> key) : EventListener
{
    public readonly ConcurrentDictionary<string, int> Counts = new();

    public static RuntimeEventCensus JitByNamespace() =>
        new((EventKeywords)0x10, "MethodLoadVerbose", "MethodNamespace", ns => Environment.GetEnvironmentVariable("IBLCODEGEN_JIT_CENSUS_FULL") == "1" ? ns : string.Join('.', ns.Split('.').Take(3)));

    public static RuntimeEventCensus AllocationsByType() =>
        new((EventKeywords)0x1, "GCAllocationTick", "TypeName", type => type);

    protected override void OnEventSourceCreated(EventSource source)
    {
        // Called from the base constructor for the sources that already exist. The primary constructor's captured
        // parameters are set before that call, as field initializers are.
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, keywords);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith(eventPrefix, StringComparison.Ordinal) == true)
        {
            var value = e.Payload?[e.PayloadNames!.IndexOf(field)] as string ?? "?";
            Counts.AddOrUpdate(key(value), 1, (_, n) => n + 1);
        }
    }
}
