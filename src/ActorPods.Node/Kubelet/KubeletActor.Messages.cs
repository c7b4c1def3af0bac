namespace ActorPods.Node.Kubelet;

internal sealed record RenewLease
{
    public static readonly RenewLease Instance = new();
}

internal sealed record UpdateNodeStatus
{
    public static readonly UpdateNodeStatus Instance = new();
}

/// <summary>Which request of a lease sync an answer is for (see KubeletActor.Lease.cs).</summary>
internal enum LeaseStep
{
    Update,
    OwnerForUpdate,
    EnsureGet,
    OwnerForCreate,
    Create,
}

/// <summary>The answer to one request of lease sync <paramref name="SyncId"/>; a null result is a request that got none.</summary>
internal sealed record LeaseRequestAnswered(long SyncId, LeaseStep Step, ActorPods.ControlPlane.ApiServer.ObjectResult? Result);

/// <summary>backoffEnsureLease's sleep is over: GET the lease again.</summary>
internal sealed record RetryEnsureLease(long SyncId);

internal sealed record NodeFetched(ActorPods.ControlPlane.ApiServer.ObjectResult? Result, bool OnlyIfChanged = false);
