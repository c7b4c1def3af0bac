using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace ActorPods.Bench.Reporting;

/// <summary>
/// <c>--alloc-types</c>: listens to the runtime's GCAllocationTick events (one sample per ~100 KB allocated) and sums
/// the sampled bytes by type, to show what a run allocates without an external profiler. Samples carry no stack, so
/// the table says "what", and <c>perf</c> says "where".
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private long _sampledTotal;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null) return;
        var type = e.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? e.Payload![t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload![a]) : 100_000;
        // Large objects (AllocationKind 1) are listed apart: their budget, not gen0's, triggers blocking gen2 collections.
        if (e.PayloadNames.IndexOf("AllocationKind") is var k and >= 0 && Convert.ToInt32(e.Payload![k]) == 1) type += " [large object heap]";
        _bytesByType.AddOrUpdate(type, amount, (_, old) => old + amount);
        Interlocked.Add(ref _sampledTotal, amount);
    }

    /// <summary>Compiler-generated closure and iterator types are reported by their short name only
    /// (<c>&lt;&gt;c__DisplayClass13_0</c>); list the loaded ActorPods types that declare one of that name.</summary>
    private static string Owners(string type)
    {
        if (!type.StartsWith('<')) return "";
        var owners = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("ActorPods", StringComparison.Ordinal) == true)
            .SelectMany(a => { try { return a.GetTypes(); } catch (System.Reflection.ReflectionTypeLoadException e) { return e.Types.OfType<Type>().ToArray(); } })
            .Where(t => t.Name == type && t.DeclaringType is not null)
            .Select(t => t.DeclaringType!.FullName)
            .ToList();
        return owners.Count == 0 ? "" : $"  (in {string.Join(", ", owners)})";
    }

    /// <summary>The <paramref name="top"/> types by sampled bytes, with their share of all sampled bytes.</summary>
    public void Print(TextWriter output, int top = 40)
    {
        var total = Math.Max(1, Interlocked.Read(ref _sampledTotal));
        output.WriteLine($"allocation samples by type ({total / 1048576.0:N0} MiB sampled):");
        foreach (var (type, bytes) in _bytesByType.ToArray().OrderByDescending(kv => kv.Value).Take(top))
            output.WriteLine($"  {bytes * 100.0 / total,5:0.0}%  {bytes / 1048576.0,9:N0} MiB  {type}{Owners(type)}");
        var large = _bytesByType.ToArray().Where(kv => kv.Key.EndsWith("[large object heap]", StringComparison.Ordinal)).OrderByDescending(kv => kv.Value).ToList();
        output.WriteLine($"large-object samples ({large.Sum(kv => kv.Value) / 1048576.0:N0} MiB):");
        foreach (var (type, bytes) in large.Take(top))
            output.WriteLine($"  {bytes / 1048576.0,9:N1} MiB  {type}");
    }
}
