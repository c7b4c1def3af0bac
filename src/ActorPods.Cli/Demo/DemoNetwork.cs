using ActorPods.Actors;
using ActorPods.Actors.Transport;

namespace ActorPods.Cli.Demo;

/// <summary>A tiny network for the demo: 1–20 ms of seeded latency per message, and hosts that can be cut off.</summary>
internal sealed class DemoNetwork(ActorSystem system) : ITransport
{
    private volatile string[] _partitioned = [];

    public void Partition(string host) => _partitioned = [.. _partitioned, host];

    public void Heal(string host) => _partitioned = _partitioned.Where(h => h != host).ToArray();

    public TransportVerdict Route(in TransportMessage message)
    {
        var cut = _partitioned;
        if (cut.Contains(message.FromHost) || cut.Contains(message.ToHost)) return TransportVerdict.Drop("partitioned");
        return TransportVerdict.DeliverAfter(TimeSpan.FromMilliseconds(1 + system.Random.Next(20)));
    }
}
