namespace ActorPods.Actors.Internal;

internal sealed partial class ActorCell
{
    internal void Become(Handler? behavior, bool stacked)
    {
        var actor = _actor ?? throw new InvalidOperationException("Become needs a running actor.");
        if (stacked) (Extras.BehaviorStack ??= new Stack<Handler?>()).Push(actor.Behavior);
        actor.Behavior = behavior;
    }

    internal void Unbecome()
    {
        var actor = _actor ?? throw new InvalidOperationException("Unbecome needs a running actor.");
        if (_extras?.BehaviorStack is { Count: > 0 } stack) actor.Behavior = stack.Pop();
    }
}
