using ActorPods.Actors;
using ActorPods.Api.Model;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>
/// Where a prober dials one container instance. The kubelet's prober makes httpGet, tcpSocket and grpc probes itself,
/// from the kubelet process to the pod's IP (pkg/kubelet/prober/prober.go runProbe: p.http.Probe, p.tcp.Probe,
/// p.grpc.Probe); only exec goes through the runtime (CRI ExecSync). So a ProbeActor runs those three in its own turn,
/// against this instance's userland and under the userland gate, and an answer that comes at once is handled in the
/// same turn instead of a RunProbe / ProbeAttemptCompleted round trip through the ContainerActor. A late answer (a slow
/// server, a timeout) still arrives as ProbeAttemptCompleted, from the ContainerActor's timer.
/// </summary>
public sealed class NetworkProbeEndpoint
{
    // Set while the ContainerActor lives (PreStart → PostStop), under the gate, as every read is.
    private ContainerActor? _owner;

    internal void Attach(ContainerActor owner) => _owner = owner;

    internal void Detach() => _owner = null;

    /// <summary>
    /// A hint for a prober about to dial (see Actor.OnTurnAhead), one <paramref name="stage"/> per hop: the first line
    /// of the ContainerActor it will call, then the rest of it, then that actor's own stages (its launch and container,
    /// then what the container's last httpGet read: ContainerActor.PrefetchProbeParts). Each stage reads only what the
    /// one before asked for.
    /// </summary>
    internal void PrefetchOwner(int stage)
    {
        if (_owner is not { } owner) return;
        switch (stage)
        {
            case 0: CacheHint.Prefetch(owner); break;
            case 1: CacheHint.PrefetchWhole(owner); break;
            default: owner.PrefetchProbeParts(stage - 2); break;
        }
    }

    /// <summary>Whether the prober makes this probe itself (not exec, which is the runtime's).</summary>
    public static bool Dials(Probe probe) => probe.Exec is null;

    /// <summary>
    /// One attempt from <paramref name="prober"/>. True with the outcome when it was answered at once. False when the
    /// answer comes later as ProbeAttemptCompleted, or never (the instance is gone: as a RunProbe to a stopped actor,
    /// the attempt is abandoned after timeout + 5 s).
    /// </summary>
    internal bool TryRun(Probe probe, in HttpGetTarget? httpGet, long attempt, string containerId, IActorRef prober, out ProbeOutcome outcome, out string output)
    {
        var answer = InlineProbeAnswer.Begin(prober, attempt);
        try
        {
            if (_owner is not { } owner || !owner.RunNetworkProbe(probe, httpGet, prober, attempt, containerId))
            {
                (outcome, output) = (default, "");
                return false;
            }
            return answer.TryTake(out outcome, out output);
        }
        finally
        {
            InlineProbeAnswer.End();
        }
    }
}

/// <summary>
/// The answer of the attempt a prober is making on this thread right now: <see cref="ProbeReply.Done"/> leaves it here
/// instead of sending it when the userland answered within the prober's own call. Per thread, and one at a time (a
/// prober's call never nests another).
/// </summary>
internal sealed class InlineProbeAnswer
{
    [ThreadStatic] private static InlineProbeAnswer? t_current;
    [ThreadStatic] private static InlineProbeAnswer? t_spare;

    private IActorRef? _prober;
    private long _attempt;
    private bool _answered;
    private ProbeOutcome _outcome;
    private string _output = "";

    public static InlineProbeAnswer Begin(IActorRef prober, long attempt)
    {
        var a = t_spare ??= new InlineProbeAnswer();
        (a._prober, a._attempt, a._answered, a._output) = (prober, attempt, false, "");
        t_current = a;
        return a;
    }

    public static void End()
    {
        if (t_current is { } a) (a._prober, a._output) = (null, "");
        t_current = null;
    }

    /// <summary>Takes the answer if it is the awaited attempt's and that prober is still in its call.</summary>
    public static bool TryAccept(IActorRef prober, long attempt, ProbeOutcome outcome, string output)
    {
        if (t_current is not { _answered: false } a || !ReferenceEquals(a._prober, prober) || a._attempt != attempt) return false;
        (a._answered, a._outcome, a._output) = (true, outcome, output);
        return true;
    }

    public bool TryTake(out ProbeOutcome outcome, out string output)
    {
        (outcome, output) = (_outcome, _output);
        return _answered;
    }
}
