namespace ActorPods.Actors.Internal;

internal sealed partial class ActorCell : IStash
{
    public int StashedCount => _extras?.Stash?.Count ?? 0;

    void IStash.Stash()
    {
        var scheduler = _host.Scheduler;
        if (!ReferenceEquals(CurrentCell(scheduler), this) || CurrentMessage(scheduler) is not { } message)
        {
            throw new InvalidOperationException("Stash() can only be called while the actor processes a message.");
        }
        (Extras.Stash ??= new List<Letter>()).Add(new Letter(message, CurrentSender(scheduler)));
    }

    public void Unstash()
    {
        if (_extras?.Stash is not { Count: > 0 } stash) return;
        var first = stash[0];
        stash.RemoveAt(0);
        Requeue([first]);
    }

    public void UnstashAll()
    {
        if (_extras?.Stash is not { Count: > 0 } stash) return;
        var letters = new List<Letter>(stash);
        stash.Clear();
        Requeue(letters);
    }

    private void Requeue(List<Letter> letters)
    {
        Extras.PrependPending(letters);
        SetFlag(HasPending);
        // Under real time the mailbox loop takes pending letters first; under virtual time a marker drains them.
        if (_mailbox is null && !HasFlag(ParkMask)) PostSystem(DrainPending.Instance);
    }

    /// <summary>Virtual time: process parked/unstashed letters, oldest first, until empty or parked again.</summary>
    private void DrainPendingVirtual()
    {
        var extras = _extras;
        if (extras is null) return;
        while ((Volatile.Read(ref _state) & (ParkMask | DeadMask)) == 0 && extras.HasPendingLetters)
        {
            var letter = extras.Pending.Dequeue();
            InvokeUser(letter.Message, letter.Sender);
        }
        if (!extras.HasPendingLetters) ClearFlag(HasPending);
    }
}
