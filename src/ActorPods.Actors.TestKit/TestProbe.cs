using System.Collections.Concurrent;

namespace ActorPods.Actors.TestKit;

/// <summary>
/// An actor whose mailbox you inspect from test code. Expectations wait in system time: under virtual time they run the
/// event loop (advancing the clock) instead of sleeping; under real time they poll against a deadline.
/// Waits default to the remaining time of an enclosing <see cref="Within{T}(TimeSpan,Func{T})"/>, else <see cref="DefaultTimeout"/>.
/// </summary>
public sealed partial class TestProbe
{
    private readonly ConcurrentQueue<Received> _queue = new();
    private readonly Stack<TimeSpan> _deadlines = new();

    public TestProbe(ActorSystem system, string? name = null, string? host = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        System = system;
        var props = Props.Create(() => new ProbeActor(_queue));
        Ref = system.SystemActorOf(host is null ? props : props.WithHost(host), name);
    }

    public ActorSystem System { get; }

    /// <summary>The probe's address: send it messages, pass it as a sender or reply-to.</summary>
    public IActorRef Ref { get; }

    /// <summary>Sender of the last message received by an Expect/Receive call.</summary>
    public IActorRef LastSender { get; private set; } = null!;

    /// <summary>The last message received by an Expect/Receive call.</summary>
    public object? LastMessage { get; private set; }

    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Messages received and not yet consumed by an expectation.</summary>
    public int QueuedCount => _queue.Count;

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with the probe as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, Ref);

    /// <summary>Replies to the sender of the last received message.</summary>
    public void Reply(object message) => LastSender.Tell(message, Ref);

    /// <summary>Forwards the last received message to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target) => target.Tell(LastMessage ?? throw new InvalidOperationException("Nothing received yet."), LastSender);

    /// <summary>Makes the probe watch <paramref name="target"/>; its <see cref="Terminated"/> arrives like any message.</summary>
    public IActorRef Watch(IActorRef target)
    {
        Ref.Tell(new ProbeActor.WatchCommand(target), null);
        return target;
    }

    public IActorRef Unwatch(IActorRef target)
    {
        Ref.Tell(new ProbeActor.UnwatchCommand(target), null);
        return target;
    }

    private TimeSpan RemainingOrDefault(TimeSpan? max)
    {
        if (max is { } m) return m;
        if (_deadlines.Count > 0)
        {
            var left = _deadlines.Peek() - System.Elapsed;
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
        return DefaultTimeout;
    }

    /// <summary>Waits up to <paramref name="max"/> for the next message and consumes it; null if none came.</summary>
    private Received? TryReceive(TimeSpan max)
    {
        if (!_queue.TryDequeue(out var r))
        {
            if (!System.Scheduler.AwaitCondition(() => !_queue.IsEmpty, max) || !_queue.TryDequeue(out r)) return null;
        }
        LastMessage = r.Message;
        LastSender = r.Sender;
        return r;
    }

    private bool TryPeek(TimeSpan max, out Received received)
    {
        if (_queue.TryPeek(out received)) return true;
        return System.Scheduler.AwaitCondition(() => !_queue.IsEmpty, max) && _queue.TryPeek(out received);
    }

    internal readonly record struct Received(object Message, IActorRef Sender);

    private sealed class ProbeActor : Actor
    {
        public ProbeActor(ConcurrentQueue<Received> queue)
        {
            Receive<WatchCommand>(c => Context.Watch(c.Target));
            Receive<UnwatchCommand>(c => Context.Unwatch(c.Target));
            ReceiveAny(m => queue.Enqueue(new Received(m, Sender)));
        }

        public sealed record WatchCommand(IActorRef Target);

        public sealed record UnwatchCommand(IActorRef Target);
    }
}
