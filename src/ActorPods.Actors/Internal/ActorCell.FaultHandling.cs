using ActorPods.Actors.Supervision;

namespace ActorPods.Actors.Internal;

internal sealed partial class ActorCell
{
    /// <summary>
    /// The actor threw: suspend it (its user messages wait) and ask the parent what to do. The failing message is
    /// not retried. Failures while stopping have nobody to go to and are only published.
    /// </summary>
    private void HandleInvokeFailure(Exception cause, object? message, bool escalated = false)
    {
        if (HasFlag(DeadMask))
        {
            PublishError(cause, "failure while stopping");
            return;
        }
        SetFlag(Suspended);
        Extras.FailedMessage = message;
        Extras.FailedByEscalation = escalated;
        if (_parent is null)
        {
            PublishError(cause, "root failure");
            return;
        }
        _parent.PostSystem(new Failed(this, cause, _actor));
    }

    private void HandleChildFailed(Failed failed)
    {
        var child = failed.Child;
        // Ignore reports from a child that is already gone, or from an incarnation it has since replaced.
        if (!ReferenceEquals(child._parent, this) || child.IsStopping || !ReferenceEquals(child._actor, failed.Instance)) return;
        if (HasFlag(TerminatedFlag)) return;

        var strategy = _actor?.Strategy ?? SupervisorStrategy.Default;
        Directive directive;
        try
        {
            directive = strategy.Decide(failed.Cause);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, null);
            return;
        }

        switch (directive)
        {
            case Directive.Resume when child._actor is not null:
                child.PostSystem(Resume.Plain);
                break;
            case Directive.Resume:
            case Directive.Restart:
                var stats = child.Extras.RestartStats ??= new RestartStatistics();
                if (strategy.RequestRestartPermission(stats, Elapsed)) child.PostSystem(new Recreate(failed.Cause));
                else child.RequestStop();
                break;
            case Directive.Stop:
                child.RequestStop();
                break;
            case Directive.Escalate when IsGuardianOrRoot:
                // Nobody above to escalate to: the failing top-level actor is stopped.
                child.PublishError(failed.Cause, "escalated to the guardian");
                child.RequestStop();
                break;
            case Directive.Escalate:
                HandleInvokeFailure(failed.Cause, null, escalated: true);
                break;
        }
    }

    private bool IsGuardianOrRoot => _parent is null || _parent._parent is null;

    private void HandleResume(Resume resume)
    {
        if (HasFlag(DeadMask) || !HasFlag(Suspended)) return;
        ClearFlag(Suspended);
        if (resume.ResumeChildren || _extras?.FailedByEscalation == true)
        {
            // Resumed after an escalation: children that failed below us were waiting on our decision.
            foreach (var child in ChildCells()) child.PostSystem(Resume.Plain);
        }
        if (_extras is not null)
        {
            _extras.FailedMessage = null;
            _extras.FailedByEscalation = false;
        }
        ContinueAfterPark();
    }

    private void HandleRecreate(Exception cause)
    {
        if (HasFlag(DeadMask)) return;
        var extras = Extras;
        var old = _actor;
        if (old is not null)
        {
            var saved = SaveTurn(_host.Scheduler);
            SetTurn(_host.Scheduler, this, null, null);
            try
            {
                old.InvokePreRestart(cause, extras.FailedMessage);
            }
            catch (Exception e)
            {
                PublishError(e, "PreRestart");
            }
            finally
            {
                RestoreTurn(_host.Scheduler, saved);
            }
        }
        extras.Timers?.CancelAll();
        extras.Timers = null;
        extras.BehaviorStack = null;
        if (extras.Stash is { Count: > 0 } stash)
        {
            // Like Akka's stash on restart: stashed messages go back to the front of the mailbox.
            extras.PrependPending(stash);
            stash.Clear();
            SetFlag(HasPending);
        }
        extras.FailedMessage = null;
        extras.FailedByEscalation = false;
        extras.RecreateCause = cause;
        _actor = null;
        _apart = false;
        if (AnyChildStopping())
        {
            // A new instance may re-create children with the same names: wait until the old ones are gone.
            SetFlag(RecreatePending);
            return;
        }
        FinishRecreate();
    }

    private void FinishRecreate()
    {
        var extras = Extras;
        var cause = extras.RecreateCause ?? new InvalidOperationException("restart");
        extras.RecreateCause = null;
        ClearFlag(RecreatePending);
        var saved = SaveTurn(_host.Scheduler);
        SetTurn(_host.Scheduler, this, null, null);
        try
        {
            if (!TryNewInstance()) return;
            try
            {
                _actor!.InvokePostRestart(cause);
            }
            catch (Exception e)
            {
                HandleInvokeFailure(new ActorInitializationException(this, e), null);
                return;
            }
        }
        finally
        {
            RestoreTurn(_host.Scheduler, saved);
        }
        ClearFlag(Suspended);
        ContinueAfterPark();
    }

    /// <summary>After a resume or restart, messages parked meanwhile get processed (before newer ones).</summary>
    private void ContinueAfterPark()
    {
        if (!_host.Scheduler.Virtual)
        {
            Mailbox.Schedule();
            return;
        }
        if (HasFlag(HasPending)) PostSystem(DrainPending.Instance);
    }
}
