namespace ActorPods.Bench;

/// <summary>Flags shared by every suite. <c>--quick</c> shrinks the workloads (for smoke tests), never the method.</summary>
public sealed record BenchOptions(bool Json, bool Quick)
{
    public static BenchOptions Parse(ReadOnlySpan<string> args)
    {
        bool json = false, quick = false;
        foreach (var a in args)
        {
            switch (a)
            {
                case "--json": json = true; break;
                case "--quick": quick = true; break;
                default: throw new ArgumentException($"unknown flag '{a}' (expected --json or --quick)");
            }
        }
        return new BenchOptions(json, quick);
    }

    /// <summary>Scales a workload size down by 20x under --quick.</summary>
    public int Size(int full) => Quick ? Math.Max(1, full / 20) : full;
}
