using ActorPods.Api.Model;
using static ActorPods.Api.Printing.Describe.DescribeWriter;

namespace ActorPods.Api.Printing.Describe;

// describe.go describeVolumes and the print*VolumeSource helpers for the sources the model carries.
public static partial class PodDescriber
{
    private static void WriteVolumes(DescribeWriter w, IReadOnlyList<Volume>? volumes)
    {
        if (volumes is null || volumes.Count == 0)
        {
            w.Write(Level0, "Volumes:\t<none>\n");
            return;
        }
        w.Write(Level0, "Volumes:\n");
        foreach (var volume in volumes)
        {
            w.Write(Level1, $"{volume.Name}:\n");
            // Same precedence as the Go switch.
            if (volume.HostPath is { } hostPath)
                w.Write(Level2, "Type:\tHostPath (bare host directory volume)\n" +
                                $"    Path:\t{hostPath.Path}\n" +
                                $"    HostPathType:\t{(hostPath.Type is null ? "<none>" : hostPath.Type)}\n");
            else if (volume.EmptyDir is { } emptyDir)
                w.Write(Level2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n" +
                                $"    Medium:\t{emptyDir.Medium}\n" +
                                $"    SizeLimit:\t{(emptyDir.SizeLimit is { Sign: > 0 } limit ? limit.ToString() : "<unset>")}\n");
            else if (volume.Secret is { } secret)
                w.Write(Level2, "Type:\tSecret (a volume populated by a Secret)\n" +
                                $"    SecretName:\t{secret.SecretName}\n" +
                                $"    Optional:\t{GoText.Lower(secret.Optional == true)}\n");
            else if (volume.ConfigMap is { } configMap)
                w.Write(Level2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n" +
                                $"    Name:\t{configMap.Name}\n" +
                                $"    Optional:\t{GoText.Lower(configMap.Optional == true)}\n");
            else if (volume.Nfs is { } nfs)
                w.Write(Level2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n" +
                                $"    Server:\t{nfs.Server}\n" +
                                $"    Path:\t{nfs.Path}\n" +
                                $"    ReadOnly:\t{GoText.Lower(nfs.ReadOnly == true)}\n");
            else if (volume.PersistentVolumeClaim is { } claim)
                w.Write(Level2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n" +
                                $"    ClaimName:\t{claim.ClaimName}\n" +
                                $"    ReadOnly:\t{GoText.Lower(claim.ReadOnly == true)}\n");
            else if (volume.DownwardAPI is { } downward)
            {
                w.Write(Level2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
                WriteDownwardItems(w, downward.Items);
            }
            else if (volume.Projected is { } projected) WriteProjected(w, projected);
            else w.Write(Level1, "<unknown>\n");
        }
    }

    private static void WriteDownwardItems(DescribeWriter w, IReadOnlyList<DownwardApiVolumeFile>? items)
    {
        foreach (var item in items ?? [])
        {
            if (item.FieldRef is { } fieldRef) w.Write(Level3, $"{fieldRef.FieldPath} -> {item.Path}\n");
            if (item.ResourceFieldRef is { } resourceRef) w.Write(Level3, $"{resourceRef.Resource} -> {item.Path}\n");
        }
    }

    // printProjectedVolumeSource. Go prints the *bool Optional with %v: "<nil>" when unset (an address
    // otherwise, which is not reproducible; the value is printed instead).
    private static void WriteProjected(DescribeWriter w, ProjectedVolumeSource projected)
    {
        w.Write(Level2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
        foreach (var source in projected.Sources ?? [])
        {
            if (source.Secret is { } secret)
                w.Write(Level2, $"SecretName:\t{secret.Name}\n    SecretOptionalName:\t{OptionalPointer(secret.Optional)}\n");
            else if (source.DownwardAPI is not null)
                w.Write(Level2, "DownwardAPI:\ttrue\n");
            else if (source.ConfigMap is { } configMap)
                w.Write(Level2, $"ConfigMapName:\t{configMap.Name}\n    ConfigMapOptional:\t{OptionalPointer(configMap.Optional)}\n");
            else if (source.ServiceAccountToken is { } token)
                w.Write(Level2, $"TokenExpirationSeconds:\t{token.ExpirationSeconds ?? 3600}\n");
        }
    }

    private static string OptionalPointer(bool? value) => value is null ? "<nil>" : GoText.Lower(value.Value);
}
