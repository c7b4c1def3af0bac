using System.Globalization;
using System.Text.Json.Nodes;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet.Status;

namespace ActorPods.Node.Kubelet;

/// <summary>The heartbeats' timers (the lease itself: KubeletActor.Lease.cs), the periodic node status report
/// (kubelet_node_status.go), and the connection state the api-server's answers keep.</summary>
public sealed partial class KubeletActor
{
    private void StartHeartbeat()
    {
        Timers.StartPeriodicTimer("lease", RenewLease.Instance, LeaseRenewInterval);
        Timers.StartPeriodicTimer("node-status", UpdateNodeStatus.Instance, NodeStatusUpdateFrequency);
    }

    private bool _connected = true;

    private void ConnectionLost() => _connected = false;

    /// <summary>The api-server answers again after a broken connection: re-open the watches, re-post node status, resync pod statuses.</summary>
    private void ApiAnswered()
    {
        if (_connected) return;
        _connected = true;
        RewatchEverything();
        RefreshNodeStatus();
        _statusManager.Tell(SyncPodStatuses.Instance);
    }

    /// <summary>
    /// Every nodeStatusUpdateFrequency the kubelet reads its Node and PATCHes the status when it differs from what it
    /// would report, or when nodeStatusReportFrequency (5 m) has passed (kubelet_node_status.go tryUpdateNodeStatus /
    /// nodeStatusHasChanged). Its own conditions never change here (no pressure is simulated), so a difference means
    /// someone else wrote them — the node lifecycle controller's Ready=Unknown while this kubelet was paused or cut
    /// off — and the next tick sets them back.
    /// </summary>
    private void ReportNodeStatus(bool force)
    {
        var now = Context.Now;
        if (force || now - _lastNodeReport >= NodeStatusReportFrequency)
        {
            _lastNodeReport = now;
            PatchNodeConditions(type => _transitions.GetValueOrDefault(type, _bootedAt));
            return;
        }
        AskInto<ObjectResult>(new Get("Node", null, _config.Name), (r, _) => new NodeFetched(r, OnlyIfChanged: true));
    }

    /// <summary>
    /// After the kubelet was away (partition, restart): read the Node first, as the kubelet's setters work from the
    /// api-server's copy — a condition someone else changed meanwhile (Ready=Unknown from the node lifecycle
    /// controller) gets a new lastTransitionTime when the kubelet sets it back; the others keep theirs.
    /// </summary>
    private void RefreshNodeStatus()
    {
        _lastNodeReport = Context.Now;
        AskInto<ObjectResult>(new Get("Node", null, _config.Name), (r, _) => new NodeFetched(r));
    }

    private void OnNodeFetched(NodeFetched m)
    {
        // Only read: the shared snapshot, no copy.
        if (m.Result is not { IsSuccess: true, ReadOnlyObject: Api.Model.Node node }) return;
        var now = Context.Now;
        if (m.OnlyIfChanged && HasHealthyConditions(node)) return;
        if (m.OnlyIfChanged) _lastNodeReport = now;
        PatchNodeConditions(type =>
        {
            var theirs = node.Status?.Conditions?.FirstOrDefault(c => c.Type == type);
            var mine = NodeActor.HealthyConditions(now, null).First(c => c.Type == type);
            return theirs is { LastTransitionTime: { } t } && theirs.Status == mine.Status ? t : now;
        });
    }

    /// <summary>Whether the Node's conditions have the statuses this kubelet reports (nodeStatusHasChanged compares those).</summary>
    private static bool HasHealthyConditions(Api.Model.Node node)
    {
        // Every 10 s on every node: no list of the conditions is built to compare them.
        if (node.Status?.Conditions is not { } theirs) return false;
        foreach (var (type, status) in NodeActor.HealthyConditionStatuses)
        {
            var found = false;
            foreach (var c in theirs)
            {
                if (c.Type != type) continue;
                found = c.Status == status;
                break;
            }
            if (!found) return false;
        }
        return true;
    }

    private readonly Dictionary<string, DateTimeOffset> _transitions = new(StringComparer.Ordinal);

    private void PatchNodeConditions(Func<string, DateTimeOffset> transition)
    {
        var now = Context.Now;
        var conditions = new JsonArray();
        foreach (var c in NodeActor.HealthyConditions(now, null))
            conditions.Add(new JsonObject
            {
                ["type"] = c.Type, ["status"] = c.Status,
                ["lastHeartbeatTime"] = Rfc3339(now), ["reason"] = c.Reason, ["message"] = c.Message,
                // A merge patch replaces lists, so lastTransitionTime must be carried over.
                ["lastTransitionTime"] = Rfc3339(_transitions[c.Type!] = transition(c.Type!)),
            });
        var patch = new JsonObject { ["status"] = new JsonObject { ["conditions"] = conditions } };
        _api.Tell(new Patch("Node", null, _config.Name, patch.ToJsonString(), "status"), Self);
    }

    private static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
