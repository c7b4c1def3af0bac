using ActorPods.Actors.Supervision;

namespace ActorPods.Actors.Internal;

/// <summary>The root, /user and /system: no behaviour of their own, only supervision of their children.</summary>
internal sealed class GuardianActor(SupervisorStrategy strategy) : Actor
{
    protected override SupervisorStrategy SupervisorStrategy => strategy;

    protected override void Unhandled(object message)
    {
        // Terminated of a top-level actor is not a death pact for a guardian.
        if (message is not Terminated) base.Unhandled(message);
    }
}
