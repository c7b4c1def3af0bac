using System.Globalization;
using System.Text.Json.Nodes;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Kubelet;

/// <summary>Node lease renewal (pkg/kubelet/nodelease) and the periodic node status report (kubelet_node_status.go).</summary>
public sealed partial class KubeletActor
{
    private void CreateLease()
    {
        var lease = new Lease
        {
            ApiVersion = "coordination.k8s.io/v1",
            Kind = "Lease",
            Metadata = new ObjectMeta
            {
                Name = _config.Name,
                Namespace = "kube-node-lease",
            },
            Spec = new LeaseSpec { HolderIdentity = _config.Name, LeaseDurationSeconds = LeaseDurationSeconds, RenewTime = Context.Now },
        };
        _api.Tell(new Create(lease), Self);
    }

    private void Renew()
    {
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["holderIdentity"] = _config.Name,
                ["leaseDurationSeconds"] = LeaseDurationSeconds,
                ["renewTime"] = MicroTime(Context.Now),
            },
        };
        _api.Tell(new Patch("Lease", "kube-node-lease", _config.Name, patch.ToJsonString()), Self);
    }

    /// <summary>Conditions never change here (no pressure is simulated), so the status is re-reported every 5 minutes.</summary>
    private void ReportNodeStatus(bool force)
    {
        var now = Context.Now;
        if (!force && now - _lastNodeReport < NodeStatusReportFrequency) return;
        _lastNodeReport = now;
        var conditions = new JsonArray();
        foreach (var c in NodeActor.HealthyConditions(now, null))
            conditions.Add(new JsonObject
            {
                ["type"] = c.Type, ["status"] = c.Status,
                ["lastHeartbeatTime"] = Rfc3339(now), ["reason"] = c.Reason, ["message"] = c.Message,
            });
        // A merge patch replaces lists, so lastTransitionTime must be carried over: the kubelet keeps it unchanged.
        foreach (var c in conditions) c!["lastTransitionTime"] = Rfc3339(_bootedAt);
        var patch = new JsonObject { ["status"] = new JsonObject { ["conditions"] = conditions } };
        _api.Tell(new Patch("Node", null, _config.Name, patch.ToJsonString(), "status"), Self);
    }

    private static string MicroTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
