namespace ActorPods.Node.Kubelet.Prober;

/// <summary>
/// Probe runs by probe type and result, counted by every prober that shares this object: the cluster-wide sum of
/// the kubelets' <c>prober_probe_total</c> counters (pkg/kubelet/prober/prober_manager.go, labels probe_type and
/// result; worker.go doProbe increments it once per run). One difference, kept so that the counts match the trace's
/// <c>probe</c> events one for one: a run that errored is counted as "unknown" here, where the kubelet throws its
/// result away uncounted. Reading it costs nothing per run, unlike subscribing to every ProbeResultObserved, so the
/// scale benchmarks count with it. Thread-safe: real-time probers of different pods run at once, and so do the
/// probers of different nodes in a virtual instant spread over lanes. Each thread counts on its own cache lines (a
/// line shared by two cores would bounce between them on every run); reads add the stripes up.
/// </summary>
public sealed class ProbeResultCounters
{
    private const int Results = 3; // ProbeRunResult's values
    private const int Stripes = 8;
    private const int Stride = 16; // longs per stripe: 9 counters, padded to two cache lines

    private readonly long[] _counts = new long[Stripes * Stride]; // by stripe, then ProbeType, then result

    /// <summary>Counts one run.</summary>
    public void Add(ProbeType type, ProbeRunResult result)
    {
        var stripe = Environment.CurrentManagedThreadId & (Stripes - 1);
        Interlocked.Increment(ref _counts[stripe * Stride + (int)type * Results + (int)result]);
    }

    /// <summary>Runs of <paramref name="type"/> that ended in <paramref name="result"/>.</summary>
    public long Count(ProbeType type, ProbeRunResult result)
    {
        var sum = 0L;
        for (var stripe = 0; stripe < Stripes; stripe++) sum += Interlocked.Read(ref _counts[stripe * Stride + (int)type * Results + (int)result]);
        return sum;
    }

    /// <summary>Runs of every type that ended in <paramref name="result"/>.</summary>
    public long Count(ProbeRunResult result) => Enum.GetValues<ProbeType>().Sum(t => Count(t, result));

    /// <summary>Every run counted.</summary>
    public long Total => Enum.GetValues<ProbeRunResult>().Sum(Count);
}

/// <summary>The result label of a probe run: the metric's "successful", "failed", "unknown".</summary>
public enum ProbeRunResult
{
    Successful,
    Failed,
    Unknown,
}
