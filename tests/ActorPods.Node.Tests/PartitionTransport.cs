using ActorPods.Actors.Transport;

namespace ActorPods.Node.Tests;

/// <summary>A network partition around one host: while on, every message to or from it is dropped.</summary>
public sealed class PartitionTransport(string host) : ITransport
{
    public bool Partitioned { get; set; }

    public int Dropped { get; private set; }

    public TransportVerdict Route(in TransportMessage message)
    {
        if (!Partitioned || (message.FromHost != host && message.ToHost != host)) return TransportVerdict.Now;
        Dropped++;
        return TransportVerdict.Drop("partitioned");
    }
}

/// <summary>A node spec whose node host can be cut off from the api-server's host.</summary>
public abstract class PartitionedNodeSpec : NodeSpec
{
    protected readonly PartitionTransport Network = new(NodeName);

    protected PartitionedNodeSpec(int? watchHistory = null) : base(watchHistoryPerKind: watchHistory) => Sys.Transport = Network;

    protected static Api.Model.Pod Sleeper(string name) => PodOf($"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
          terminationGracePeriodSeconds: 5
          containers:
          - name: app
            image: busybox:1.36
            command: ["sh", "-c", "sleep 3600"]
        """);
}
