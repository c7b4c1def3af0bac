namespace ActorPods.Actors.Internal;

internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not ActorCell watchee || ReferenceEquals(watchee, this)) return actor;
        var watching = Extras.Watching ??= new List<ActorCell>();
        if (!watching.Contains(watchee))
        {
            watching.Add(watchee);
            // Even if it is already dead, the request reaches its (dead) cell, which answers at once.
            watchee.PostSystem(new WatchRequest(watchee, this));
        }
        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not ActorCell watchee) return actor;
        if (_extras?.Watching is { } watching && watching.Remove(watchee))
        {
            watchee.PostSystem(new UnwatchRequest(watchee, this));
        }
        _extras?.TerminatedQueued?.Remove(watchee);
        return actor;
    }

    private void HandleWatchRequest(WatchRequest request)
    {
        if (HasFlag(TerminatedFlag))
        {
            request.Watcher.PostSystem(new DeathWatchNotification(this, HasFlag(Crashed)));
            return;
        }
        var watchers = Extras.Watchers ??= new List<ActorCell>();
        if (!watchers.Contains(request.Watcher)) watchers.Add(request.Watcher);
    }

    private void HandleUnwatchRequest(UnwatchRequest request) => _extras?.Watchers?.Remove(request.Watcher);

    private void HandleDeathWatchNotification(DeathWatchNotification notification)
    {
        if (HasFlag(DeadMask)) return;
        // Only while still watching: Unwatch before this point means no Terminated.
        if (_extras?.Watching is not { } watching || !watching.Remove(notification.Actor)) return;
        (Extras.TerminatedQueued ??= new List<ActorCell>()).Add(notification.Actor);
        // Through the user mailbox, as Akka does: Terminated comes after what the dead actor sent us before dying.
        _host.Scheduler.Post(this, new QueuedTerminated(new Terminated(notification.Actor, notification.HostCrashed)), notification.Actor);
    }

    /// <summary>Unwraps a queued Terminated, unless Unwatch was called since it was queued.</summary>
    private void InvokeQueuedTerminated(QueuedTerminated queued)
    {
        var actor = (ActorCell)queued.Terminated.ActorRef;
        if (_extras?.TerminatedQueued is not { } pending || !pending.Remove(actor)) return;
        SetTurn(_host.Scheduler, this, queued.Terminated, queued.Terminated.ActorRef);
        _actor!.Dispatch(queued.Terminated);
    }

    private void NotifyWatchers(bool hostCrashed)
    {
        if (_extras?.Watchers is not { } watchers) return;
        foreach (var watcher in watchers) watcher.PostSystem(new DeathWatchNotification(this, hostCrashed));
        watchers.Clear();
    }

    private void StopWatchingAll()
    {
        if (_extras?.Watching is not { } watching) return;
        foreach (var watchee in watching) watchee.PostSystem(new UnwatchRequest(watchee, this));
        watching.Clear();
    }
}
