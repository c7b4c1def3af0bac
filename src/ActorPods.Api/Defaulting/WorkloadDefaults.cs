using ActorPods.Api.Model;

namespace ActorPods.Api.Defaulting;

/// <summary>
/// Deployment and ReplicaSet defaults (pkg/apis/apps/v1/defaults.go) and ReplicationController defaults
/// (pkg/apis/core/v1/defaults.go), plus the PodSpec defaults of their templates.
/// </summary>
public static class WorkloadDefaults
{
    /// <summary>SetDefaults_Deployment: replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600.</summary>
    public static void Apply(Deployment d)
    {
        var spec = d.Spec ??= new DeploymentSpec();
        spec.Replicas ??= 1;
        var strategy = spec.Strategy ??= new DeploymentStrategy();
        if (string.IsNullOrEmpty(strategy.Type)) strategy.Type = "RollingUpdate";
        if (strategy.Type == "RollingUpdate")
        {
            var rollingUpdate = strategy.RollingUpdate ??= new RollingUpdateDeployment();
            rollingUpdate.MaxUnavailable ??= IntOrString.FromString("25%");
            rollingUpdate.MaxSurge ??= IntOrString.FromString("25%");
        }
        spec.RevisionHistoryLimit ??= 10;
        spec.ProgressDeadlineSeconds ??= 600;
        ApplyTemplate(spec.Template);
    }

    /// <summary>SetDefaults_ReplicaSet: replicas 1.</summary>
    public static void Apply(ReplicaSet rs)
    {
        var spec = rs.Spec ??= new ReplicaSetSpec();
        spec.Replicas ??= 1;
        ApplyTemplate(spec.Template);
    }

    /// <summary>SetDefaults_ReplicationController: selector and labels from the template's labels when empty; replicas 1.</summary>
    public static void Apply(ReplicationController rc)
    {
        var spec = rc.Spec ??= new ReplicationControllerSpec();
        if (spec.Template?.Metadata?.Labels is { } labels)
        {
            if ((spec.Selector?.Count ?? 0) == 0) spec.Selector = new Dictionary<string, string>(labels);
            if ((rc.Metadata?.Labels?.Count ?? 0) == 0) rc.Meta.Labels = new Dictionary<string, string>(labels);
        }
        spec.Replicas ??= 1;
        ApplyTemplate(spec.Template);
    }

    private static void ApplyTemplate(PodTemplateSpec? template)
    {
        if (template?.Spec is { } spec) PodSpecDefaults.Apply(spec);
    }
}
