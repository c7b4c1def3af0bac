using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using static ActorPods.ControlPlane.Controllers.Deployments.DeploymentMath;

namespace ActorPods.ControlPlane.Controllers.Deployments;

public sealed partial class DeploymentController
{
    /// <summary>calculateStatus (sync.go): counts summed over the sets, and Available by minimum availability.</summary>
    private DeploymentStatus CalculateStatus(SyncState s)
    {
        var d = s.D;
        var all = s.All;
        var available = AvailableReplicas(all);
        var status = new DeploymentStatus
        {
            ObservedGeneration = d.Metadata?.Generation,
            Replicas = StatusReplicas(all),
            UpdatedReplicas = StatusReplicas([s.NewRS]),
            ReadyReplicas = ReadyReplicas(all),
            AvailableReplicas = available,
            UnavailableReplicas = Math.Max(0, SpecReplicas(all) - available),
            CollisionCount = d.Status?.CollisionCount,
            Conditions = d.Status?.Conditions?.Select(ModelCloner.Clone).ToList(),
        };
        if (available >= Replicas(d) - MaxUnavailable(d))
            SetCondition(status, NewCondition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."));
        else
            SetCondition(status, NewCondition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."));
        return status;
    }

    /// <summary>syncRolloutStatus (progress.go): the Progressing condition, then the write, then a wake-up at the progress deadline.</summary>
    private void SyncRolloutStatus(SyncState s)
    {
        var d = s.D;
        var status = CalculateStatus(s);
        var hasDeadline = d.Spec?.ProgressDeadlineSeconds is not null;
        if (!hasDeadline) status.Conditions?.RemoveAll(c => c.Type == "Progressing");
        var current = Condition(d.Status!, "Progressing");
        var isComplete = status.Replicas == status.UpdatedReplicas && current?.Reason == "NewReplicaSetAvailable";
        var rsName = s.NewRS?.Metadata?.Name;
        if (hasDeadline && !isComplete)
        {
            if (IsComplete(d, status))
            {
                SetCondition(status, NewCondition("Progressing", "True", "NewReplicaSetAvailable",
                    rsName is null ? $"Deployment \"{d.Metadata?.Name}\" has successfully progressed." : $"ReplicaSet \"{rsName}\" has successfully progressed."));
            }
            else if (IsProgressing(d.Status!, status))
            {
                // Progress moves lastUpdateTime even with the same reason; lastTransitionTime stays while it is True.
                var condition = NewCondition("Progressing", "True", "ReplicaSetUpdated",
                    rsName is null ? $"Deployment \"{d.Metadata?.Name}\" is progressing." : $"ReplicaSet \"{rsName}\" is progressing.");
                if (current is { Status: "True" }) condition.LastTransitionTime = current.LastTransitionTime;
                status.Conditions?.RemoveAll(c => c.Type == "Progressing");
                SetCondition(status, condition);
            }
            else if (TimedOut(d, status))
            {
                SetCondition(status, NewCondition("Progressing", "False", "ProgressDeadlineExceeded",
                    rsName is null ? $"Deployment \"{d.Metadata?.Name}\" has timed out progressing." : $"ReplicaSet \"{rsName}\" has timed out progressing."));
            }
        }
        WriteStatus(s, status);
        RequeueStuck(s, status);
    }

    /// <summary>DeploymentTimedOut: the last progress is older than progressDeadlineSeconds.</summary>
    private bool TimedOut(Deployment d, DeploymentStatus status)
    {
        var c = Condition(status, "Progressing");
        if (c is null || c.Reason == "NewReplicaSetAvailable") return false;
        if (c.Reason == "ProgressDeadlineExceeded") return true;
        return c.LastUpdateTime is { } from && from.AddSeconds(d.Spec!.ProgressDeadlineSeconds!.Value) < Now;
    }

    /// <summary>requeueStuckDeployment: wake up when the progress deadline would pass.</summary>
    private void RequeueStuck(SyncState s, DeploymentStatus status)
    {
        var d = s.D;
        if (d.Spec?.ProgressDeadlineSeconds is not { } deadline) return;
        var c = Condition(status, "Progressing");
        if (c is null || c.Reason is "NewReplicaSetAvailable" or "ProgressDeadlineExceeded" || IsComplete(d, status)) return;
        var at = (c.LastUpdateTime ?? Now).AddSeconds(deadline);
        EnqueueAfter(s.Key, at - Now + TimeSpan.FromMilliseconds(1));
    }

    /// <summary>
    /// Writes the deployment: its metadata first when the revision annotation changed (the api-server's status
    /// subresource keeps metadata), then the status if it differs from what was read.
    /// </summary>
    private void WriteStatus(SyncState s, DeploymentStatus status)
    {
        var d = s.D;
        if (s.MetadataChanged)
        {
            var main = d.DeepClone();
            Send(new Update(main), r =>
            {
                if (!r.IsSuccess || StatusEqual(((Deployment)r.Object!).Status, status)) return;
                var next = (Deployment)r.Object!;
                next.Status = status;
                Send(new Update(next, "status"));
            });
            return;
        }
        if (StatusEqual(s.Original, status)) return;
        var copy = d.DeepClone();
        copy.Status = status;
        Send(new Update(copy, "status"));
    }

    private static bool StatusEqual(DeploymentStatus? a, DeploymentStatus b) =>
        a is not null && System.Text.Json.JsonSerializer.Serialize(a, ActorPods.Api.Serialization.KubeJson.Options)
        == System.Text.Json.JsonSerializer.Serialize(b, ActorPods.Api.Serialization.KubeJson.Options);

    private static DeploymentCondition? Condition(DeploymentStatus status, string type) => status.Conditions?.FirstOrDefault(c => c.Type == type);

    private DeploymentCondition NewCondition(string type, string status, string reason, string message) => new()
    {
        Type = type, Status = status, Reason = reason, Message = message, LastUpdateTime = Now, LastTransitionTime = Now,
    };

    /// <summary>SetDeploymentCondition: same status and reason changes nothing; same status keeps lastTransitionTime.</summary>
    private static void SetCondition(DeploymentStatus status, DeploymentCondition condition)
    {
        status.Conditions ??= [];
        var current = status.Conditions.FirstOrDefault(c => c.Type == condition.Type);
        if (current is not null && current.Status == condition.Status && current.Reason == condition.Reason) return;
        if (current is not null && current.Status == condition.Status) condition.LastTransitionTime = current.LastTransitionTime;
        status.Conditions.RemoveAll(c => c.Type == condition.Type);
        status.Conditions.Add(condition);
    }
}
