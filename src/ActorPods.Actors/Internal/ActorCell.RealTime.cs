namespace ActorPods.Actors.Internal;

internal sealed partial class ActorCell
{
    internal RealTimeMailbox Mailbox => _mailbox ?? InitMailbox();

    internal bool HasPendingLetters => _extras?.HasPendingLetters == true;

    /// <summary>False while suspended or restarting: user mail waits in the queue until the supervisor decides.</summary>
    internal bool CanMakeProgressOnUserMail => (Volatile.Read(ref _state) & ParkMask) == 0;

    /// <summary>Still being constructed on the spawning thread; Create schedules the mailbox when done.</summary>
    internal bool IsCreating => (Volatile.Read(ref _state) & Creating) != 0;

    /// <summary>One turn on a pool thread: system messages first, then up to <paramref name="throughput"/> user messages.</summary>
    internal void RunMailbox(RealTimeMailbox mailbox, int throughput)
    {
        if (IsCreating) return;
        var processed = 0;
        while (true)
        {
            while (mailbox.TryDequeueSystem(out var system)) HandleSystem(system);
            if (processed >= throughput) return;
            var state = Volatile.Read(ref _state);
            if ((state & ParkMask) != 0) return;
            if ((state & DeadMask) != 0)
            {
                // Stopping or dead: remaining user mail is undeliverable.
                if (!mailbox.TryDequeueUser(out var dead)) return;
                DeadLetter(dead.Message, dead.Sender);
                processed++;
                continue;
            }
            Letter letter;
            if ((state & HasPending) != 0 && _extras!.HasPendingLetters)
            {
                letter = _extras.Pending.Dequeue();
                if (!_extras.HasPendingLetters) ClearFlag(HasPending);
            }
            else if (!mailbox.TryDequeueUser(out letter))
            {
                return;
            }
            InvokeUser(letter.Message, letter.Sender);
            processed++;
        }
    }

    private RealTimeMailbox InitMailbox()
    {
        Interlocked.CompareExchange(ref _mailbox, new RealTimeMailbox(this, Owner.Options.Throughput), null);
        return _mailbox!;
    }
}
