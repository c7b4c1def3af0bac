using ActorPods.Api.Model;

namespace ActorPods.Api.Defaulting;

/// <summary>
/// The ServiceAccount admission plug-in (plugin/pkg/admission/serviceaccount/admission.go) as of 1.32, where bound
/// token volumes are the only kind: serviceAccountName "default", and unless automounting is turned off, a
/// projected "kube-api-access-xxxxx" volume (token, kube-root-ca.crt, namespace) mounted read-only at
/// /var/run/secrets/kubernetes.io/serviceaccount in every container that does not mount something there already.
/// Mirror (static) pods are left alone. The service account is assumed to exist and to allow automounting.
/// </summary>
public static class ServiceAccountAdmission
{
    public const string DefaultServiceAccountName = "default";
    public const string TokenMountPath = "/var/run/secrets/kubernetes.io/serviceaccount"; // DefaultAPITokenMountPath
    private const string VolumeNamePrefix = "kube-api-access-"; // ServiceAccountVolumeName + "-"
    private const long WarnOnlyBoundTokenExpirationSeconds = 3607; // pkg/serviceaccount: one hour and seven seconds

    public static void Apply(Pod pod, Random random)
    {
        var spec = pod.Spec ??= new PodSpec();
        if (pod.Metadata?.Annotations?.ContainsKey("kubernetes.io/config.mirror") == true) return;
        if (string.IsNullOrEmpty(spec.ServiceAccountName)) spec.ServiceAccountName = DefaultServiceAccountName;
        // The deprecated serviceAccount field mirrors serviceAccountName in v1 (pkg/apis/core/v1/conversion.go).
        spec.ServiceAccount ??= spec.ServiceAccountName;
        if (spec.AutomountServiceAccountToken == false) return;

        var existing = spec.Volumes?.FirstOrDefault(v => v.Name?.StartsWith(VolumeNamePrefix, StringComparison.Ordinal) == true);
        var volumeName = existing?.Name ?? NameGenerator.Generate(VolumeNamePrefix, random);
        var needsVolume = false;
        foreach (var c in (spec.InitContainers ?? []).Concat(spec.Containers ?? []))
        {
            if (c.VolumeMounts?.Any(m => m.MountPath == TokenMountPath) == true) continue;
            (c.VolumeMounts ??= []).Add(new VolumeMount { Name = volumeName, ReadOnly = true, MountPath = TokenMountPath });
            needsVolume = true;
        }
        if (existing is null && needsVolume) (spec.Volumes ??= []).Add(TokenVolume(volumeName));
    }

    /// <summary>TokenVolumeSource: the bound token, the cluster CA and the namespace.</summary>
    private static Volume TokenVolume(string name) => new()
    {
        Name = name,
        Projected = new ProjectedVolumeSource
        {
            Sources =
            [
                new VolumeProjection { ServiceAccountToken = new ServiceAccountTokenProjection { Path = "token", ExpirationSeconds = WarnOnlyBoundTokenExpirationSeconds } },
                new VolumeProjection { ConfigMap = new ConfigMapProjection { Name = "kube-root-ca.crt", Items = [new KeyToPath { Key = "ca.crt", Path = "ca.crt" }] } },
                new VolumeProjection
                {
                    DownwardAPI = new DownwardApiProjection
                    {
                        Items = [new DownwardApiVolumeFile { Path = "namespace", FieldRef = new ObjectFieldSelector { ApiVersion = "v1", FieldPath = "metadata.namespace" } }],
                    },
                },
            ],
        },
    };
}
