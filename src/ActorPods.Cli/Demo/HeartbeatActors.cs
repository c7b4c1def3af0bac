using ActorPods.Actors;

namespace ActorPods.Cli.Demo;

internal sealed record Heartbeat(string Node, int Sequence);

/// <summary>Lives on a node host; sends a heartbeat to the monitor every 10 s, like a kubelet renewing its lease.</summary>
internal sealed class HeartbeatSender : Actor
{
    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private int _sequence;

    public HeartbeatSender(string node, IActorRef monitor)
    {
        Receive<Tick>(_ => monitor.Tell(new Heartbeat(node, ++_sequence)));
    }

    protected override void PreStart() => Timers.StartPeriodicTimer("heartbeat", Tick.Instance, TimeSpan.FromSeconds(10));
}

/// <summary>Lives on the control plane; every 5 s it marks nodes unheard-of for 40 s as unreachable (a node-lifecycle controller in miniature).</summary>
internal sealed class HeartbeatMonitor : Actor
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(40);

    private sealed record Check
    {
        public static readonly Check Instance = new();
    }

    private readonly SortedDictionary<string, (TimeSpan LastSeen, bool Reachable)> _nodes = new(StringComparer.Ordinal);

    public HeartbeatMonitor(TextWriter output)
    {
        Receive<Heartbeat>(h =>
        {
            var now = Context.Elapsed;
            var known = _nodes.TryGetValue(h.Node, out var state);
            if (!known) output.WriteLine($"[{DemoCommand.Stamp(now)}] monitor: {h.Node} registered (heartbeat #{h.Sequence})");
            else if (!state.Reachable) output.WriteLine($"[{DemoCommand.Stamp(now)}] monitor: {h.Node} reachable again (heartbeat #{h.Sequence})");
            _nodes[h.Node] = (now, true);
        });
        Receive<Check>(_ =>
        {
            var now = Context.Elapsed;
            foreach (var (node, state) in _nodes.ToArray())
            {
                if (!state.Reachable || now - state.LastSeen <= Grace) continue;
                _nodes[node] = state with { Reachable = false };
                output.WriteLine($"[{DemoCommand.Stamp(now)}] monitor: {node} unreachable (last heartbeat {(now - state.LastSeen).TotalSeconds:0.0}s ago)");
            }
        });
    }

    protected override void PreStart() => Timers.StartPeriodicTimer("check", Check.Instance, TimeSpan.FromSeconds(5));
}
