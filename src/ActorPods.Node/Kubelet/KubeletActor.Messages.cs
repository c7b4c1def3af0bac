namespace ActorPods.Node.Kubelet;

internal sealed record RenewLease
{
    public static readonly RenewLease Instance = new();
}

internal sealed record UpdateNodeStatus
{
    public static readonly UpdateNodeStatus Instance = new();
}

internal sealed record LeaseRenewAnswered(ActorPods.ControlPlane.ApiServer.ObjectResult? Result);

internal sealed record NodeFetched(ActorPods.ControlPlane.ApiServer.ObjectResult? Result, bool OnlyIfChanged = false);
