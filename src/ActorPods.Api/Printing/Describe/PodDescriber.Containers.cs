using System.Globalization;
using ActorPods.Api.Model;
using ActorPods.Api.Quantities;
using static ActorPods.Api.Printing.Describe.DescribeWriter;

namespace ActorPods.Api.Printing.Describe;

// describe.go describeContainers and its helpers.
public static partial class PodDescriber
{
    private static void WriteContainers(DescribeWriter w, string label, IReadOnlyList<Container> containers,
        IReadOnlyList<ContainerStatus>? statuses, Pod pod, TimeZoneInfo zone)
    {
        // Go builds a map by name: the last status of a name wins.
        var byName = new Dictionary<string, ContainerStatus>();
        foreach (var s in statuses ?? []) byName[s.Name ?? ""] = s;

        w.Write(Level0, $"{label}:{(containers.Count == 0 ? " <none>" : "")}\n");
        foreach (var container in containers)
        {
            var hasStatus = byName.TryGetValue(container.Name ?? "", out var status);
            WriteBasicInfo(w, container, status, hasStatus);
            WriteCommand(w, container);
            if (hasStatus) WriteState(w, status!, zone);
            WriteResources(w, container.Resources, Level2);
            if (container.LivenessProbe is { } liveness) w.Write(Level2, $"Liveness:\t{ProbeDescription.Describe(liveness)}\n");
            if (container.ReadinessProbe is { } readiness) w.Write(Level2, $"Readiness:\t{ProbeDescription.Describe(readiness)}\n");
            if (container.StartupProbe is { } startup) w.Write(Level2, $"Startup:\t{ProbeDescription.Describe(startup)}\n");
            if (container.EnvFrom is { Count: > 0 }) WriteEnvFrom(w, container.EnvFrom);
            WriteEnv(w, container, pod);
            WriteMounts(w, container);
        }
    }

    private static void WriteBasicInfo(DescribeWriter w, Container container, ContainerStatus? status, bool hasStatus)
    {
        w.Write(Level1, $"{container.Name}:\n");
        if (hasStatus) w.Write(Level2, $"Container ID:\t{status!.ContainerID}\n");
        w.Write(Level2, $"Image:\t{container.Image}\n");
        if (hasStatus) w.Write(Level2, $"Image ID:\t{status!.ImageID}\n");
        var ports = string.Join(", ", (container.Ports ?? []).Select(p => $"{p.ContainerPort ?? 0}/{p.Protocol ?? "TCP"}"));
        w.Write(Level2, ports.Contains(',') ? $"Ports:\t{ports}\n" : $"Port:\t{PodPrinter.NoneIfEmpty(ports)}\n");
        var hostPorts = string.Join(", ", (container.Ports ?? []).Select(p => $"{p.HostPort ?? 0}/{p.Protocol ?? "TCP"}"));
        w.Write(Level2, hostPorts.Contains(',') ? $"Host Ports:\t{hostPorts}\n" : $"Host Port:\t{PodPrinter.NoneIfEmpty(hostPorts)}\n");
        if (container.SecurityContext?.SeccompProfile is { } seccomp)
        {
            w.Write(Level2, $"SeccompProfile:\t{seccomp.Type}\n");
            if (seccomp.Type == "Localhost") w.Write(Level3, $"LocalhostProfile:\t{seccomp.LocalhostProfile}\n");
        }
    }

    private static void WriteCommand(DescribeWriter w, Container container)
    {
        if (container.Command is { Count: > 0 })
        {
            w.Write(Level2, "Command:\n");
            foreach (var line in container.Command.SelectMany(c => c.Split('\n'))) w.Write(Level3, line + "\n");
        }
        if (container.Args is { Count: > 0 })
        {
            w.Write(Level2, "Args:\n");
            foreach (var line in container.Args.SelectMany(a => a.Split('\n'))) w.Write(Level3, line + "\n");
        }
    }

    private static void WriteState(DescribeWriter w, ContainerStatus status, TimeZoneInfo zone)
    {
        WriteContainerState(w, "State", status.State, zone);
        if (status.LastState?.Terminated is not null) WriteContainerState(w, "Last State", status.LastState, zone);
        w.Write(Level2, $"Ready:\t{GoText.Bool(status.Ready == true)}\n");
        w.Write(Level2, $"Restart Count:\t{status.RestartCount ?? 0}\n");
    }

    // describeStatus
    private static void WriteContainerState(DescribeWriter w, string name, ContainerState? state, TimeZoneInfo zone)
    {
        if (state?.Running is { } running)
        {
            w.Write(Level2, $"{name}:\tRunning\n");
            w.Write(Level3, $"Started:\t{GoText.Rfc1123Z(running.StartedAt, zone)}\n");
        }
        else if (state?.Waiting is { } waiting)
        {
            w.Write(Level2, $"{name}:\tWaiting\n");
            if (!string.IsNullOrEmpty(waiting.Reason)) w.Write(Level3, $"Reason:\t{waiting.Reason}\n");
        }
        else if (state?.Terminated is { } terminated)
        {
            w.Write(Level2, $"{name}:\tTerminated\n");
            if (!string.IsNullOrEmpty(terminated.Reason)) w.Write(Level3, $"Reason:\t{terminated.Reason}\n");
            if (!string.IsNullOrEmpty(terminated.Message)) w.Write(Level3, $"Message:\t{terminated.Message}\n");
            w.Write(Level3, $"Exit Code:\t{terminated.ExitCode ?? 0}\n");
            if ((terminated.Signal ?? 0) > 0) w.Write(Level3, $"Signal:\t{terminated.Signal}\n");
            w.Write(Level3, $"Started:\t{GoText.Rfc1123Z(terminated.StartedAt, zone)}\n");
            w.Write(Level3, $"Finished:\t{GoText.Rfc1123Z(terminated.FinishedAt, zone)}\n");
        }
        else w.Write(Level2, $"{name}:\tWaiting\n");
    }

    // describeResources: names sorted, canonical quantities.
    private static void WriteResources(DescribeWriter w, ResourceRequirements? resources, int level)
    {
        if (resources is null) return;
        if (resources.Limits is { Count: > 0 })
        {
            w.Write(level, "Limits:\n");
            foreach (var (name, q) in resources.Limits.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.Write(level + 1, $"{name}:\t{q}\n");
        }
        if (resources.Requests is { Count: > 0 })
        {
            w.Write(level, "Requests:\n");
            foreach (var (name, q) in resources.Requests.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.Write(level + 1, $"{name}:\t{q}\n");
        }
    }

    private static void WriteEnvFrom(DescribeWriter w, IReadOnlyList<EnvFromSource> envFrom)
    {
        w.Write(Level2, "Environment Variables from:\n");
        foreach (var e in envFrom)
        {
            var (from, name, optional) = e.ConfigMapRef is { } cm ? ("ConfigMap", cm.Name, cm.Optional == true)
                : e.SecretRef is { } secret ? ("Secret", secret.Name, secret.Optional == true) : ("", "", false);
            w.Write(Level3, string.IsNullOrEmpty(e.Prefix)
                ? $"{name}\t{from}\tOptional: {GoText.Lower(optional)}\n"
                : $"{name}\t{from} with prefix '{e.Prefix}'\tOptional: {GoText.Lower(optional)}\n");
        }
    }

    // describeContainerEnvVars
    private static void WriteEnv(DescribeWriter w, Container container, Pod pod)
    {
        w.Write(Level2, $"Environment:{(container.Env is { Count: > 0 } ? "" : "\t<none>")}\n");
        foreach (var e in container.Env ?? [])
        {
            if (e.ValueFrom is null)
            {
                var lines = (e.Value ?? "").Split('\n');
                w.Write(Level3, $"{e.Name}:\t{lines[0]}\n");
                foreach (var line in lines.Skip(1)) w.Write(Level3, $"\t{line}\n");
                continue;
            }
            var from = e.ValueFrom;
            if (from.FieldRef is { } fieldRef)
                w.Write(Level3, $"{e.Name}:\t{ResolveFieldRef(fieldRef, pod)} ({fieldRef.ApiVersion}:{fieldRef.FieldPath})\n");
            else if (from.ResourceFieldRef is { } resourceRef)
            {
                string value;
                try { value = ContainerResources.ExtractContainerResourceValue(resourceRef, container.Resources); }
                catch (ArgumentException) { value = ""; }
                var resource = resourceRef.Resource ?? "";
                if (value == "0" && resource is "limits.cpu" or "limits.memory") value = "node allocatable";
                w.Write(Level3, $"{e.Name}:\t{value} ({resource})\n");
            }
            else if (from.SecretKeyRef is { } secretRef)
                w.Write(Level3, $"{e.Name}:\t<set to the key '{secretRef.Key}' in secret '{secretRef.Name}'>\tOptional: {GoText.Lower(secretRef.Optional == true)}\n");
            else if (from.ConfigMapKeyRef is { } cmRef)
                w.Write(Level3, $"{e.Name}:\t<set to the key '{cmRef.Key}' of config map '{cmRef.Name}'>\tOptional: {GoText.Lower(cmRef.Optional == true)}\n");
        }
    }

    /// <summary>
    /// EnvValueRetriever: kubectl's scheme only converts the field labels metadata.name and
    /// metadata.namespace, so every other fieldPath resolves to "" (hence "MY_POD_IP:   (v1:status.podIP)").
    /// </summary>
    private static string ResolveFieldRef(ObjectFieldSelector fieldRef, Pod pod) => fieldRef.FieldPath switch
    {
        "metadata.name" => pod.Metadata?.Name ?? "",
        "metadata.namespace" => pod.Metadata?.Namespace ?? "",
        _ => "",
    };

    // describeContainerVolumes: mounts sorted by path, "(ro)" / "(rw,path=\"sub\")".
    private static void WriteMounts(DescribeWriter w, Container container)
    {
        var none = container.VolumeMounts is { Count: > 0 } ? "" : "\t<none>";
        w.Write(Level2, $"Mounts:{none}\n");
        foreach (var mount in (container.VolumeMounts ?? []).OrderBy(m => m.MountPath ?? "", StringComparer.Ordinal))
        {
            var flags = new List<string> { mount.ReadOnly == true ? "ro" : "rw" };
            if (!string.IsNullOrEmpty(mount.SubPath)) flags.Add("path=" + GoText.Quote(mount.SubPath));
            w.Write(Level3, $"{mount.MountPath} from {mount.Name} ({string.Join(",", flags)})\n");
        }
        if (container.VolumeDevices is { Count: > 0 })
        {
            w.Write(Level2, $"Devices:{none}\n");
            foreach (var device in container.VolumeDevices.OrderBy(d => d.DevicePath ?? "", StringComparer.Ordinal))
                w.Write(Level3, $"{device.DevicePath} from {device.Name}\n");
        }
    }

}
