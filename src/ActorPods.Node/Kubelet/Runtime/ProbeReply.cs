using ActorPods.Actors;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>
/// Where one probe attempt's outcome goes: ProbeAttemptCompleted to the prober that asked, or — when the prober dialled
/// the container itself and the userland answered within its call — straight back to it (<see cref="InlineProbeAnswer"/>).
/// A value carried through the handler to its callback (as state, not captured), so that a run allocates at most its
/// reply message. <paramref name="targetGone"/>: an exec fault hid the files the command reads; a command that still
/// succeeds is reported as exiting 1 with no output.
/// </summary>
internal readonly struct ProbeReply(IActorRef replyTo, IActorRef self, long attempt, string containerId, bool targetGone)
{
    public void Done(ProbeOutcome outcome, string output)
    {
        if (targetGone && outcome == ProbeOutcome.Success) (outcome, output) = (ProbeOutcome.Failure, "");
        if (InlineProbeAnswer.TryAccept(replyTo, attempt, outcome, output)) return;
        replyTo.Tell(new ProbeAttemptCompleted(attempt, containerId, outcome, output), self);
    }
}
