using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Sim.Trace;

/// <summary>
/// The cluster side of the trace: a `node` record whenever a node's Ready condition, spec.unschedulable or taints
/// change (not on every heartbeat), and an `endpoints` record whenever a Service's ready or not-ready addresses change.
/// Both come from the recorder's watches on the api-server, so they appear in the order the api-server committed them.
/// </summary>
public sealed partial class TraceRecorder
{
    private readonly Dictionary<string, NodeSnapshot> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), EndpointsSnapshot> _endpoints = new();

    private void OnNode(WatchEventType type, Api.Model.Node node)
    {
        var name = node.Metadata?.Name ?? "";
        if (type == WatchEventType.Deleted)
        {
            _nodes.Remove(name);
            return;
        }
        var snapshot = NodeSnapshot.Of(node);
        if (_nodes.TryGetValue(name, out var before) && before.Equals(snapshot)) return;
        _nodes[name] = snapshot;
        Publish("node", new TraceFields()
            .Add("name", name).Add("ready", snapshot.Ready).Add("unschedulable", snapshot.Unschedulable)
            .Add("taints", snapshot.TaintList));
    }

    private void OnEndpoints(WatchEventType type, Endpoints endpoints)
    {
        var ns = endpoints.Metadata?.Namespace ?? "default";
        var name = endpoints.Metadata?.Name ?? "";
        var key = (ns, name);
        // A deleted Endpoints object (its Service went away) reads as no addresses at all.
        var snapshot = type == WatchEventType.Deleted ? EndpointsSnapshot.Empty : EndpointsSnapshot.Of(endpoints);
        if (_endpoints.TryGetValue(key, out var before) ? before.Equals(snapshot) : type == WatchEventType.Deleted) return;
        if (type == WatchEventType.Deleted) _endpoints.Remove(key);
        else _endpoints[key] = snapshot;
        Publish("endpoints", new TraceFields()
            .Add("ns", ns).Add("name", name).Add("ready", snapshot.ReadyList).Add("notReady", snapshot.NotReadyList));
    }

    private sealed record NodeSnapshot(string Ready, bool Unschedulable, string Taints)
    {
        public IReadOnlyList<string> TaintList => Taints.Length == 0 ? [] : Taints.Split('\n');

        public static NodeSnapshot Of(Api.Model.Node node)
        {
            // kubectl shows Unknown for a node without a Ready condition (a node that never reported).
            var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status ?? "Unknown";
            // Spec order, as kubectl describe node lists them.
            var taints = string.Join("\n", (node.Spec?.Taints ?? []).Select(Format));
            return new NodeSnapshot(ready, node.Spec?.Unschedulable == true, taints);
        }

        /// <summary>Taint.ToString of k8s.io/api/core/v1/taint.go: key=value:Effect, key:Effect without a value.</summary>
        private static string Format(Taint t) => (t.Value, t.Effect) switch
        {
            ({ Length: > 0 } v, { Length: > 0 } e) => $"{t.Key}={v}:{e}",
            (_, { Length: > 0 } e) => $"{t.Key}:{e}",
            ({ Length: > 0 } v, _) => $"{t.Key}={v}:",
            _ => t.Key ?? "",
        };
    }

    /// <summary>Addresses as IPs, each list sorted (ordinal) so the record does not depend on subset packing.</summary>
    private sealed record EndpointsSnapshot(string Ready, string NotReady)
    {
        public static readonly EndpointsSnapshot Empty = new("", "");

        public IReadOnlyList<string> ReadyList => Ready.Length == 0 ? [] : Ready.Split(',');

        public IReadOnlyList<string> NotReadyList => NotReady.Length == 0 ? [] : NotReady.Split(',');

        public static EndpointsSnapshot Of(Endpoints endpoints)
        {
            var subsets = endpoints.Subsets ?? [];
            static string Join(IEnumerable<EndpointAddress> addresses) =>
                string.Join(",", addresses.Select(a => a.Ip).OfType<string>().Distinct().Order(StringComparer.Ordinal));
            return new EndpointsSnapshot(Join(subsets.SelectMany(s => s.Addresses ?? [])),
                Join(subsets.SelectMany(s => s.NotReadyAddresses ?? [])));
        }
    }
}
