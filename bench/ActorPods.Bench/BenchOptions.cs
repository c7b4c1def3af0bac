namespace ActorPods.Bench;

/// <summary>Flags shared by every suite. <c>--quick</c> shrinks the workloads (for smoke tests), never the method.</summary>
public sealed record BenchOptions(bool Json, bool Quick, string? Only = null, int? Minutes = null, bool StartupOnly = false, bool AllocationTypes = false, bool InProcess = false, int? Lanes = null, bool DeliveryStats = false, int? LaneThreshold = null)
{
    public static BenchOptions Parse(ReadOnlySpan<string> args)
    {
        bool json = false, quick = false, startupOnly = false, allocationTypes = false, inProcess = false, deliveryStats = false;
        string? only = null;
        int? minutes = null, lanes = null, laneThreshold = null;
        foreach (var a in args)
        {
            switch (a)
            {
                case "--json": json = true; break;
                case "--quick": quick = true; break;
                case "--startup-only": startupOnly = true; break;
                case "--alloc-types": allocationTypes = true; break;
                case "--in-process": inProcess = true; break;
                case "--delivery-stats": deliveryStats = true; break;
                case var o when o.StartsWith("--only=", StringComparison.Ordinal): only = o["--only=".Length..]; break;
                case var m when m.StartsWith("--minutes=", StringComparison.Ordinal): minutes = int.Parse(m["--minutes=".Length..], System.Globalization.CultureInfo.InvariantCulture); break;
                case var t when t.StartsWith("--lane-threshold=", StringComparison.Ordinal): laneThreshold = int.Parse(t["--lane-threshold=".Length..], System.Globalization.CultureInfo.InvariantCulture); break;
                case var l when l.StartsWith("--lanes=", StringComparison.Ordinal): lanes = int.Parse(l["--lanes=".Length..], System.Globalization.CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown flag '{a}' (expected --json, --quick, --startup-only, --alloc-types, --in-process, --delivery-stats, --only=<section>, --minutes=<virtual minutes>, --lanes=<threads> or --lane-threshold=<turns>)");
            }
        }
        return new BenchOptions(json, quick, only, minutes, startupOnly, allocationTypes, inProcess, lanes, deliveryStats, laneThreshold);
    }

    /// <summary>True unless <c>--only=&lt;section&gt;</c> names another section (for profiling one workload).</summary>
    public bool Runs(string section) => Only is null || Only == section;

    /// <summary>Scales a workload size down by 20x under --quick.</summary>
    public int Size(int full) => Quick ? Math.Max(1, full / 20) : full;
}
