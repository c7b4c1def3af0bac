using ActorPods.Actors.Supervision;

namespace ActorPods.Actors;

public abstract partial class Actor
{
    /// <summary>Called once after the constructor, before the first message (and by the default PostRestart).</summary>
    protected virtual void PreStart() { }

    /// <summary>Called after the actor stopped: children are already dead and no message will follow.
    /// Not called when the actor dies with a crashed host.</summary>
    protected virtual void PostStop() { }

    /// <summary>Called on the failed instance before it is replaced. Default: stop all children, then PostStop.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Called on the fresh instance after a restart. Default: PreStart.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children. Default: restart on any exception, stop on initialization failure.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy => SupervisorStrategy.Default;

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal SupervisorStrategy Strategy => SupervisorStrategy;
}
