namespace ActorPods.Actors.Internal;

internal sealed partial class ActorCell
{
    // The instance is passed in (not read from _actor) so that Become also works inside the constructor.
    internal void Become(Actor actor, Handler? behavior, bool stacked)
    {
        if (stacked) (Extras.BehaviorStack ??= new Stack<Handler?>()).Push(actor.Behavior);
        actor.Behavior = behavior;
    }

    internal void Unbecome(Actor actor)
    {
        if (_extras?.BehaviorStack is { Count: > 0 } stack) actor.Behavior = stack.Pop();
    }
}
