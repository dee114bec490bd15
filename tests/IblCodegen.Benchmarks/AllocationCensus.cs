using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace IblCodegen.Benchmarks;

/// <summary>
/// Samples what is allocated, by type (IBLCODEGEN_ALLOCATION_CENSUS=1): the runtime reports the type of the object
/// that crosses each 100 KB of allocation, so the counts are samples of about 100 KB each.
/// </summary>
internal sealed class AllocationCensus : EventListener
{
    public readonly ConcurrentDictionary<string, int> SamplesByType = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true)
        {
            var type = e.Payload?[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
            SamplesByType.AddOrUpdate(type, 1, (_, n) => n + 1);
        }
    }
}
