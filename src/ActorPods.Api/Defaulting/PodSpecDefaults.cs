using ActorPods.Api.Model;

namespace ActorPods.Api.Defaulting;

/// <summary>
/// Defaults for a PodSpec wherever it appears (a Pod or a controller's template): the SetDefaults_* functions of
/// pkg/apis/core/v1/defaults.go that the generated RegisterDefaults (zz_generated.defaults.go) applies to every
/// nested PodSpec, Container, Probe, port and volume. Each default is set only when the field is absent.
/// </summary>
public static class PodSpecDefaults
{
    public static void Apply(PodSpec spec)
    {
        // SetDefaults_PodSpec (pkg/apis/core/v1/defaults.go).
        spec.DnsPolicy ??= "ClusterFirst";
        spec.RestartPolicy ??= "Always";
        spec.SecurityContext ??= new PodSecurityContext();
        spec.TerminationGracePeriodSeconds ??= 30; // v1.DefaultTerminationGracePeriodSeconds
        spec.SchedulerName ??= "default-scheduler"; // v1.DefaultSchedulerName

        ResourceListDefaults.Apply(spec.Overhead);
        foreach (var volume in spec.Volumes ?? []) ApplyVolume(volume);
        foreach (var c in spec.InitContainers ?? []) ApplyContainer(c);
        foreach (var c in spec.Containers ?? []) ApplyContainer(c);
        foreach (var e in spec.EphemeralContainers ?? []) ApplyEphemeralContainer(e);
    }

    /// <summary>SetDefaults_Container plus the nested ports, env, probes and lifecycle handlers.</summary>
    public static void ApplyContainer(Container c)
    {
        // SetDefaults_Container: the pull policy follows the image tag (pkg/apis/core/v1/defaults.go).
        c.ImagePullPolicy ??= ImageReference.DefaultPullPolicy(c.Image);
        c.TerminationMessagePath ??= "/dev/termination-log"; // v1.TerminationMessagePathDefault
        c.TerminationMessagePolicy ??= "File"; // v1.TerminationMessageReadFile
        // Not a default upstream but a non-pointer struct, which the api-server always returns as "resources: {}".
        c.Resources ??= new ResourceRequirements();
        ResourceListDefaults.Apply(c.Resources.Limits);
        ResourceListDefaults.Apply(c.Resources.Requests);
        ApplyPorts(c.Ports);
        ApplyEnv(c.Env);
        ApplyProbe(c.LivenessProbe);
        ApplyProbe(c.ReadinessProbe);
        ApplyProbe(c.StartupProbe);
        ApplyHandler(c.Lifecycle?.PostStart);
        ApplyHandler(c.Lifecycle?.PreStop);
    }

    /// <summary>SetDefaults_EphemeralContainer: the same as a container.</summary>
    private static void ApplyEphemeralContainer(EphemeralContainer e)
    {
        e.ImagePullPolicy ??= ImageReference.DefaultPullPolicy(e.Image);
        e.TerminationMessagePath ??= "/dev/termination-log";
        e.TerminationMessagePolicy ??= "File";
        ResourceListDefaults.Apply(e.Resources?.Limits);
        ResourceListDefaults.Apply(e.Resources?.Requests);
        ApplyPorts(e.Ports);
        ApplyEnv(e.Env);
    }

    private static void ApplyPorts(List<ContainerPortSpec>? ports)
    {
        // ContainerPort.Protocol is declared `+default="TCP"` in k8s.io/api/core/v1/types.go (zz_generated.defaults.go).
        foreach (var p in ports ?? []) p.Protocol ??= "TCP";
    }

    private static void ApplyEnv(List<EnvVar>? env)
    {
        // SetDefaults_ObjectFieldSelector: fieldRef.apiVersion "v1".
        foreach (var e in env ?? [])
            if (e.ValueFrom?.FieldRef is { } fieldRef) fieldRef.ApiVersion ??= "v1";
    }

    /// <summary>
    /// SetDefaults_Probe: timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3 (a 0 counts
    /// as unset, as in Go). initialDelaySeconds is the Go zero value 0, written out here so readers see it.
    /// </summary>
    public static void ApplyProbe(Probe? probe)
    {
        if (probe is null) return;
        if (probe.TimeoutSeconds is null or 0) probe.TimeoutSeconds = 1;
        if (probe.PeriodSeconds is null or 0) probe.PeriodSeconds = 10;
        if (probe.SuccessThreshold is null or 0) probe.SuccessThreshold = 1;
        if (probe.FailureThreshold is null or 0) probe.FailureThreshold = 3;
        probe.InitialDelaySeconds ??= 0;
        ApplyHttpGet(probe.HttpGet);
    }

    private static void ApplyHandler(LifecycleHandler? handler) => ApplyHttpGet(handler?.HttpGet);

    /// <summary>SetDefaults_HTTPGetAction: path "/", scheme HTTP.</summary>
    private static void ApplyHttpGet(HttpGetAction? http)
    {
        if (http is null) return;
        if (string.IsNullOrEmpty(http.Path)) http.Path = "/";
        if (string.IsNullOrEmpty(http.Scheme)) http.Scheme = "HTTP";
    }

    /// <summary>SetDefaults_Volume and the per-source defaults (file modes 0644 = 420, token expiry one hour).</summary>
    private static void ApplyVolume(Volume v)
    {
        // SetDefaults_Volume: a volume with no source is an emptyDir.
        if (v.EmptyDir is null && v.HostPath is null && v.ConfigMap is null && v.Secret is null && v.PersistentVolumeClaim is null
            && v.DownwardAPI is null && v.Projected is null && v.Nfs is null)
            v.EmptyDir = new EmptyDirVolumeSource();
        // SetDefaults_HostPathVolumeSource: type "" (HostPathUnset).
        if (v.HostPath is { } hostPath) hostPath.Type ??= "";
        // SetDefaults_SecretVolumeSource / ConfigMapVolumeSource / DownwardAPIVolumeSource / ProjectedVolumeSource: 0644.
        if (v.Secret is { } secret) secret.DefaultMode ??= 420;
        if (v.ConfigMap is { } configMap) configMap.DefaultMode ??= 420;
        if (v.DownwardAPI is { } downward)
        {
            downward.DefaultMode ??= 420;
            foreach (var item in downward.Items ?? []) ApplyFieldSelector(item.FieldRef);
        }
        if (v.Projected is { } projected)
        {
            projected.DefaultMode ??= 420;
            foreach (var source in projected.Sources ?? [])
            {
                // SetDefaults_ServiceAccountTokenProjection: one hour.
                if (source.ServiceAccountToken is { } token) token.ExpirationSeconds ??= 3600;
                foreach (var item in source.DownwardAPI?.Items ?? []) ApplyFieldSelector(item.FieldRef);
            }
        }
    }

    private static void ApplyFieldSelector(ObjectFieldSelector? selector)
    {
        if (selector is not null) selector.ApiVersion ??= "v1";
    }
}
