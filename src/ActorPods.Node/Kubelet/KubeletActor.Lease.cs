using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Kubelet;

/// <summary>
/// The node lease controller (component-helpers/apimachinery/lease/controller.go, run by the kubelet with the node's
/// name, leaseDurationSeconds 40 and a 10 s renew interval). One sync at a time, each a chain of requests answered
/// into this actor (one request in flight, as the controller's goroutine blocks on each):
/// <list type="bullet">
/// <item>with a lease from before, <c>retryUpdateLease</c>: an Update of that lease with a new renewTime (its
/// resourceVersion makes it conditional), up to five immediate attempts; a Conflict fetches the lease again first
/// (<c>backoffEnsureLease</c>); after five failures, <c>backoffEnsureLease</c> and, if that did not create the lease,
/// five more updates;</item>
/// <item>without one (a kubelet that just started), <c>backoffEnsureLease</c>: GET the lease, and on NotFound create it;
/// on any other error sleep 200 ms doubling to 7 s and try again, for as long as it takes.</item>
/// </list>
/// Every lease it writes is owned by its Node (pkg/kubelet/util/nodelease.go SetNodeOwnerFunc: the Node's uid, read
/// with a GET whenever the lease has no owner yet), so deleting the Node garbage-collects the lease. A lease that
/// cannot get its owner is not created this time (newLease's error blocks a Create, not an Update).
/// Any answer proves the api-server reachable (<see cref="ApiAnswered"/>); a request without one marks the connection
/// lost. Not modelled: the 4 % jitter of the interval (wait.JitterUntil), as the renew timer ticks on a fixed 10 s grid
/// and a tick during a sync is skipped.
/// </summary>
public sealed partial class KubeletActor
{
    private const int MaxLeaseUpdateRetries = 5;
    private static readonly TimeSpan LeaseEnsureFirstSleep = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LeaseMaxBackoff = TimeSpan.FromSeconds(7);

    // latestLease: what the last Update or Create returned (the api-server's snapshot, only read).
    private Lease? _latestLease;
    // The sync under way, if any; answers of an older one (before a kubelet restart) are dropped.
    private LeaseSync? _leaseSync;
    private long _leaseSyncs;

    /// <summary>One sync's state: where its chain of requests stands.</summary>
    private sealed class LeaseSync(long id)
    {
        public long Id { get; } = id;
        // retryUpdateLease: the base of the next Update, its attempt number, and whether it started from latestLease
        // (its failure falls back to backoffEnsureLease) or after one (its failure ends the sync).
        public Lease? UpdateBase;
        public int UpdateAttempt;
        public bool UpdatingFromLatest;
        // backoffEnsureLease: its sleep, and whether it was called for a Conflict inside retryUpdateLease.
        public TimeSpan EnsureSleep;
        public bool EnsuringForConflict;
    }

    /// <summary>A fresh kubelet process: no lease known yet, no sync under way.</summary>
    private void ResetLeaseController()
    {
        _latestLease = null;
        _leaseSync = null;
    }

    /// <summary>controller.sync, on every renew tick and when the kubelet starts.</summary>
    private void SyncLease()
    {
        if (_leaseSync is not null) return;
        var sync = _leaseSync = new LeaseSync(++_leaseSyncs);
        if (_latestLease is { } latest) BeginLeaseUpdates(sync, latest, fromLatest: true);
        else BeginEnsureLease(sync, forConflict: false);
    }

    private void EndLeaseSync() => _leaseSync = null;

    private void BeginLeaseUpdates(LeaseSync sync, Lease @base, bool fromLatest)
    {
        (sync.UpdateBase, sync.UpdateAttempt, sync.UpdatingFromLatest) = (@base, 0, fromLatest);
        SendLeaseUpdate(sync);
    }

    private void SendLeaseUpdate(LeaseSync sync)
    {
        var lease = NewLease(sync.UpdateBase);
        // newLeasePostProcessFunc: a lease without an owner gets its Node's first (an error leaves it without).
        if (lease.Metadata!.OwnerReferences is not { Count: > 0 }) AskLease(sync, new Get("Node", null, _config.Name), LeaseStep.OwnerForUpdate);
        else AskLease(sync, new Update(lease), LeaseStep.Update);
    }

    /// <summary>newLease: a copy of <paramref name="base"/> (or a new lease) with renewTime now.</summary>
    private Lease NewLease(Lease? @base, Api.Model.Node? owner = null)
    {
        var lease = @base is not null
            ? @base.DeepClone()
            : new Lease
            {
                ApiVersion = "coordination.k8s.io/v1",
                Kind = "Lease",
                Metadata = new ObjectMeta { Name = _config.Name, Namespace = "kube-node-lease" },
                Spec = new LeaseSpec { HolderIdentity = _config.Name, LeaseDurationSeconds = LeaseDurationSeconds },
            };
        lease.Spec ??= new LeaseSpec();
        lease.Spec.RenewTime = Context.Now;
        if (owner?.Metadata?.Uid is { } uid && lease.Metadata!.OwnerReferences is not { Count: > 0 })
            lease.Metadata.OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = _config.Name, Uid = uid }];
        return lease;
    }

    private void BeginEnsureLease(LeaseSync sync, bool forConflict)
    {
        (sync.EnsureSleep, sync.EnsuringForConflict) = (LeaseEnsureFirstSleep, forConflict);
        AskLease(sync, new Get("Lease", "kube-node-lease", _config.Name), LeaseStep.EnsureGet);
    }

    private void AskLease(LeaseSync sync, object request, LeaseStep step)
    {
        var id = sync.Id;
        AskInto<ObjectResult>(request, (r, _) => new LeaseRequestAnswered(id, step, r));
    }

    private void OnLeaseRequestAnswered(LeaseRequestAnswered m)
    {
        if (_leaseSync is not { } sync || sync.Id != m.SyncId) return;
        if (m.Result is null) ConnectionLost();
        else ApiAnswered();
        switch (m.Step)
        {
            case LeaseStep.Update: OnLeaseUpdated(sync, m.Result); break;
            case LeaseStep.OwnerForUpdate:
                AskLease(sync, new Update(NewLease(sync.UpdateBase, m.Result?.ReadOnlyObject as Api.Model.Node)), LeaseStep.Update);
                break;
            case LeaseStep.EnsureGet: OnEnsureGetAnswered(sync, m.Result); break;
            case LeaseStep.OwnerForCreate:
                if (m.Result is { IsSuccess: true, ReadOnlyObject: Api.Model.Node node }) AskLease(sync, new Create(NewLease(null, node)), LeaseStep.Create);
                // ensureLease returns (nil, false, nil): no lease this time, and nothing to update.
                else LeaseEnsured(sync, null, created: false);
                break;
            case LeaseStep.Create:
                if (m.Result is { IsSuccess: true, ReadOnlyObject: Lease created }) LeaseEnsured(sync, created, created: true);
                else SleepBeforeEnsuring(sync);
                break;
        }
    }

    private void OnLeaseUpdated(LeaseSync sync, ObjectResult? result)
    {
        if (result is { IsSuccess: true, ReadOnlyObject: Lease updated })
        {
            _latestLease = updated;
            EndLeaseSync();
            return;
        }
        // OptimisticLockError: the lease changed under us; fetch it and go on from there.
        if (result?.Error is { Code: 409 })
        {
            BeginEnsureLease(sync, forConflict: true);
            return;
        }
        // onRepeatedHeartbeatFailure (closing the connections) is what a lost answer already marks.
        NextLeaseUpdate(sync);
    }

    private void NextLeaseUpdate(LeaseSync sync)
    {
        if (++sync.UpdateAttempt < MaxLeaseUpdateRetries)
        {
            SendLeaseUpdate(sync);
            return;
        }
        // "failed 5 attempts to update lease": from latestLease, sync falls back to ensuring the lease; otherwise the
        // next tick tries again.
        if (sync.UpdatingFromLatest) BeginEnsureLease(sync, forConflict: false);
        else EndLeaseSync();
    }

    private void OnEnsureGetAnswered(LeaseSync sync, ObjectResult? result)
    {
        if (result is { IsSuccess: true, ReadOnlyObject: Lease existing }) LeaseEnsured(sync, existing, created: false);
        else if (result?.Error is { Code: 404 }) AskLease(sync, new Get("Node", null, _config.Name), LeaseStep.OwnerForCreate);
        else SleepBeforeEnsuring(sync);
    }

    private void SleepBeforeEnsuring(LeaseSync sync)
    {
        var doubled = sync.EnsureSleep * 2;
        sync.EnsureSleep = doubled < LeaseMaxBackoff ? doubled : LeaseMaxBackoff;
        Timers.StartSingleTimer("lease-retry", new RetryEnsureLease(sync.Id), sync.EnsureSleep);
    }

    private void OnRetryEnsureLease(RetryEnsureLease m)
    {
        if (_leaseSync is { } sync && sync.Id == m.SyncId) AskLease(sync, new Get("Lease", "kube-node-lease", _config.Name), LeaseStep.EnsureGet);
    }

    /// <summary>backoffEnsureLease returned.</summary>
    private void LeaseEnsured(LeaseSync sync, Lease? lease, bool created)
    {
        if (sync.EnsuringForConflict)
        {
            // retryUpdateLease goes on with the fetched lease as its base, as its next attempt.
            sync.EnsuringForConflict = false;
            sync.UpdateBase = lease;
            NextLeaseUpdate(sync);
            return;
        }
        _latestLease = lease;
        // A lease just created needs no update.
        if (!created && lease is not null) BeginLeaseUpdates(sync, lease, fromLatest: false);
        else EndLeaseSync();
    }
}
