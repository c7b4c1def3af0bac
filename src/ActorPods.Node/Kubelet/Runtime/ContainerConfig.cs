using System.Globalization;
using System.Text;
using ActorPods.Api.Model;
using ActorPods.Api.Quantities;
using ActorPods.Userland.FileSystem;
using ApiContainer = ActorPods.Api.Model.Container;
using UserContainerSpec = ActorPods.Userland.Processes.ContainerSpec;
using UserVolume = ActorPods.Userland.FileSystem.Volume;
using UserVolumeMount = ActorPods.Userland.Processes.VolumeMount;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>A container config could not be generated (CreateContainerConfigError with this message).</summary>
public sealed class ContainerConfigException(string message) : Exception(message);

/// <summary>
/// generateContainerConfig (kubelet_pods.go makeEnvironmentVariables, makeMounts): env from envFrom then env
/// (downward API fieldRef/resourceFieldRef, ConfigMap and Secret keys from the kubelet's caches), mounts resolved
/// against the pod's volumes, the memory limit for the OOM killer.
/// </summary>
public static class ContainerConfig
{
    public static UserContainerSpec Build(Pod pod, ApiContainer c, IReadOnlyDictionary<string, UserVolume> volumes, ObjectCache cache, NodeConfig node)
    {
        var ns = pod.Meta.Namespace ?? "default";
        var env = new List<KeyValuePair<string, string>>();
        void Set(string k, string v)
        {
            env.RemoveAll(e => e.Key == k);
            env.Add(new(k, v));
        }

        foreach (var from in c.EnvFrom ?? [])
        {
            var prefix = from.Prefix ?? "";
            if (from.ConfigMapRef is { } cmRef)
            {
                var cm = cache.ConfigMap(ns, cmRef.Name ?? "");
                if (cm is null)
                {
                    if (cmRef.Optional == true) continue;
                    throw new ContainerConfigException($"configmap \"{cmRef.Name}\" not found");
                }
                foreach (var (k, v) in cm.Data ?? new()) Set(prefix + k, v);
            }
            if (from.SecretRef is { } sRef)
            {
                var s = cache.Secret(ns, sRef.Name ?? "");
                if (s is null)
                {
                    if (sRef.Optional == true) continue;
                    throw new ContainerConfigException($"secret \"{sRef.Name}\" not found");
                }
                foreach (var (k, v) in s.Data ?? new()) Set(prefix + k, Encoding.UTF8.GetString(v));
            }
        }

        foreach (var e in c.Env ?? [])
        {
            var name = e.Name ?? "";
            if (e.ValueFrom is not { } from)
            {
                Set(name, e.Value ?? "");
                continue;
            }
            if (from.FieldRef is { } f) Set(name, FieldValue(pod, f.FieldPath ?? "", node));
            else if (from.ResourceFieldRef is { } r) Set(name, ResourceValue(pod, c, r, node));
            else if (from.ConfigMapKeyRef is { } ck)
            {
                var cm = cache.ConfigMap(ns, ck.Name ?? "");
                if (cm is null)
                {
                    if (ck.Optional == true) continue;
                    throw new ContainerConfigException($"configmap \"{ck.Name}\" not found");
                }
                if (cm.Data?.TryGetValue(ck.Key ?? "", out var v) == true) Set(name, v);
                else if (cm.BinaryData?.TryGetValue(ck.Key ?? "", out var b) == true) Set(name, Encoding.UTF8.GetString(b));
                else if (ck.Optional != true) throw new ContainerConfigException($"couldn't find key {ck.Key} in ConfigMap {ns}/{ck.Name}");
            }
            else if (from.SecretKeyRef is { } sk)
            {
                var s = cache.Secret(ns, sk.Name ?? "");
                if (s is null)
                {
                    if (sk.Optional == true) continue;
                    throw new ContainerConfigException($"secret \"{sk.Name}\" not found");
                }
                if (s.Data?.TryGetValue(sk.Key ?? "", out var v) == true) Set(name, Encoding.UTF8.GetString(v));
                else if (sk.Optional != true) throw new ContainerConfigException($"couldn't find key {sk.Key} in Secret {ns}/{sk.Name}");
            }
        }

        var mounts = new List<UserVolumeMount>();
        foreach (var m in c.VolumeMounts ?? [])
        {
            if (m.Name is null || !volumes.TryGetValue(m.Name, out var volume))
                throw new ContainerConfigException($"cannot find volume \"{m.Name}\" to mount into container \"{c.Name}\"");
            mounts.Add(new UserVolumeMount(m.MountPath ?? "/", volume, string.IsNullOrEmpty(m.SubPath) ? null : m.SubPath, m.ReadOnly == true));
        }

        long? memoryLimit = c.Resources?.Limits?.TryGetValue("memory", out var mem) == true ? mem.Value() : null;
        return new UserContainerSpec
        {
            Name = c.Name ?? "",
            Image = c.Image ?? "",
            Command = c.Command,
            Args = c.Args,
            Env = env,
            WorkingDir = c.WorkingDir,
            Mounts = mounts,
            MemoryLimitBytes = memoryLimit,
            Hostname = pod.Spec?.Hostname ?? pod.Meta.Name ?? "localhost",
            Namespace = ns,
            ServiceAccount = pod.Spec?.AutomountServiceAccountToken != false,
        };
    }

    /// <summary>Downward API field paths (pkg/fieldpath + kubelet podFieldSelectorRuntimeValue).</summary>
    public static string FieldValue(Pod pod, string path, NodeConfig node)
    {
        var meta = pod.Meta;
        switch (path)
        {
            case "metadata.name": return meta.Name ?? "";
            case "metadata.namespace": return meta.Namespace ?? "default";
            case "metadata.uid": return meta.Uid ?? "";
            case "spec.nodeName": return pod.Spec?.NodeName ?? node.Name;
            case "spec.serviceAccountName": return pod.Spec?.ServiceAccountName ?? "default";
            case "status.hostIP":
            case "status.hostIPs": return node.NodeIp;
            case "status.podIP":
            case "status.podIPs": return pod.Status?.PodIP ?? "";
        }
        if (path.StartsWith("metadata.labels['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal))
            return meta.Labels?.GetValueOrDefault(path[17..^2]) ?? "";
        if (path.StartsWith("metadata.annotations['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal))
            return meta.Annotations?.GetValueOrDefault(path[22..^2]) ?? "";
        if (path == "metadata.labels") return string.Join("\n", (meta.Labels ?? new()).OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}=\"{kv.Value}\""));
        if (path == "metadata.annotations") return string.Join("\n", (meta.Annotations ?? new()).OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}=\"{kv.Value}\""));
        return "";
    }

    /// <summary>resourceFieldRef with divisor, rounding up; unset limits are the node's allocatable (resource/helpers.go).</summary>
    public static string ResourceValue(Pod pod, ApiContainer self, ResourceFieldSelector r, NodeConfig node)
    {
        var c = r.ContainerName is { Length: > 0 } n
            ? pod.Spec?.Containers?.Concat(pod.Spec.InitContainers ?? []).FirstOrDefault(x => x.Name == n) ?? self
            : self;
        var resource = r.Resource ?? "";
        var isLimit = resource.StartsWith("limits.", StringComparison.Ordinal);
        var name = resource[(resource.IndexOf('.') + 1)..];
        var list = isLimit ? c.Resources?.Limits : c.Resources?.Requests;
        Quantity value;
        if (list?.TryGetValue(name, out var q) == true) value = q;
        else if (isLimit) value = name switch { "cpu" => node.Cpu, "memory" => node.Memory, _ => Quantity.Parse("100Gi") };
        else value = Quantity.Zero;
        var divisor = r.Divisor is { IsZero: false } d ? d : Quantity.FromValue(1);
        if (name == "cpu")
        {
            var v = (long)Math.Ceiling(value.MilliValue() / (double)divisor.MilliValue());
            // A cpu request of 0 is reported as 1 by the kubelet only for limits; requests may be 0.
            return v.ToString(CultureInfo.InvariantCulture);
        }
        var bytes = (long)Math.Ceiling(value.Value() / (double)divisor.Value());
        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The pod's volumes as the userland mounts them (created once per sandbox). A ConfigMap or Secret volume
    /// holds the object it was mounted from (<paramref name="mountedFrom"/>: the volume manager's), else the cache's.</summary>
    public static Dictionary<string, UserVolume> Volumes(Pod pod, ObjectCache cache, NodeFileSystem disk, NodeConfig node,
        Func<string, KubeObject?>? mountedFrom = null)
    {
        var ns = pod.Meta.Namespace ?? "default";
        var result = new Dictionary<string, UserVolume>(StringComparer.Ordinal);
        foreach (var v in pod.Spec?.Volumes ?? [])
        {
            if (v.Name is null) continue;
            UserVolume volume;
            if (v.HostPath is { Path: { } hostPath }) volume = disk.HostPath(hostPath);
            else if (v.ConfigMap is { } cmv)
            {
                var cm = mountedFrom?.Invoke(v.Name) as ConfigMap ?? cache.ConfigMap(ns, cmv.Name ?? "");
                volume = UserVolume.FromFiles(Project(cm?.Data ?? new(), cmv.Items));
            }
            else if (v.Secret is { } sv)
            {
                var s = mountedFrom?.Invoke(v.Name) as Secret ?? cache.Secret(ns, sv.SecretName ?? "");
                var data = (s?.Data ?? new()).ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetString(kv.Value));
                volume = UserVolume.FromFiles(Project(data, sv.Items));
            }
            else if (v.DownwardAPI is { } dv)
            {
                var files = new Dictionary<string, string>();
                foreach (var item in dv.Items ?? [])
                {
                    if (item.Path is null) continue;
                    if (item.FieldRef is { } f) files[item.Path] = FieldValue(pod, f.FieldPath ?? "", node);
                    else if (item.ResourceFieldRef is { } r && pod.Spec?.Containers?.FirstOrDefault() is { } first)
                        files[item.Path] = ResourceValue(pod, first, r, node);
                }
                volume = UserVolume.FromFiles(files);
            }
            else volume = UserVolume.EmptyDir();
            result[v.Name] = volume;
        }
        return result;
    }

    private static Dictionary<string, string> Project(Dictionary<string, string> data, List<KeyToPath>? items)
    {
        if (items is null || items.Count == 0) return new Dictionary<string, string>(data);
        var files = new Dictionary<string, string>();
        foreach (var i in items)
            if (i.Key is not null && i.Path is not null && data.TryGetValue(i.Key, out var v)) files[i.Path] = v;
        return files;
    }
}
