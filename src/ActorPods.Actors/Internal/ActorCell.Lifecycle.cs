namespace ActorPods.Actors.Internal;

internal sealed partial class ActorCell
{
    /// <summary>
    /// Builds the first instance and runs PreStart, synchronously inside ActorOf: the ref is returned only once the
    /// actor exists, and nothing is queued per spawn. A failure here is reported to the parent like any other.
    /// </summary>
    internal void Create()
    {
        var saved = SaveTurn(_host.Scheduler);
        SetTurn(_host.Scheduler, this, null, null);
        // Real time: the constructor may hand Self out and get mail before PreStart returns; the mailbox must wait.
        var realTime = !_host.Scheduler.Virtual;
        if (realTime) SetFlag(Creating);
        try
        {
            if (_host.IsCrashed)
            {
                // Spawned onto a host that has just been crashed: it dies with it.
                SetFlag(Crashed | StopRequested);
                PostSystem(Crash.Instance);
                return;
            }
            // Spawned onto a frozen host: it is built now, but its mail waits for the host to resume.
            if (_host.IsSuspended) SetFlag(HostSuspended);
            if (!TryNewInstance()) return;
            try
            {
                _actor!.InvokePreStart();
            }
            catch (Exception e)
            {
                HandleInvokeFailure(new ActorInitializationException(this, e), null);
            }
        }
        finally
        {
            RestoreTurn(_host.Scheduler, saved);
            if (realTime)
            {
                ClearFlag(Creating);
                Volatile.Read(ref _extras)?.Mailbox?.Schedule();
            }
        }
    }

    private bool TryNewInstance()
    {
        var previous = t_constructing;
        t_constructing = this;
        try
        {
            _actor = _props.NewActor();
            _apart = _actor.RunsApart;
            return true;
        }
        catch (Exception e)
        {
            _actor = null;
            _apart = false;
            HandleInvokeFailure(new ActorInitializationException(this, e), null);
            return false;
        }
        finally
        {
            t_constructing = previous;
        }
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is ActorCell cell) cell.RequestStop();
    }

    /// <summary>Marks the actor as stopping at once (so it takes no further user message) and queues the stop.</summary>
    internal void RequestStop()
    {
        if ((Interlocked.Or(ref _state, StopRequested) & StopRequested) == 0) PostSystem(Terminate.Instance);
    }

    private void HandleTerminate()
    {
        if (HasFlag(Terminating | TerminatedFlag)) return;
        SetFlag(Terminating | StopRequested);
        _extras?.Timers?.CancelAll();
        var children = ChildCells();
        if (children.Count == 0)
        {
            FinishTerminate(graceful: true);
            return;
        }
        // Children die first; the last ChildTerminated completes our stop.
        foreach (var child in children) child.RequestStop();
    }

    private void HandleCrash()
    {
        if (HasFlag(TerminatedFlag)) return;
        SetFlag(Crashed | StopRequested);
        _extras?.Timers?.CancelAll();
        FinishTerminate(graceful: false);
    }

    /// <summary>Marks this actor and its whole subtree as crashed; each finishes dying on its own turn.</summary>
    internal int CrashSubtree()
    {
        var count = 0;
        if ((Interlocked.Or(ref _state, Crashed | StopRequested) & TerminatedFlag) == 0)
        {
            PostSystem(Crash.Instance);
            count++;
        }
        foreach (var child in ChildCells()) count += child.CrashSubtree();
        return count;
    }

    private void FinishTerminate(bool graceful)
    {
        if (HasFlag(TerminatedFlag)) return;
        var actor = _actor;
        if (graceful && actor is not null)
        {
            var saved = SaveTurn(_host.Scheduler);
            SetTurn(_host.Scheduler, this, null, null);
            try
            {
                actor.InvokePostStop();
            }
            catch (Exception e)
            {
                PublishError(e, "PostStop");
            }
            finally
            {
                RestoreTurn(_host.Scheduler, saved);
            }
        }
        SetFlag(TerminatedFlag);
        _actor = null;
        _apart = false;
        var extras = _extras;
        if (extras is not null)
        {
            while (extras.HasPendingLetters)
            {
                var letter = extras.Pending.Dequeue();
                DeadLetter(letter.Message, letter.Sender);
            }
            if (extras.Stash is { } stash)
            {
                foreach (var letter in stash) DeadLetter(letter.Message, letter.Sender);
                stash.Clear();
            }
            extras.BehaviorStack = null;
            extras.Timers = null;
            extras.Random = null;
        }
        ClearFlag(HasPending);
        StopWatchingAll();
        NotifyWatchers(hostCrashed: !graceful);
        _parent?.PostSystem(new ChildTerminated(this));
    }

    private void HandleChildTerminated(ActorCell child)
    {
        if (!RemoveChild(child)) return;
        var state = Volatile.Read(ref _state);
        if ((state & TerminatedFlag) != 0) return;
        if ((state & Terminating) != 0)
        {
            if (ChildCount == 0) FinishTerminate(graceful: (state & Crashed) == 0);
        }
        else if ((state & RecreatePending) != 0 && !AnyChildStopping())
        {
            FinishRecreate();
        }
    }
}
