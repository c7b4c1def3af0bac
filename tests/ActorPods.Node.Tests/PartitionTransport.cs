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
