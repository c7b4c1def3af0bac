using ActorPods.Actors;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>
/// Where one probe attempt's outcome goes: ProbeAttemptCompleted to the prober that asked. A value carried through
/// the handler to its callback (as state, not captured), so that a run allocates its reply message and nothing else.
/// <paramref name="targetGone"/>: an exec fault hid the files the command reads; a command that still succeeds is
/// reported as exiting 1 with no output.
/// </summary>
internal readonly struct ProbeReply(IActorRef replyTo, IActorRef self, long attempt, string containerId, bool targetGone)
{
    public void Done(ProbeOutcome outcome, string output) =>
        replyTo.Tell(targetGone && outcome == ProbeOutcome.Success
            ? new ProbeAttemptCompleted(attempt, containerId, ProbeOutcome.Failure, "")
            : new ProbeAttemptCompleted(attempt, containerId, outcome, output), self);
}
