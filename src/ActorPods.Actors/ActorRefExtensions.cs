using ActorPods.Actors.Ask;
using ActorPods.Actors.Internal;

namespace ActorPods.Actors;

public static class ActorRefExtensions
{
    private static long s_askId;

    /// <summary>
    /// Sends <paramref name="message"/> with a temporary reply address and returns the first reply.
    /// Fails with <see cref="AskTimeoutException"/> after <paramref name="timeout"/> of system time, with the reply's cause
    /// for a <see cref="Status.Failure"/>, and with <see cref="InvalidCastException"/> for a reply of another type.
    /// Under virtual time the task completes only while the loop runs. Inside actors prefer <see cref="PipeTo{T}"/> to awaiting.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout));
        var recipient = (ActorRefBase)target;
        var system = recipient.Owner;
        var asker = ActorCell.CurrentCell(system.Scheduler);
        var promise = new PromiseActorRef<T>(system, asker?.HostRef, target, timeout, Interlocked.Increment(ref s_askId));
        system.Scheduler.ScheduleCallback(timeout.Ticks, promise);
        target.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>Sends <paramref name="message"/> keeping the current message's sender (inside an actor).</summary>
    public static void Forward(this IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, ActorCell.CurrentSender(((ActorRefBase)target).Owner.Scheduler));
    }

    /// <summary>When <paramref name="task"/> completes, sends its result (or <see cref="Status.Failure"/>) to <paramref name="recipient"/>.</summary>
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(
            static (t, state) =>
            {
                var (to, from) = ((IActorRef, IActorRef?))state!;
                object reply = t.IsCompletedSuccessfully ? t.Result! : new Status.Failure(t.Exception?.InnerException ?? new TaskCanceledException());
                to.Tell(reply, from);
            },
            (recipient, sender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
