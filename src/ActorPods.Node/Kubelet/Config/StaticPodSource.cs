using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorPods.Api.Defaulting;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Api.Validation;

namespace ActorPods.Node.Kubelet.Config;

/// <summary>
/// The kubelet's file source of static pods (pkg/kubelet/config/file.go, common.go, config.go): a manifest becomes a
/// pod the kubelet runs without the api-server — decoded with the scheme's defaults, then applyDefaults: a UID hashed
/// from the pod, the node and the file; the name suffixed with "-&lt;node&gt;"; namespace "default"; spec.nodeName; the
/// config.hash annotation; a blanket NoExecute toleration; phase Pending. config.go adds config.source and, when the
/// pod is first seen, config.seen.
/// </summary>
public static class StaticPodSource
{
    // pkg/kubelet/types/pod_update.go
    public const string ConfigSourceAnnotationKey = "kubernetes.io/config.source";
    public const string ConfigMirrorAnnotationKey = "kubernetes.io/config.mirror";
    public const string ConfigFirstSeenAnnotationKey = "kubernetes.io/config.seen";
    public const string ConfigHashAnnotationKey = "kubernetes.io/config.hash";
    public const string FileSource = "file";

    /// <summary>
    /// The pod as the kubelet runs it. <paramref name="manifest"/> is left untouched; its <see cref="KubeObject.Origin"/>
    /// file is the "file:" part of the UID hash. config.seen is not set here (it is the time the kubelet first sees it).
    /// </summary>
    public static Pod Prepare(Pod manifest, string nodeName)
    {
        var pod = manifest.DeepClone();
        pod.ApiVersion ??= "v1";
        pod.Kind ??= "Pod";
        pod.Metadata ??= new ObjectMeta();
        // The decoder's scheme defaults. The blanket toleration goes in first (applyDefaults appends it) so that the
        // DefaultTolerationSeconds step of the defaulter sees it and adds nothing, as with the mirror pod at the api-server.
        var spec = pod.Spec ??= new PodSpec();
        AddOrUpdateToleration(spec, new Toleration { Operator = "Exists", Effect = "NoExecute" });
        ObjectDefaulter.Apply(pod);

        // applyDefaults: hash.DeepHashObject(pod) then "host:<node>" and "file:<path>" (md5 in v1.32). Our canonical
        // form of the pod is its JSON, so the UID differs from a real kubelet's but changes exactly when the file does.
        var source = manifest.Origin?.File ?? "";
        var json = JsonSerializer.Serialize(pod, KubeJson.Options);
        var uid = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(json + "host:" + nodeName + "file:" + source))).ToLowerInvariant();

        pod.Meta.Uid = uid;
        pod.Meta.Name = GeneratePodName(manifest.Metadata?.Name ?? "", nodeName);
        if (string.IsNullOrEmpty(pod.Meta.Namespace)) pod.Meta.Namespace = "default";
        spec.NodeName = nodeName;
        var annotations = pod.Meta.Annotations ??= new Dictionary<string, string>();
        annotations[ConfigHashAnnotationKey] = uid;
        annotations[ConfigSourceAnnotationKey] = FileSource;
        pod.Status = new PodStatus { Phase = "Pending" };
        return pod;
    }

    /// <summary>generatePodName: "&lt;name&gt;-&lt;node name lowercased&gt;".</summary>
    public static string GeneratePodName(string name, string nodeName) => $"{name}-{nodeName.ToLowerInvariant()}";

    /// <summary>
    /// Why the kubelet would refuse the prepared pod (tryDecodeSinglePod): ValidatePodCreate ("invalid pod: ..."), then
    /// getAPIReferences (a static pod may not reference API objects). Each problem names the field it is about.
    /// </summary>
    public static IReadOnlyList<StaticPodProblem> Check(Pod prepared)
    {
        var problems = ObjectValidator.Validate(prepared).Select(e => new StaticPodProblem(e.Field, $"invalid pod: {e}")).ToList();
        var references = ApiReferences(prepared);
        if (references.Count > 0)
            problems.Add(new StaticPodProblem("spec",
                $"pod \"{prepared.Metadata?.Name}\" has forbidden references to API objects: {string.Join(", ", references)}"));
        return problems;
    }

    /// <summary>common.go getAPIReferences, sorted as sets.String.List() does.</summary>
    public static IReadOnlyList<string> ApiReferences(Pod pod)
    {
        var refs = new SortedSet<string>(StringComparer.Ordinal);
        var spec = pod.Spec ?? new PodSpec();
        if (!string.IsNullOrEmpty(spec.ServiceAccountName)) refs.Add($"ServiceAccount \"{spec.ServiceAccountName}\"");
        foreach (var s in spec.ImagePullSecrets ?? []) if (!string.IsNullOrEmpty(s.Name)) refs.Add($"Secret \"{s.Name}\"");
        foreach (var c in (spec.InitContainers ?? []).Concat(spec.Containers ?? []))
        {
            foreach (var e in c.EnvFrom ?? [])
            {
                if (e.ConfigMapRef?.Name is { } cm) refs.Add($"ConfigMap \"{cm}\"");
                if (e.SecretRef?.Name is { } secret) refs.Add($"Secret \"{secret}\"");
            }
            foreach (var e in c.Env ?? [])
            {
                if (e.ValueFrom?.ConfigMapKeyRef?.Name is { } cm) refs.Add($"ConfigMap \"{cm}\"");
                if (e.ValueFrom?.SecretKeyRef?.Name is { } secret) refs.Add($"Secret \"{secret}\"");
            }
        }
        foreach (var v in spec.Volumes ?? [])
        {
            if (v.EmptyDir is not null || v.HostPath is not null || v.DownwardAPI is not null || v.Nfs is not null) continue;
            if (v.Projected is { } projected)
            {
                foreach (var s in projected.Sources ?? [])
                {
                    if (s.ConfigMap is not null) refs.Add($"configMap projected volume \"{v.Name}\"");
                    else if (s.Secret is not null) refs.Add($"secret projected volume \"{v.Name}\"");
                    else if (s.ServiceAccountToken is not null) refs.Add($"serviceAccountToken projected volume \"{v.Name}\"");
                    else if (s.DownwardAPI is null) refs.Add($"unknown source for projected volume \"{v.Name}\"");
                }
            }
            else if (v.ConfigMap is not null) refs.Add($"ConfigMap volume \"{v.Name}\"");
            else if (v.PersistentVolumeClaim is not null) refs.Add($"PersistentVolumeClaim volume \"{v.Name}\"");
            else if (v.Secret is not null) refs.Add($"Secret volume \"{v.Name}\"");
            else refs.Add($"unknown type for volume \"{v.Name}\"");
        }
        return refs.ToList();
    }

    /// <summary>recordFirstSeenTime: kubetypes.NewTimestamp().GetString(), Go's RFC3339Nano (trailing zeros dropped).</summary>
    public static string FirstSeen(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = (utc.Ticks % TimeSpan.TicksPerSecond * 100).ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        return fraction.Length > 0 ? $"{text}.{fraction}Z" : text + "Z";
    }

    /// <summary>kubetypes.IsStaticPod: the pod came from a source other than the api-server.</summary>
    public static bool IsStaticPod(Pod pod) =>
        pod.Metadata?.Annotations?.TryGetValue(ConfigSourceAnnotationKey, out var source) == true && source != "api";

    /// <summary>kubetypes.IsMirrorPod: the api-server's copy of a static pod.</summary>
    public static bool IsMirrorPod(Pod pod) => pod.Metadata?.Annotations?.ContainsKey(ConfigMirrorAnnotationKey) == true;

    /// <summary>pod.IsMirrorPodOf: same full name, and the mirror carries the static pod's hash.</summary>
    public static bool IsMirrorPodOf(Pod mirror, Pod staticPod) =>
        mirror.Metadata?.Name == staticPod.Metadata?.Name
        && mirror.Metadata?.Namespace == staticPod.Metadata?.Namespace
        && mirror.Metadata?.Annotations?.GetValueOrDefault(ConfigMirrorAnnotationKey) is { } hash
        && hash == staticPod.Metadata?.Annotations?.GetValueOrDefault(ConfigHashAnnotationKey);

    /// <summary>
    /// basicMirrorClient.CreateMirrorPod's object: a copy with the config.mirror annotation (the static pod's hash)
    /// and, for the NodeRestriction admission (MirrorPodNodeRestriction), a controller reference to the Node.
    /// </summary>
    public static Pod MirrorOf(Pod staticPod, string nodeName, string nodeUid)
    {
        var mirror = staticPod.DeepClone();
        var meta = mirror.Meta;
        meta.Annotations = new Dictionary<string, string>(meta.Annotations ?? new Dictionary<string, string>())
        {
            [ConfigMirrorAnnotationKey] = staticPod.Metadata?.Annotations?.GetValueOrDefault(ConfigHashAnnotationKey) ?? "",
        };
        meta.OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = nodeUid, Controller = true }];
        meta.Uid = null;
        meta.ResourceVersion = null;
        return mirror;
    }

    /// <summary>helper.AddOrUpdateTolerationInPod: replaces an equal-keyed toleration, else appends.</summary>
    private static void AddOrUpdateToleration(PodSpec spec, Toleration toleration)
    {
        var list = spec.Tolerations ??= [];
        for (var i = 0; i < list.Count; i++)
        {
            var t = list[i];
            if ((t.Key ?? "") == (toleration.Key ?? "") && (t.Effect ?? "") == (toleration.Effect ?? "")
                && (t.Operator ?? "Equal") == toleration.Operator && (t.Value ?? "") == (toleration.Value ?? ""))
            {
                list[i] = toleration;
                return;
            }
        }
        list.Add(toleration);
    }
}

/// <summary>One reason a static pod manifest is refused, and the field (JSON path) it is about.</summary>
public sealed record StaticPodProblem(string FieldPath, string Message);
