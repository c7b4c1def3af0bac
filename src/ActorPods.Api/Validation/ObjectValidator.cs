using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Validation;

/// <summary>
/// kube-apiserver's create and update validation for the kinds this library models, with upstream's field paths
/// and wording. Validate defaulted objects (run <c>ObjectDefaulter.Apply</c> first), as the api-server does.
/// </summary>
public static class ObjectValidator
{
    /// <summary>The field errors for creating <paramref name="obj"/>; empty when it is valid.</summary>
    public static IReadOnlyList<FieldError> Validate(KubeObject obj) => obj switch
    {
        Pod pod => PodValidation.ValidatePodCreate(pod),
        Deployment d => WorkloadValidation.ValidateDeployment(d),
        ReplicaSet rs => WorkloadValidation.ValidateReplicaSet(rs),
        ReplicationController rc => WorkloadValidation.ValidateReplicationController(rc),
        Service svc => ServiceValidation.Validate(svc),
        ConfigMap cm => ValidateConfigMap(cm),
        Secret secret => ValidateSecret(secret),
        Namespace ns => MetadataValidation.ValidateObjectMeta(ns.Metadata, false, NameRules.NameIsDNSLabel, FieldPath.New("metadata")),
        Node node => MetadataValidation.ValidateObjectMeta(node.Metadata, false, NameRules.NameIsDNSSubdomain, FieldPath.New("metadata")),
        // Endpoints, Event, Lease: their metadata only (their spec checks are not modelled; see ChecksMetadataOnly).
        _ => MetadataValidation.ValidateObjectMeta(obj.Metadata, IsNamespaced(obj), NameRules.NameIsDNSSubdomain, FieldPath.New("metadata")),
    };

    /// <summary>Whether <see cref="Validate"/> and <see cref="ValidateUpdate"/> check nothing of <paramref name="obj"/>
    /// but its metadata (the last arm of each). A kind given an arm of its own in either must be listed here, or an
    /// update that keeps the stored metadata would skip its checks.</summary>
    internal static bool ChecksMetadataOnly(KubeObject obj) =>
        obj is not (Pod or Deployment or ReplicaSet or ReplicationController or Service or ConfigMap or Secret or Namespace or Node);

    /// <summary>
    /// The field errors for replacing <paramref name="oldObj"/> with <paramref name="newObj"/>: the pod update rules,
    /// immutable Deployment/ReplicaSet selectors, immutable metadata; other kinds are otherwise validated as on create.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(KubeObject newObj, KubeObject oldObj) => (newObj, oldObj) switch
    {
        (Pod newPod, Pod oldPod) => PodValidation.ValidatePodUpdate(newPod, oldPod),
        (Deployment d, Deployment old) => WorkloadValidation.ValidateDeploymentUpdate(d, old),
        (ReplicaSet rs, ReplicaSet old) => WorkloadValidation.ValidateReplicaSetUpdate(rs, old),
        (ConfigMap cm, ConfigMap old) => [.. MetaUpdate(cm, old), .. ImmutableData(old.Immutable, cm.Immutable, Same(cm.Data, old.Data), Same(cm.BinaryData, old.BinaryData), "binaryData"), .. Validate(cm)],
        (Secret secret, Secret old) => [.. MetaUpdate(secret, old), .. TypeImmutable(secret, old), .. ImmutableData(old.Immutable, secret.Immutable, Same(secret.Data, old.Data), true, null), .. Validate(secret)],
        // Upstream's *Update functions for the other kinds are the metadata rules plus the create-time checks.
        _ => [.. MetaUpdate(newObj, oldObj), .. Validate(newObj)],
    };

    private static List<FieldError> MetaUpdate(KubeObject newObj, KubeObject oldObj) =>
        MetadataValidation.ValidateObjectMetaUpdate(newObj.Metadata, oldObj.Metadata, FieldPath.New("metadata"));

    /// <summary>ValidateConfigMapUpdate / ValidateSecretUpdate: once immutable, always immutable, and the data frozen.</summary>
    private static List<FieldError> ImmutableData(bool? oldImmutable, bool? newImmutable, bool sameData, bool sameBinary, string? binaryField)
    {
        var errs = new List<FieldError>();
        if (oldImmutable != true) return errs;
        const string detail = "field is immutable when `immutable` is set";
        if (newImmutable != true) errs.Add(FieldError.Forbidden(FieldPath.New("immutable"), detail));
        if (!sameData) errs.Add(FieldError.Forbidden(FieldPath.New("data"), detail));
        if (!sameBinary && binaryField is not null) errs.Add(FieldError.Forbidden(FieldPath.New(binaryField), detail));
        return errs;
    }

    private static List<FieldError> TypeImmutable(Secret secret, Secret old) =>
        (secret.Type ?? "") == (old.Type ?? "") ? [] : [FieldError.Invalid(FieldPath.New("type"), secret.Type ?? "", "field is immutable")];

    /// <summary>reflect.DeepEqual of two maps: a nil map differs from an empty one.</summary>
    private static bool Same<TValue>(Dictionary<string, TValue>? a, Dictionary<string, TValue>? b)
    {
        if (a is null || b is null) return a is null && b is null;
        return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && ValueEquals(kv.Value, other));
    }

    private static bool ValueEquals<TValue>(TValue x, TValue y) =>
        x is byte[] bx && y is byte[] by ? bx.AsSpan().SequenceEqual(by) : EqualityComparer<TValue>.Default.Equals(x, y);

    /// <summary>The 422 error for <paramref name="obj"/>, or null when it is valid.</summary>
    public static InvalidObjectError? ValidateToError(KubeObject obj) => ToError(obj, Validate(obj));

    /// <param name="metadataUnchanged">The new metadata is the stored object's (the caller knows it: a spec-only write
    /// spliced into the stored bytes). Its rules passed when it was stored, so a kind whose checks are its metadata alone
    /// has nothing left to check (a kubelet's lease renewal every 10 s).</param>
    public static InvalidObjectError? ValidateUpdateToError(KubeObject newObj, KubeObject oldObj, bool metadataUnchanged = false) =>
        metadataUnchanged && ChecksMetadataOnly(newObj) ? null : ToError(newObj, ValidateUpdate(newObj, oldObj));

    /// <summary>Warnings kube-apiserver returns with an accepted object (kubectl prints each as "Warning: ...").</summary>
    public static IReadOnlyList<string> Warnings(KubeObject obj) => obj switch
    {
        Pod pod => PodValidation.Warnings(pod.Spec, FieldPath.Root),
        Deployment d => PodValidation.Warnings(d.Spec?.Template?.Spec, FieldPath.New("spec", "template")),
        ReplicaSet rs => PodValidation.Warnings(rs.Spec?.Template?.Spec, FieldPath.New("spec", "template")),
        ReplicationController rc => PodValidation.Warnings(rc.Spec?.Template?.Spec, FieldPath.New("spec", "template")),
        _ => [],
    };

    private static InvalidObjectError? ToError(KubeObject obj, IReadOnlyList<FieldError> errors)
    {
        if (errors.Count == 0) return null;
        var info = KindRegistry.Default.Find(obj.GetType());
        var apiVersion = obj.ApiVersion ?? info?.ApiVersion ?? "";
        var group = apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";
        return new InvalidObjectError(group, obj.Kind ?? info?.Kind ?? obj.GetType().Name, obj.Metadata?.Name ?? "", errors);
    }

    private static bool IsNamespaced(KubeObject obj) => KindRegistry.Default.Find(obj.GetType())?.Namespaced ?? true;

    private const int MaxSecretSize = 1 * 1024 * 1024;

    /// <summary>ValidateConfigMap: keys are config keys, not in both data and binaryData; 1 MiB in total.</summary>
    private static List<FieldError> ValidateConfigMap(ConfigMap cm)
    {
        var errs = MetadataValidation.ValidateObjectMeta(cm.Metadata, true, NameRules.NameIsDNSSubdomain, FieldPath.New("metadata"));
        long total = 0;
        foreach (var (key, value) in (cm.Data ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            errs.AddRange(NameRules.IsConfigMapKey(key).Select(m => FieldError.Invalid(FieldPath.New("data").Key(key), key, m)));
            if (cm.BinaryData?.ContainsKey(key) == true)
                errs.Add(FieldError.Invalid(FieldPath.New("data").Key(key), key, "duplicate of key present in binaryData"));
            total += System.Text.Encoding.UTF8.GetByteCount(value);
        }
        foreach (var (key, value) in (cm.BinaryData ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            errs.AddRange(NameRules.IsConfigMapKey(key).Select(m => FieldError.Invalid(FieldPath.New("binaryData").Key(key), key, m)));
            total += value.Length;
        }
        if (total > MaxSecretSize) errs.Add(FieldError.TooLong(FieldPath.Root, MaxSecretSize));
        return errs;
    }

    /// <summary>ValidateSecret: keys are config keys, 1 MiB in total, and the type's required keys.</summary>
    private static List<FieldError> ValidateSecret(Secret secret)
    {
        var errs = MetadataValidation.ValidateObjectMeta(secret.Metadata, true, NameRules.NameIsDNSSubdomain, FieldPath.New("metadata"));
        var dataPath = FieldPath.New("data");
        var data = secret.Data ?? [];
        long total = 0;
        foreach (var (key, value) in data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            errs.AddRange(NameRules.IsConfigMapKey(key).Select(m => FieldError.Invalid(dataPath.Key(key), key, m)));
            total += value.Length;
        }
        if (total > MaxSecretSize) errs.Add(FieldError.TooLong(dataPath, MaxSecretSize));
        switch (secret.Type)
        {
            case "kubernetes.io/service-account-token":
                if (string.IsNullOrEmpty(secret.Metadata?.Annotations?.GetValueOrDefault("kubernetes.io/service-account.name")))
                    errs.Add(FieldError.Required(FieldPath.New("metadata", "annotations").Key("kubernetes.io/service-account.name")));
                break;
            case "kubernetes.io/dockercfg" when !data.ContainsKey(".dockercfg"):
                errs.Add(FieldError.Required(dataPath.Key(".dockercfg")));
                break;
            case "kubernetes.io/dockerconfigjson" when !data.ContainsKey(".dockerconfigjson"):
                errs.Add(FieldError.Required(dataPath.Key(".dockerconfigjson")));
                break;
            case "kubernetes.io/basic-auth" when !data.ContainsKey("username") && !data.ContainsKey("password"):
                errs.Add(FieldError.Required(dataPath.Key("username")));
                errs.Add(FieldError.Required(dataPath.Key("password")));
                break;
            case "kubernetes.io/ssh-auth" when data.GetValueOrDefault("ssh-privatekey") is not { Length: > 0 }:
                errs.Add(FieldError.Required(dataPath.Key("ssh-privatekey")));
                break;
            case "kubernetes.io/tls":
                if (!data.ContainsKey("tls.crt")) errs.Add(FieldError.Required(dataPath.Key("tls.crt")));
                if (!data.ContainsKey("tls.key")) errs.Add(FieldError.Required(dataPath.Key("tls.key")));
                break;
        }
        return errs;
    }
}
