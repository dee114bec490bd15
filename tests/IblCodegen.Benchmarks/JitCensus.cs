using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace IblCodegen.Benchmarks;

/// <summary>Counts the methods the JIT compiles, by the namespace they belong to (IBLCODEGEN_JIT_CENSUS=1).</summary>
internal sealed class JitCensus : EventListener
{
    public readonly ConcurrentDictionary<string, int> ByNamespace = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName == "MethodLoadVerbose_V2" || e.EventName == "MethodLoadVerbose_V1" || e.EventName == "MethodLoadVerbose")
        {
            var ns = e.Payload?[e.PayloadNames!.IndexOf("MethodNamespace")] as string ?? "?";
            var key = string.Join('.', ns.Split('.').Take(3));
            ByNamespace.AddOrUpdate(key, 1, (_, n) => n + 1);
        }
    }
}
