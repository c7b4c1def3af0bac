using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.Controllers.Deployments;

/// <summary>
/// What `kubectl rollout status deployment/&lt;name&gt;` prints for one observation of the deployment
/// (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go, DeploymentStatusViewer.Status).
/// </summary>
public static class RolloutStatus
{
    /// <param name="Message">The line printed (with its trailing newline), or null when the rollout failed.</param>
    /// <param name="Done">True when the rollout finished.</param>
    /// <param name="Error">The error kubectl exits with, e.g. a progress deadline exceeded.</param>
    public sealed record Result(string? Message, bool Done, string? Error);

    public static Result Of(Deployment deployment)
    {
        var name = deployment.Metadata?.Name;
        var status = deployment.Status ?? new DeploymentStatus();
        if ((deployment.Metadata?.Generation ?? 0) > (status.ObservedGeneration ?? 0))
            return new("Waiting for deployment spec update to be observed...\n", false, null);
        if (status.Conditions?.FirstOrDefault(c => c.Type == "Progressing") is { Reason: "ProgressDeadlineExceeded" })
            return new(null, false, $"deployment \"{name}\" exceeded its progress deadline");
        var updated = status.UpdatedReplicas ?? 0;
        if (deployment.Spec?.Replicas is { } replicas && updated < replicas)
            return new($"Waiting for deployment \"{name}\" rollout to finish: {updated} out of {replicas} new replicas have been updated...\n", false, null);
        var total = status.Replicas ?? 0;
        if (total > updated)
            return new($"Waiting for deployment \"{name}\" rollout to finish: {total - updated} old replicas are pending termination...\n", false, null);
        var available = status.AvailableReplicas ?? 0;
        if (available < updated)
            return new($"Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available...\n", false, null);
        return new($"deployment \"{name}\" successfully rolled out\n", true, null);
    }
}
