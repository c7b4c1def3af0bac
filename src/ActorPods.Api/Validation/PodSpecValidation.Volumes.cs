using ActorPods.Api.Model;

namespace ActorPods.Api.Validation;

public static partial class PodSpecValidation
{
    private const string FileModeErrorMsg = "must be a number between 0 and 0777 (octal), both inclusive";
    private static readonly string[] HostPathTypes = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];

    /// <summary>ValidateVolumes: each volume a DNS label, unique, with exactly one source. Returns the names of the valid volumes.</summary>
    private static HashSet<string> ValidateVolumes(List<Volume>? volumes, FieldPath path, List<FieldError> errs)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (volumes?.Count ?? 0); i++)
        {
            var v = volumes![i];
            var idx = path.Index(i);
            var el = ValidateVolumeSource(v, idx);
            if (string.IsNullOrEmpty(v.Name)) el.Add(FieldError.Required(idx.Child("name")));
            else el.AddRange(Dns1123Label(v.Name, idx.Child("name")));
            if (names.Contains(v.Name ?? "")) el.Add(FieldError.Duplicate(idx.Child("name"), v.Name ?? ""));
            if (el.Count == 0) names.Add(v.Name ?? "");
            else errs.AddRange(el);
        }
        return names;
    }

    /// <summary>validateVolumeSource, in upstream's order of source types ("downwarAPI" is upstream's own spelling).</summary>
    private static List<FieldError> ValidateVolumeSource(Volume v, FieldPath path)
    {
        var errs = new List<FieldError>();
        var count = 0;
        void One(object? source, string name, Func<List<FieldError>> validate)
        {
            if (source is null) return;
            if (count > 0) errs.Add(FieldError.Forbidden(path.Child(name), "may not specify more than 1 volume type"));
            else
            {
                count++;
                errs.AddRange(validate());
            }
        }
        One(v.EmptyDir, "emptyDir", () => v.EmptyDir!.SizeLimit is { Sign: < 0 }
            ? [FieldError.Forbidden(path.Child("emptyDir").Child("sizeLimit"), "SizeLimit field must be a valid resource quantity")]
            : []);
        One(v.HostPath, "hostPath", () => ValidateHostPath(v.HostPath!, path.Child("hostPath")));
        One(v.Secret, "secret", () => ValidateSecretVolume(v.Secret!, path.Child("secret")));
        One(v.Nfs, "nfs", () => ValidateNfs(v.Nfs!, path.Child("nfs")));
        One(v.PersistentVolumeClaim, "persistentVolumeClaim", () => string.IsNullOrEmpty(v.PersistentVolumeClaim!.ClaimName)
            ? [FieldError.Required(path.Child("persistentVolumeClaim").Child("claimName"))]
            : []);
        One(v.DownwardAPI, "downwarAPI", () => ValidateDownwardApiVolume(v.DownwardAPI!, path.Child("downwardAPI")));
        One(v.ConfigMap, "configMap", () => ValidateConfigMapVolume(v.ConfigMap!, path.Child("configMap")));
        One(v.Projected, "projected", () => ValidateProjected(v.Projected!, path.Child("projected")));
        if (count == 0) errs.Add(FieldError.Required(path, "must specify a volume type"));
        return errs;
    }

    private static List<FieldError> ValidateHostPath(HostPathVolumeSource hostPath, FieldPath path)
    {
        if (string.IsNullOrEmpty(hostPath.Path)) return [FieldError.Required(path.Child("path"))];
        var errs = ValidatePathNoBacksteps(hostPath.Path, path.Child("path"));
        if (hostPath.Type is { } type && !HostPathTypes.Contains(type))
            errs.Add(FieldError.NotSupported(path.Child("type"), type, HostPathTypes));
        return errs;
    }

    private static List<FieldError> ValidateSecretVolume(SecretVolumeSource s, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (string.IsNullOrEmpty(s.SecretName)) errs.Add(FieldError.Required(path.Child("secretName")));
        if (s.DefaultMode is { } mode && (mode > 511 || mode < 0)) errs.Add(FieldError.Invalid(path.Child("defaultMode"), mode, FileModeErrorMsg));
        for (var i = 0; i < (s.Items?.Count ?? 0); i++) errs.AddRange(ValidateKeyToPath(s.Items![i], path.Child("items").Index(i)));
        return errs;
    }

    private static List<FieldError> ValidateConfigMapVolume(ConfigMapVolumeSource c, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (string.IsNullOrEmpty(c.Name)) errs.Add(FieldError.Required(path.Child("name")));
        if (c.DefaultMode is { } mode && (mode > 511 || mode < 0)) errs.Add(FieldError.Invalid(path.Child("defaultMode"), mode, FileModeErrorMsg));
        for (var i = 0; i < (c.Items?.Count ?? 0); i++) errs.AddRange(ValidateKeyToPath(c.Items![i], path.Child("items").Index(i)));
        return errs;
    }

    private static List<FieldError> ValidateKeyToPath(KeyToPath kp, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (string.IsNullOrEmpty(kp.Key)) errs.Add(FieldError.Required(path.Child("key")));
        if (string.IsNullOrEmpty(kp.Path)) errs.Add(FieldError.Required(path.Child("path")));
        errs.AddRange(ValidateLocalNonReservedPath(kp.Path ?? "", path.Child("path")));
        if (kp.Mode is { } mode && (mode > 511 || mode < 0)) errs.Add(FieldError.Invalid(path.Child("mode"), mode, FileModeErrorMsg));
        return errs;
    }

    private static List<FieldError> ValidateNfs(NfsVolumeSource nfs, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (string.IsNullOrEmpty(nfs.Server)) errs.Add(FieldError.Required(path.Child("server")));
        if (string.IsNullOrEmpty(nfs.Path)) errs.Add(FieldError.Required(path.Child("path")));
        if (!(nfs.Path ?? "").StartsWith('/')) errs.Add(FieldError.Invalid(path.Child("path"), nfs.Path ?? "", "must be an absolute path"));
        return errs;
    }

    private static List<FieldError> ValidateDownwardApiVolume(DownwardApiVolumeSource d, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (d.DefaultMode is { } mode && (mode > 511 || mode < 0)) errs.Add(FieldError.Invalid(path.Child("defaultMode"), mode, FileModeErrorMsg));
        // Upstream validates each item against the volume's path, not the item's index.
        foreach (var file in d.Items ?? []) errs.AddRange(ValidateDownwardApiFile(file, path));
        return errs;
    }

    private static List<FieldError> ValidateDownwardApiFile(DownwardApiVolumeFile file, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (string.IsNullOrEmpty(file.Path)) errs.Add(FieldError.Required(path.Child("path")));
        errs.AddRange(ValidateLocalNonReservedPath(file.Path ?? "", path.Child("path")));
        if (file.FieldRef is { } fieldRef)
        {
            errs.AddRange(ValidateObjectFieldSelector(fieldRef, VolumeFieldPaths, path.Child("fieldRef")));
            if (file.ResourceFieldRef is not null)
                errs.Add(FieldError.Invalid(path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"));
        }
        else if (file.ResourceFieldRef is { } resourceRef)
            errs.AddRange(ValidateResourceFieldSelector(resourceRef, path.Child("resourceFieldRef"), volume: true));
        else errs.Add(FieldError.Required(path, "one of fieldRef and resourceFieldRef is required"));
        if (file.Mode is { } mode && (mode > 511 || mode < 0)) errs.Add(FieldError.Invalid(path.Child("mode"), mode, FileModeErrorMsg));
        return errs;
    }

    /// <summary>validateProjectedVolumeSource: one source per entry, no duplicate paths, token paths relative.</summary>
    private static List<FieldError> ValidateProjected(ProjectedVolumeSource p, FieldPath path)
    {
        var errs = new List<FieldError>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (p.Sources?.Count ?? 0); i++)
        {
            var source = p.Sources![i];
            var src = path.Child("sources").Index(i);
            var count = 0;
            void Items(string? name, List<KeyToPath>? items, FieldPath projPath)
            {
                if (string.IsNullOrEmpty(name)) errs.Add(FieldError.Required(projPath.Child("name")));
                for (var k = 0; k < (items?.Count ?? 0); k++)
                {
                    errs.AddRange(ValidateKeyToPath(items![k], projPath.Child("items").Index(k)));
                    if (!string.IsNullOrEmpty(items[k].Path) && !paths.Add(items[k].Path!))
                        errs.Add(FieldError.Invalid(path, name ?? "", "conflicting duplicate paths"));
                }
            }
            if (source.Secret is { } secret)
            {
                count++;
                Items(secret.Name, secret.Items, src.Child("secret"));
            }
            if (source.ConfigMap is { } cm)
            {
                count++;
                Items(cm.Name, cm.Items, src.Child("configMap"));
            }
            if (source.DownwardAPI is { } downward)
            {
                count++;
                foreach (var file in downward.Items ?? [])
                {
                    errs.AddRange(ValidateDownwardApiFile(file, src.Child("downwardAPI")));
                    if (!string.IsNullOrEmpty(file.Path) && !paths.Add(file.Path))
                        errs.Add(FieldError.Invalid(path, "", "conflicting duplicate paths"));
                }
            }
            if (source.ServiceAccountToken is { } token)
            {
                count++;
                var tokenPath = src.Child("serviceAccountToken");
                if ((token.ExpirationSeconds ?? 0) < 10 * 60)
                    errs.Add(FieldError.Invalid(tokenPath.Child("expirationSeconds"), token.ExpirationSeconds ?? 0, "may not specify a duration less than 10 minutes"));
                if ((token.ExpirationSeconds ?? 0) > 1L << 32)
                    errs.Add(FieldError.Invalid(tokenPath.Child("expirationSeconds"), token.ExpirationSeconds ?? 0, "may not specify a duration larger than 2^32 seconds"));
                // Upstream reports the token path on the volume's path ("projected.path").
                if (string.IsNullOrEmpty(token.Path)) errs.Add(FieldError.Required(path.Child("path")));
                else errs.AddRange(ValidateLocalNonReservedPath(token.Path, path.Child("path")));
            }
            if (count > 1) errs.Add(FieldError.Forbidden(src, "may not specify more than 1 volume type per source"));
        }
        return errs;
    }

    /// <summary>ValidateVolumeMounts: a name that is a valid volume, a unique mountPath, a relative subPath without "..".</summary>
    private static List<FieldError> ValidateVolumeMounts(List<VolumeMount>? mounts, IReadOnlySet<string> volumes, bool privileged, FieldPath path)
    {
        var errs = new List<FieldError>();
        var mountPoints = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (mounts?.Count ?? 0); i++)
        {
            var m = mounts![i];
            var idx = path.Index(i);
            var name = m.Name ?? "";
            var mountPath = m.MountPath ?? "";
            if (name.Length == 0) errs.Add(FieldError.Required(idx.Child("name")));
            if (!volumes.Contains(name)) errs.Add(FieldError.NotFound(idx.Child("name"), name));
            if (mountPath.Length == 0) errs.Add(FieldError.Required(idx.Child("mountPath")));
            if (!mountPoints.Add(mountPath)) errs.Add(FieldError.Invalid(idx.Child("mountPath"), mountPath, "must be unique"));
            // Upstream reports subPath problems on the list's path (volumeMounts.subPath), not the item's.
            if (!string.IsNullOrEmpty(m.SubPath)) errs.AddRange(ValidateLocalDescendingPath(m.SubPath, path.Child("subPath")));
            if (!string.IsNullOrEmpty(m.SubPathExpr))
            {
                if (!string.IsNullOrEmpty(m.SubPath))
                    errs.Add(FieldError.Invalid(idx.Child("subPathExpr"), m.SubPathExpr, "subPathExpr and subPath are mutually exclusive"));
                errs.AddRange(ValidateLocalDescendingPath(m.SubPathExpr, path.Child("subPathExpr")));
            }
            if (m.MountPropagation is { } propagation)
            {
                if (propagation is not ("None" or "HostToContainer" or "Bidirectional"))
                    errs.Add(FieldError.NotSupported(path.Child("mountPropagation"), propagation, ["Bidirectional", "HostToContainer", "None"]));
                if (propagation == "Bidirectional" && !privileged)
                    errs.Add(FieldError.Forbidden(path.Child("mountPropagation"), "Bidirectional mount propagation is available only to privileged containers"));
            }
        }
        return errs;
    }

    private static List<FieldError> ValidatePathNoBacksteps(string target, FieldPath path) =>
        target.Replace('\\', '/').Split('/').Contains("..")
            ? [FieldError.Invalid(path, target, "must not contain '..'")]
            : [];

    private static List<FieldError> ValidateLocalDescendingPath(string target, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (target.StartsWith('/')) errs.Add(FieldError.Invalid(path, target, "must be a relative path"));
        errs.AddRange(ValidatePathNoBacksteps(target, path));
        return errs;
    }

    private static List<FieldError> ValidateLocalNonReservedPath(string target, FieldPath path)
    {
        var errs = ValidateLocalDescendingPath(target, path);
        if (target.StartsWith("..", StringComparison.Ordinal) && !target.StartsWith("../", StringComparison.Ordinal))
            errs.Add(FieldError.Invalid(path, target, "must not start with '..'"));
        return errs;
    }
}
