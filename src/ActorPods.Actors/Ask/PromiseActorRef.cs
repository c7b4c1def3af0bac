using ActorPods.Actors.Internal;
using ActorPods.Actors.Scheduling;

namespace ActorPods.Actors.Ask;

/// <summary>
/// The temporary reply address of one Ask. Lives on the asker's host (replies cross the transport like any message)
/// and completes its task with the first reply, or with <see cref="AskTimeoutException"/> when the system-time timeout fires.
/// </summary>
internal sealed class PromiseActorRef<T> : ActorRefBase, IScheduledCallback
{
    private readonly ActorSystem _system;
    private readonly Host? _host;
    private readonly TaskCompletionSource<T> _promise;
    private readonly string _name;
    private readonly IActorRef _target;
    private readonly TimeSpan _timeout;

    public PromiseActorRef(ActorSystem system, Host? host, IActorRef target, TimeSpan timeout, long id)
    {
        _system = system;
        _host = host;
        _target = target;
        _timeout = timeout;
        _name = "$ask" + id;
        // Virtual time: continuations run inline on the loop thread, so PipeTo stays deterministic.
        // Real time: never run someone else's continuation on a mailbox thread.
        _promise = new TaskCompletionSource<T>(system.Scheduler.IsVirtual ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task<T> Task => _promise.Task;

    internal override Host? HostOf => _host;

    internal override ActorSystem Owner => _system;

    public override string Path => "/temp/" + _name;

    public override string Name => _name;

    internal override void Deliver(object message, IActorRef? sender)
    {
        // Continuations must not look as if they ran inside the replying actor (they would be routed from its host).
        var scheduler = _system.Scheduler;
        var saved = ActorCell.SaveTurn(scheduler);
        ActorCell.SetTurn(scheduler, null, null, null);
        try
        {
            if (message is Status.Failure failure && typeof(T) != typeof(Status.Failure)) _promise.TrySetException(failure.Cause);
            else if (message is T reply) _promise.TrySetResult(reply);
            else _promise.TrySetException(new InvalidCastException($"Ask of {_target.Path} expected {typeof(T).Name} but got {message.GetType().Name}."));
        }
        finally
        {
            ActorCell.RestoreTurn(scheduler, saved);
        }
    }

    /// <summary>Answered (or timed out) already: the timeout would only build an exception nobody sees.</summary>
    public bool IsSpent => _promise.Task.IsCompleted;

    public void Run()
    {
        if (IsSpent) return;
        var scheduler = _system.Scheduler;
        var saved = ActorCell.SaveTurn(scheduler);
        ActorCell.SetTurn(scheduler, null, null, null);
        try
        {
            _promise.TrySetException(new AskTimeoutException($"Ask of {_target.Path} timed out after {_timeout}."));
        }
        finally
        {
            ActorCell.RestoreTurn(scheduler, saved);
        }
    }
}
