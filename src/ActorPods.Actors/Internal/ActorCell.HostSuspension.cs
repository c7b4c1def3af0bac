namespace ActorPods.Actors.Internal;

internal sealed partial class ActorCell
{
    /// <summary>
    /// The host froze: from now on user messages and timer firings park in arrival order (the same park as a
    /// supervisor's suspension, so the dispatch fast path pays nothing). Called from outside the actor's turn.
    /// Returns false if the actor is already dead.
    /// </summary>
    internal bool SuspendForHost()
    {
        if (HasFlag(DeadMask)) return false;
        SetFlag(HostSuspended);
        return true;
    }

    /// <summary>The host thawed: what parked meanwhile is processed (late) before anything newer.</summary>
    internal bool ResumeForHost()
    {
        if (!HasFlag(HostSuspended)) return false;
        ClearFlag(HostSuspended);
        if (!HasFlag(DeadMask)) ContinueAfterPark();
        return true;
    }
}
